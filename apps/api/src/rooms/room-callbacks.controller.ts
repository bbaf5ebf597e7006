import { Body, Controller, Headers, HttpCode, Inject, Logger, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  analyticsAttendance,
  bbbCallbackUrls,
  CallbackRejected,
  recordingReady,
  ROOMS_OPTIONS,
  RoomPresenceService,
  RoomRecordingsService,
  RoomsOptions,
  verifyHsJwt,
  verifyWebhookChecksum,
  webhookPresence,
} from '@qatys/domain';
import { ApiErrors, Public } from '../common/openapi';
import { mapMediaErrors } from './media-errors';
import { CallbackAcceptedResponse } from './rooms.response';

const MAX_FORM_BYTES = 256 * 1024;

/** The raw form body (not parsed by the app: its checksum covers the bytes as sent). */
function rawBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    if (req.readableEnded || (req as { body?: unknown }).body !== undefined) return resolve('');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES) {
        reject(new CallbackRejected('malformed', 'body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const CALLBACK_ERRORS = [
  [
    403,
    'signature missing, forged or expired (bad_signature, expired) or a malformed body (malformed): nothing written',
  ],
  [404, 'a meeting that is not one of ours: meeting_not_found; nothing written'],
  [409, 'this callback was already taken (a replay): callback_replayed; nothing written'],
] as const;
const errors = () => ApiErrors(...CALLBACK_ERRORS.map(([s, t]) => [s, t] as [403 | 404 | 409, string]));

/**
 * What the media servers tell us: Janus's event handler (room presence) and BigBlueButton's
 * webhooks, analytics callback and recording-ready callback. Each is verified first (basic auth,
 * checksum, JWT); a forged one, a replay or an unknown meeting changes nothing.
 */
@ApiTags('rooms')
@Controller('rooms')
export class RoomCallbacksController {
  private readonly logger = new Logger(RoomCallbacksController.name);

  constructor(
    private readonly presence: RoomPresenceService,
    private readonly recordings: RoomRecordingsService,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
  ) {}

  @Public()
  @Post('janus/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Janus event handler posts (basic auth janus:JANUS_EVENTS_SECRET): room presence',
  })
  @ApiOkResponse({ type: CallbackAcceptedResponse })
  @ApiErrors([403, 'bad credentials: bad_signature'])
  async janusEvents(
    @Headers('authorization') auth: string | undefined,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<CallbackAcceptedResponse> {
    try {
      this.presence.checkJanusAuth(auth);
    } catch {
      return mapMediaErrors(() => Promise.reject(new CallbackRejected('bad_signature', 'bad credentials')));
    }
    try {
      return { changed: await this.presence.janusEvents(body) };
    } catch (e) {
      // Janus's event handler sends a post again only when it got no HTTP answer at all (a curl
      // error; a 500 counts as delivered and the presence in it would be lost). So a post whose
      // writes failed (PostgreSQL or Redis away) is answered by closing the connection: Janus
      // retries with back-off (max_retransmissions, config/janus) and, each write being
      // idempotent, the repeat does what is left.
      this.logger.warn(`janus event post not stored, asking for it again: ${(e as Error).message}`);
      req.socket.destroy();
      throw e;
    }
  }

  @Public()
  @Post('bbb/webhooks')
  @HttpCode(200)
  @ApiOperation({ summary: 'bbb-webhooks calls (checksum in the URL): user-joined / user-left' })
  @ApiOkResponse({ type: CallbackAcceptedResponse })
  @errors()
  webhooks(
    @Req() req: Request,
    @Query('checksum') checksum: string | undefined,
  ): Promise<CallbackAcceptedResponse> {
    return mapMediaErrors(async () => {
      const bbb = this.bbb();
      const body = await rawBody(req);
      verifyWebhookChecksum(
        bbbCallbackUrls(this.options.publicBaseUrl).webhooks,
        body,
        checksum,
        bbb.secret,
        bbb.checksum,
      );
      const { timestamp, events } = webhookPresence(new URLSearchParams(body));
      return { changed: await this.presence.bbbWebhook(timestamp, events) };
    });
  }

  @Public()
  @Post('bbb/analytics')
  @HttpCode(200)
  @ApiOperation({ summary: "BigBlueButton's analytics callback (Authorization: Bearer JWT HS512 with exp)" })
  @ApiOkResponse({ type: CallbackAcceptedResponse })
  @errors()
  analytics(
    @Headers('authorization') auth: string | undefined,
    @Body() body: unknown,
  ): Promise<CallbackAcceptedResponse> {
    return mapMediaErrors(async () => {
      const bbb = this.bbb();
      verifyHsJwt(/^Bearer (.+)$/.exec(auth ?? '')?.[1], bbb.secret, 'HS512', { requireExp: true });
      const a = analyticsAttendance(body);
      return { changed: await this.presence.bbbAnalytics(a.meetingId, a.internalMeetingId, a.attendees) };
    });
  }

  @Public()
  @Post('bbb/recording-ready')
  @HttpCode(200)
  @ApiOperation({ summary: "BigBlueButton's recording-ready callback (signed_parameters: JWT HS256)" })
  @ApiOkResponse({ type: CallbackAcceptedResponse })
  @errors()
  recordingReady(@Req() req: Request): Promise<CallbackAcceptedResponse> {
    return mapMediaErrors(async () => {
      const bbb = this.bbb();
      const { meetingId, recordId } = recordingReady(new URLSearchParams(await rawBody(req)), bbb.secret);
      await this.recordings.bbbRecordingReady(meetingId, recordId);
      return { changed: 1 };
    });
  }

  private bbb(): NonNullable<RoomsOptions['bbb']> {
    if (!this.options.bbb)
      throw new CallbackRejected('bad_signature', 'BigBlueButton is not configured here');
    return this.options.bbb;
  }
}
