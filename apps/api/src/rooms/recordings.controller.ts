import { applyDecorators, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { Actor, RecordingAccessService, RecordingFile } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer, ErrorResponse, Public } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { RecordingLinkResponse } from './rooms.response';

const WHO = 'registered attendees of the session, its speakers, organizers, admins and moderators';
const ApiFileAnswers = () =>
  applyDecorators(
    ApiOkResponse({
      description: 'the whole recording (video/webm); `Accept-Ranges: bytes`',
      content: { 'video/webm': { schema: { type: 'string', format: 'binary' } } },
    }),
    ApiResponse({
      status: 206,
      description: 'the bytes a `Range: bytes=a-b` header asked for (video players seek with it)',
      content: { 'video/webm': { schema: { type: 'string', format: 'binary' } } },
    }),
    ApiResponse({
      status: 416,
      type: ErrorResponse,
      description: 'a range outside the file: range_not_satisfiable (`Content-Range: bytes */<size>`)',
    }),
  );

/**
 * Session recordings (built-in rooms, converted by the worker), for the people who may watch
 * them: the file with byte ranges for a signed-in client, and a personal playback link for a
 * `<video>` element, which cannot send an Authorization header.
 */
@ApiTags('rooms')
@Controller()
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingAccessService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Bearer()
  @Get('sessions/:sessionId/recording')
  @ApiOperation({ summary: `The session's recording (${WHO})` })
  @ApiFileAnswers()
  @ApiErrors(
    [403, 'not one of the people who may watch it: forbidden'],
    [404, 'no such session (session_not_found) or no recording of it yet (recording_not_found)'],
  )
  async file(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.recordings.file(actor, sessionId));
  }

  @Bearer()
  @Post('sessions/:sessionId/recording/link')
  @HttpCode(200)
  @ApiOperation({
    summary: `A personal playback link to the session's recording, for a video player (${WHO})`,
  })
  @ApiOkResponse({ type: RecordingLinkResponse })
  @ApiErrors(
    [403, 'not one of the people who may watch it: forbidden'],
    [404, 'no such session (session_not_found) or no recording of it yet (recording_not_found)'],
  )
  async link(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
  ): Promise<RecordingLinkResponse> {
    const l = await this.recordings.link(actor, sessionId, this.config.JWT_SECRET);
    return { url: l.url, expiresAt: l.expiresAt.toISOString(), bytes: l.bytes, contentType: l.contentType };
  }

  @Public()
  @Get('recordings/:link')
  @ApiOperation({
    summary:
      'The recording behind a personal playback link (from POST /sessions/{id}/recording/link; the person’s right is checked again)',
  })
  @ApiFileAnswers()
  @ApiErrors(
    [
      403,
      'the link is forged or expired, or its person may no longer watch: recording_link_invalid / forbidden',
    ],
    [404, 'the recording is gone: recording_not_found'],
  )
  async byLink(@Param('link') link: string, @Res() res: Response): Promise<void> {
    send(res, await this.recordings.fileByLink(link, this.config.JWT_SECRET));
  }
}

/** The file, whole or the asked range (Express's send: 206, 416 and Content-Range done right). */
function send(res: Response, f: RecordingFile): void {
  res.sendFile(
    f.path,
    {
      acceptRanges: true,
      cacheControl: false,
      dotfiles: 'allow',
      headers: {
        'content-type': f.contentType,
        'cache-control': 'private, no-store',
        'content-disposition': `inline; filename="recording-${f.sessionId}.webm"`,
      },
    },
    (err?: Error & { status?: number; statusCode?: number }) => {
      if (!err || res.headersSent) return;
      // The file's headers were set before send found the range unsatisfiable: the answer is JSON.
      for (const h of ['content-type', 'content-disposition', 'etag', 'last-modified']) res.removeHeader(h);
      const status = err.status ?? err.statusCode ?? 500;
      if (status === 416) {
        res.status(416).json({
          statusCode: 416,
          error: 'range_not_satisfiable',
          message: 'The range is outside the file',
        });
      } else {
        res
          .status(404)
          .json({ statusCode: 404, error: 'recording_not_found', message: 'The recording file is gone' });
      }
    },
  );
}
