import { createHash } from 'node:crypto';
import {
  analyticsAttendance,
  CallbackRejected,
  recordingReady,
  signHsJwt,
  verifyHsJwt,
  verifyWebhookChecksum,
  webhookPresence,
} from './bbb-callbacks';

const SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const CALLBACK = 'https://qatys.example.com/rooms/bbb/webhooks';

/** A webhook body as bbb-webhooks sends it (form fields, event as a JSON array). */
function webhookBody(events: object[], timestamp = 1532718316953): string {
  return new URLSearchParams({
    domain: 'bbb.example.com',
    event: JSON.stringify(events),
    timestamp: String(timestamp),
  }).toString();
}

describe('webhook checksum: sha(callback URL + body + secret)', () => {
  const body = webhookBody([
    { data: { type: 'event', id: 'meeting-ended', attributes: {}, event: { ts: 1 } } },
  ]);
  const sum = (alg: string) => createHash(alg).update(`${CALLBACK}${body}${SECRET}`).digest('hex');

  it('accepts SHA-1 and the configured SHA-256', () => {
    expect(() => verifyWebhookChecksum(CALLBACK, body, sum('sha1'), SECRET, 'sha256')).not.toThrow();
    expect(() => verifyWebhookChecksum(CALLBACK, body, sum('sha256'), SECRET, 'sha256')).not.toThrow();
  });

  it('refuses a changed body, another secret, another URL, a missing checksum', () => {
    expect(() => verifyWebhookChecksum(CALLBACK, `${body}x`, sum('sha1'), SECRET, 'sha1')).toThrow(
      CallbackRejected,
    );
    expect(() => verifyWebhookChecksum(CALLBACK, body, sum('sha1'), 'other', 'sha1')).toThrow(
      CallbackRejected,
    );
    expect(() => verifyWebhookChecksum(`${CALLBACK}/x`, body, sum('sha1'), SECRET, 'sha1')).toThrow(
      CallbackRejected,
    );
    expect(() => verifyWebhookChecksum(CALLBACK, body, undefined, SECRET, 'sha1')).toThrow(CallbackRejected);
  });

  it('refuses SHA-256 when the server is set to SHA-1 only... unless configured', () => {
    expect(() => verifyWebhookChecksum(CALLBACK, body, sum('sha256'), SECRET, 'sha1')).toThrow(
      CallbackRejected,
    );
  });
});

describe('webhook events', () => {
  const joined = {
    data: {
      type: 'event',
      id: 'user-joined',
      attributes: {
        meeting: { 'internal-meeting-id': 'int-1', 'external-meeting-id': 'qatys-s1' },
        user: { 'internal-user-id': 'w_1', 'external-user-id': 'reg-1', name: 'A', role: 'VIEWER' },
      },
      event: { ts: 1532718316938 },
    },
  };

  it('reads user-joined / user-left and ignores the rest (one event or an array)', () => {
    const form = new URLSearchParams(
      webhookBody([joined, { data: { id: 'meeting-created', attributes: {}, event: { ts: 1 } } }]),
    );
    expect(webhookPresence(form)).toEqual({
      timestamp: '1532718316953',
      events: [
        { kind: 'joined', meetingId: 'qatys-s1', externalUserId: 'reg-1', at: new Date(1532718316938) },
      ],
    });
    const single = new URLSearchParams({
      event: JSON.stringify({ data: { ...joined.data, id: 'user-left' } }),
      timestamp: '5',
    });
    expect(webhookPresence(single).events[0].kind).toBe('left');
  });

  it('refuses malformed bodies', () => {
    expect(() => webhookPresence(new URLSearchParams({ event: '{nope', timestamp: '1' }))).toThrow(
      CallbackRejected,
    );
    expect(() => webhookPresence(new URLSearchParams({ event: '[]' }))).toThrow(CallbackRejected);
  });
});

describe('JWT callbacks', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('verifies HS512 (analytics) with exp, and refuses expired, forged and other algorithms', () => {
    const exp = now.getTime() / 1000 + 60;
    const token = signHsJwt({ exp }, SECRET, 'HS512');
    expect(verifyHsJwt(token, SECRET, 'HS512', { now, requireExp: true })).toEqual({ exp });
    expect(() =>
      verifyHsJwt(signHsJwt({ exp: exp - 120 }, SECRET, 'HS512'), SECRET, 'HS512', { now }),
    ).toThrow(/expired/);
    expect(() => verifyHsJwt(signHsJwt({ exp }, 'other', 'HS512'), SECRET, 'HS512', { now })).toThrow(
      CallbackRejected,
    );
    expect(() => verifyHsJwt(signHsJwt({ exp }, SECRET, 'HS256'), SECRET, 'HS512', { now })).toThrow(
      CallbackRejected,
    );
    expect(() =>
      verifyHsJwt(signHsJwt({}, SECRET, 'HS512'), SECRET, 'HS512', { now, requireExp: true }),
    ).toThrow(CallbackRejected);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"exp":${exp}}`).toString('base64url')}.`;
    expect(() => verifyHsJwt(none, SECRET, 'HS512', { now })).toThrow(CallbackRejected);
    expect(() => verifyHsJwt('garbage', SECRET, 'HS512', { now })).toThrow(CallbackRejected);
  });

  it('reads the recording-ready callback (HS256 signed_parameters)', () => {
    const form = new URLSearchParams({
      signed_parameters: signHsJwt({ meeting_id: 'qatys-s1', record_id: 'rec-1' }, SECRET, 'HS256'),
    });
    expect(recordingReady(form, SECRET, now)).toEqual({ meetingId: 'qatys-s1', recordId: 'rec-1' });
    const forged = new URLSearchParams({
      signed_parameters: signHsJwt({ meeting_id: 'qatys-s1', record_id: 'rec-1' }, 'x', 'HS256'),
    });
    expect(() => recordingReady(forged, SECRET, now)).toThrow(CallbackRejected);
  });
});

describe('analytics body', () => {
  it('pairs each join with the next leave; an unmatched join ends at the finish', () => {
    const r = analyticsAttendance({
      version: '1.0',
      meeting_id: 'qatys-s1',
      internal_meeting_id: 'int-1',
      data: {
        finish: '2030-01-01T11:00:00.000Z',
        attendees: [
          {
            ext_user_id: 'reg-1',
            name: 'A',
            moderator: false,
            joins: ['2030-01-01T10:00:00.000Z', '2030-01-01T10:30:00.000Z'],
            leaves: ['2030-01-01T10:10:00.000Z'],
          },
        ],
      },
    });
    expect(r.attendees[0].intervals).toEqual([
      { joinedAt: new Date('2030-01-01T10:00:00Z'), leftAt: new Date('2030-01-01T10:10:00Z') },
      { joinedAt: new Date('2030-01-01T10:30:00Z'), leftAt: new Date('2030-01-01T11:00:00Z') },
    ]);
    expect(() => analyticsAttendance({ data: {} })).toThrow(CallbackRejected);
  });
});
