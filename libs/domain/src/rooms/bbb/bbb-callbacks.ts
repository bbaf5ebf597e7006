import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BBB_CHECKSUMS, BbbChecksumAlgorithm } from './bbb-api';

export class CallbackRejected extends Error {
  constructor(
    readonly code: 'bad_signature' | 'expired' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'CallbackRejected';
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A webhook call of bbb-webhooks: `checksum` in the URL is the hash of the registered callback URL
 * (without the checksum), the request body exactly as sent and the shared secret. The algorithm
 * is the server's (`checksumAlgorithm`); the length of the checksum tells which one was used, and
 * only the configured one (or SHA-1, the docs' default) is accepted.
 */
export function verifyWebhookChecksum(
  callbackUrl: string,
  rawBody: string,
  checksum: string | undefined,
  secret: string,
  algorithm: BbbChecksumAlgorithm,
): void {
  if (!checksum || !/^[0-9a-f]+$/i.test(checksum))
    throw new CallbackRejected('bad_signature', 'missing checksum');
  const accepted = new Set<BbbChecksumAlgorithm>(['sha1', algorithm]);
  for (const alg of BBB_CHECKSUMS) {
    if (!accepted.has(alg)) continue;
    const expected = createHash(alg).update(`${callbackUrl}${rawBody}${secret}`).digest('hex');
    if (sameHex(expected, checksum)) return;
  }
  throw new CallbackRejected('bad_signature', 'checksum does not match');
}

const b64url = (buf: Buffer): string => buf.toString('base64url');

/** Signs a JWT (HS256 / HS512); the test fixtures build BigBlueButton's callbacks with it. */
export function signHsJwt(payload: object, secret: string, alg: 'HS256' | 'HS512'): string {
  const head = b64url(Buffer.from(JSON.stringify({ typ: 'JWT', alg })));
  const body = b64url(Buffer.from(JSON.stringify(payload)));
  const sig = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(`${head}.${body}`)
    .digest();
  return `${head}.${body}.${b64url(sig)}`;
}

/**
 * Verifies a JWT signed with the shared secret, with exactly the expected algorithm (a token
 * claiming `none` or another HMAC is refused), and its `exp` when present (required when
 * `requireExp`). Returns the payload.
 */
export function verifyHsJwt(
  token: string | undefined,
  secret: string,
  alg: 'HS256' | 'HS512',
  opts: { now?: Date; requireExp?: boolean } = {},
): Record<string, unknown> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) throw new CallbackRejected('malformed', 'not a JWT');
  let header: { alg?: unknown };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new CallbackRejected('malformed', 'not a JWT');
  }
  if (header.alg !== alg) throw new CallbackRejected('bad_signature', `expected ${alg}`);
  const expected = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(`${parts[0]}.${parts[1]}`)
    .digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CallbackRejected('bad_signature', 'signature does not match');
  }
  if (!payload || typeof payload !== 'object')
    throw new CallbackRejected('malformed', 'payload is not an object');
  const exp = payload.exp;
  if (exp === undefined && opts.requireExp) throw new CallbackRejected('malformed', 'exp missing');
  if (exp !== undefined) {
    if (typeof exp !== 'number') throw new CallbackRejected('malformed', 'exp is not a number');
    if (exp * 1000 <= (opts.now ?? new Date()).getTime())
      throw new CallbackRejected('expired', 'token expired');
  }
  return payload;
}

/** One presence change from a webhook: `user-joined` / `user-left`. */
export interface BbbPresenceEvent {
  kind: 'joined' | 'left';
  meetingId: string;
  /** Our registration id (or user id for staff), as given to `join` as `userID`. */
  externalUserId: string;
  at: Date;
}

/**
 * The events of one webhook body (`event` is one event, or an array of them in bbb-webhooks 3):
 * the user-joined / user-left ones, others ignored. Malformed JSON is refused.
 */
