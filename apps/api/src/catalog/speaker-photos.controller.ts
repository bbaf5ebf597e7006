import { Body, Controller, Delete, Get, HttpCode, Ip, Put, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, PhotoFile, PHOTO_TYPES, SpeakerPhotosService, SpeakersService } from '@qatys/domain';
import type { Request, Response } from 'express';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer, Public, Roles } from '../common/openapi';
import { UuidParam } from './catalog-common.request';
import { PublicReadThrottle } from './public-read-throttle';
import { SpeakerResponse } from './speakers.response';

/** The body limit of a photo upload (the parser answers 413 above it; see CatalogApiModule). */
export const PHOTO_BODY_LIMIT = '2mb';

const IMAGE_CONTENT = Object.fromEntries(
  PHOTO_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
);
const UPLOAD_ERRORS: Parameters<typeof ApiErrors> = [
  [400, 'invalid_image: a damaged header, or more than 8000 pixels on a side; validation_failed (the id)'],
  [404, 'speaker_not_found'],
  [413, 'over 2 MB: payload_too_large'],
  [
    415,
    'unsupported_image_type: the bytes are not a JPEG, PNG or WebP image (whatever the Content-Type or file name said)',
  ],
];
const NOT_MODIFIED = { status: 304, description: 'If-None-Match named the current ETag: no body' };

/**
 * Speakers' photos: an organizer uploads the image as the raw request body (any Content-Type:
 * the bytes decide), replaces it by uploading again, or removes it. Served from PostgreSQL with
 * the sha256 as a strong ETag; the versioned URLs in speaker views let caches keep it long.
 */
@ApiTags('speakers')
@Controller()
export class SpeakerPhotosController {
  constructor(
    private readonly photos: SpeakerPhotosService,
    private readonly speakers: SpeakersService,
    private readonly throttle: PublicReadThrottle,
  ) {}

  @Put('speakers/:id/photo')
  @Bearer()
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: "Upload or replace a speaker's photo (raw JPEG, PNG or WebP bytes, at most 2 MB)",
    description:
      'EXIF (GPS position, camera), XMP, IPTC and text metadata are removed before the photo is stored; ' +
      'the pixels, the ICC colour profile and a non-default EXIF orientation are kept.',
  })
  @ApiConsumes(...PHOTO_TYPES, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'the image file itself' })
  @ApiOkResponse({ type: SpeakerResponse, description: 'the speaker with the new photoUrl' })
  @ApiErrors(...UPLOAD_ERRORS)
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: unknown,
  ): Promise<SpeakerResponse> {
    const photo = await this.photos.put(actor, id, bytesOf(body));
    return SpeakerResponse.of(await this.speakers.get(id), photo.sha256);
  }

  @Delete('speakers/:id/photo')
  @HttpCode(204)
  @Bearer()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "Remove a speaker's photo (removing none is harmless)" })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, [404, 'speaker_not_found'])
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.photos.remove(actor, id);
  }

  @Get('speakers/:id/photo')
  @Bearer()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "A speaker's photo for the organizer console (also of speakers only in drafts)" })
  @ApiOkResponse({ description: 'the image, with ETag', content: IMAGE_CONTENT })
  @ApiResponse(NOT_MODIFIED)
  @ApiErrors(400, [404, 'speaker_photo_not_found'])
  async editorPhoto(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Revalidated on each use: the organizer may have replaced it from another tab.
    send(req, res, await this.photos.forEditor(actor, id), 'private, no-cache');
  }

  @Public()
  @Get('public/speakers/:id/photo')
  @ApiTags('public')
  @ApiOperation({
    summary:
      "A speaker's photo (no sign-in): speakers of sessions of published programs only, others are a 404",
  })
  @ApiOkResponse({ description: 'the image, with ETag', content: IMAGE_CONTENT })
  @ApiResponse(NOT_MODIFIED)
  @ApiErrors(400, [404, 'speaker_photo_not_found'], 429)
  async publicPhoto(
    @UuidParam('id') id: string,
    @Ip() ip: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.throttle.take(ip);
    const photo = await this.photos.forPublic(id);
    // A URL carrying the current version never changes its bytes; the bare URL (or an old
    // version) is revalidated so a replaced photo shows at once.
    const versioned =
      typeof req.query.v === 'string' && req.query.v.length >= 8 && photo.sha256.startsWith(req.query.v);
    send(req, res, photo, versioned ? 'public, max-age=86400' : 'public, no-cache');
  }
}

/** The raw parser gives a Buffer; a text/plain or JSON body (parsed earlier) is no image either. */
function bytesOf(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.alloc(0);
}

function send(req: Request, res: Response, photo: PhotoFile, cacheControl: string): void {
  const etag = `"${photo.sha256}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Last-Modified', photo.updatedAt.toUTCString());
  const asked = req.headers['if-none-match'];
  if (asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(photo.contentType).setHeader('Content-Length', String(photo.data.length));
  res.end(photo.data);
}
