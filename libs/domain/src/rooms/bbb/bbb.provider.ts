import type { RoomsOptions } from '../rooms.tokens';
import {
  GrantPerson,
  JoinGrant,
  MediaServerUnavailable,
  RoomHandle,
  RoomRole,
  RoomSpec,
  VideoProvider,
} from '../video-provider';
import { bbbQuery, bbbUrl, BbbResponse, parseBbbResponse } from './bbb-api';

type BbbOptions = NonNullable<RoomsOptions['bbb']>;

/** Our meetingID for a session: stable, so `create` is idempotent across retries and processes. */
export const bbbMeetingId = (sessionId: string): string => `qatys-${sessionId}`;

/** The callback URLs our api serves (registered at `create` and with `hooks/create`). */
export function bbbCallbackUrls(publicBaseUrl: string): {
  webhooks: string;
  analytics: string;
  recordingReady: string;
} {
  const base = publicBaseUrl.replace(/\/$/, '');
  return {
    webhooks: `${base}/rooms/bbb/webhooks`,
    analytics: `${base}/rooms/bbb/analytics`,
    recordingReady: `${base}/rooms/bbb/recording-ready`,
  };
}

/**
 * BigBlueButton, following its API docs: `create` with meta callbacks (recording ready, analytics)
 * and a meeting-bound webhook, join URLs built on the server (role, userID = our registration id,
 * createTime), `end`, `getMeetingInfo`. Every call carries the checksum of the configured algorithm.
 */
export class BbbProvider implements VideoProvider {
  readonly kind = 'bigbluebutton' as const;

  constructor(
    private readonly options: BbbOptions,
    private readonly publicBaseUrl: string,
    private readonly timeoutMs = 5000,
  ) {}

  url(call: string, params: Parameters<typeof bbbQuery>[0]): string {
    return bbbUrl(this.options.url, call, bbbQuery(params), this.options.secret, this.options.checksum);
  }

  private async call(call: string, params: Parameters<typeof bbbQuery>[0]): Promise<BbbResponse> {
    let res: Response;
    try {
      res = await fetch(this.url(call, params), { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new MediaServerUnavailable(
        `BigBlueButton does not answer: ${(e as Error).message}`,
        'bigbluebutton',
      );
    }
    if (!res.ok)
      throw new MediaServerUnavailable(`BigBlueButton answered HTTP ${res.status}`, 'bigbluebutton');
    try {
      return parseBbbResponse(await res.text());
    } catch (e) {
      throw new MediaServerUnavailable(
        `BigBlueButton answered something else: ${(e as Error).message}`,
        'bigbluebutton',
      );
    }
  }

  createParams(spec: RoomSpec): [string, string | number | boolean][] {
    const cb = bbbCallbackUrls(this.publicBaseUrl);
    return [
      ['name', spec.title.slice(0, 64).padEnd(2, '.')],
      ['meetingID', bbbMeetingId(spec.sessionId)],
      ['record', spec.record],
      ['autoStartRecording', spec.record],
      ['meetingKeepEvents', true],
      ['meta_bbb-recording-ready-url', cb.recordingReady],
      ['meta_analytics-callback-url', cb.analytics],
      ['meta_qatys-session-id', spec.sessionId],
    ];
  }

  async createRoom(spec: RoomSpec): Promise<RoomHandle> {
    const meetingId = bbbMeetingId(spec.sessionId);
    const created = await this.call('create', this.createParams(spec));
    if (!created.ok) {
      throw new MediaServerUnavailable(
        `BigBlueButton refused create: ${created.messageKey ?? ''} ${created.message ?? ''}`.trim(),
        'bigbluebutton',
      );
    }
    const hook = await this.call('hooks/create', [
      ['callbackURL', bbbCallbackUrls(this.publicBaseUrl).webhooks],
      ['meetingID', meetingId],
      ['eventID', 'user-joined,user-left'],
    ]);
    if (!hook.ok && hook.messageKey !== 'duplicateWarning') {
      throw new MediaServerUnavailable(
        `BigBlueButton refused hooks/create: ${hook.message ?? ''}`,
        'bigbluebutton',
      );
    }
    return {
      provider: 'bigbluebutton',
      externalId: meetingId,
      nodeId: null,
      relayNodeIds: [],
      secret: null,
      createTime: created.fields.createTime ?? null,
    };
  }

  /** The join URL, signed here: the browser is sent to it and never sees the secret. */
  async grant(room: RoomHandle, person: GrantPerson, role: RoomRole, expiresAt: Date): Promise<JoinGrant> {
    const joinUrl = this.url('join', [
      ['fullName', person.displayName],
      ['meetingID', room.externalId],
      ['role', role === 'attendee' ? 'VIEWER' : 'MODERATOR'],
      ['userID', person.registrationId ?? person.userId],
      ['createTime', room.createTime],
      ['redirect', true],
    ]);
    return { provider: 'bigbluebutton', role, expiresAt: expiresAt.toISOString(), joinUrl };
  }

  async end(room: RoomHandle): Promise<void> {
    const ended = await this.call('end', [['meetingID', room.externalId]]);
    if (!ended.ok && ended.messageKey !== 'notFound') {
      throw new MediaServerUnavailable(`BigBlueButton refused end: ${ended.message ?? ''}`, 'bigbluebutton');
    }
  }

  async meetingInfo(meetingId: string): Promise<BbbResponse> {
    return this.call('getMeetingInfo', [['meetingID', meetingId]]);
  }

  /** Where a recording is watched (the presentation format's playback page). */
  playbackUrl(recordId: string): string {
    const root = this.options.url.replace(/\/bigbluebutton\/?$/, '').replace(/\/$/, '');
    return `${root}/playback/presentation/2.3/${encodeURIComponent(recordId)}`;
  }
}