export function webhookPresence(form: URLSearchParams): { timestamp: string; events: BbbPresenceEvent[] } {
  const raw = form.get('event');
  const timestamp = form.get('timestamp') ?? '';
  if (!raw || !/^\d{1,16}$/.test(timestamp))
    throw new CallbackRejected('malformed', 'event and timestamp are required');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CallbackRejected('malformed', 'event is not JSON');
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const events: BbbPresenceEvent[] = [];
  for (const item of list) {
    const data = (item as { data?: Record<string, unknown> })?.data;
    const id = data?.id;
    if (id !== 'user-joined' && id !== 'user-left') continue;
    const attrs = data?.attributes as
      { meeting?: Record<string, unknown>; user?: Record<string, unknown> } | undefined;
    const meetingId = attrs?.meeting?.['external-meeting-id'];
    const userId = attrs?.user?.['external-user-id'];
    const ts = (data?.event as { ts?: unknown } | undefined)?.ts;
    if (typeof meetingId !== 'string' || typeof userId !== 'string' || typeof ts !== 'number') {
      throw new CallbackRejected('malformed', `${id} without meeting, user or ts`);
    }
    events.push({
      kind: id === 'user-joined' ? 'joined' : 'left',
      meetingId,
      externalUserId: userId,
      at: new Date(ts),
    });
  }
  return { timestamp, events };
}

/** One attendee's time in the meeting, from the analytics callback (the learning dashboard's data). */
export interface BbbAnalyticsAttendee {
  externalUserId: string;
  intervals: { joinedAt: Date; leftAt: Date | null }[];
}

const instant = (v: unknown): Date | null => {
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string' && v) {
    const d = new Date(/^\d+$/.test(v) ? Number(v) : v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
};

/**
 * The analytics callback body: `{ meeting_id, internal_meeting_id, data: { attendees: [{ ext_user_id,
 * joins: [...], leaves: [...] }] } }`. Each join pairs with the first leave after it; a join
 * without one stays open until the meeting's `finish`.
 */
export function analyticsAttendance(body: unknown): {
  meetingId: string;
  internalMeetingId: string;
  attendees: BbbAnalyticsAttendee[];
} {
  const b = body as {
    meeting_id?: unknown;
    internal_meeting_id?: unknown;
    data?: { finish?: unknown; attendees?: unknown };
  };
  if (!b || typeof b.meeting_id !== 'string' || !Array.isArray(b.data?.attendees)) {
    throw new CallbackRejected('malformed', 'meeting_id and data.attendees are required');
  }
  const finish = instant(b.data?.finish);
  const attendees: BbbAnalyticsAttendee[] = [];
  for (const a of b.data!.attendees as Record<string, unknown>[]) {
    if (typeof a?.ext_user_id !== 'string') continue;
    const joins = (Array.isArray(a.joins) ? a.joins : []).map(instant).filter((d): d is Date => !!d);
    const leaves = (Array.isArray(a.leaves) ? a.leaves : []).map(instant).filter((d): d is Date => !!d);
    joins.sort((x, y) => x.getTime() - y.getTime());
    leaves.sort((x, y) => x.getTime() - y.getTime());
    const intervals = joins.map((joinedAt) => {
      const i = leaves.findIndex((l) => l.getTime() >= joinedAt.getTime());
      const leftAt = i >= 0 ? leaves.splice(i, 1)[0] : finish;
      return { joinedAt, leftAt };
    });
    attendees.push({ externalUserId: a.ext_user_id, intervals });
  }
  return {
    meetingId: b.meeting_id,
    internalMeetingId: typeof b.internal_meeting_id === 'string' ? b.internal_meeting_id : '',
    attendees,
  };
}

/** The recording-ready callback: `signed_parameters` is a JWT (HS256) of `{ meeting_id, record_id }`. */
export function recordingReady(
  form: URLSearchParams,
  secret: string,
  now?: Date,
): { meetingId: string; recordId: string } {
  const payload = verifyHsJwt(form.get('signed_parameters') ?? undefined, secret, 'HS256', { now });
  if (typeof payload.meeting_id !== 'string' || typeof payload.record_id !== 'string') {
    throw new CallbackRejected('malformed', 'meeting_id and record_id are required');
  }
  return { meetingId: payload.meeting_id, recordId: payload.record_id };
}
