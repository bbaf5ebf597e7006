import { createHash } from 'crypto';
import { bbbChecksum, RoomLifecycleService, signHsJwt, VideoProviders } from '@qatys/domain';
import { LiveHarness, TestUser } from '../gateway/live-harness';
import { FakeBbb } from './fake-bbb';

/**
 * The BigBlueButton adapter end to end through the api, against the documented shapes: a
 * stand-in server answering the docs' XML and checking our checksums, and callbacks built with
 * the documented algorithms (webhook checksum, analytics JWT HS512, recording-ready JWT HS256).
 */
const SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const PUBLIC = 'http://qatys.test';
const WEBHOOK_URL = `${PUBLIC}/rooms/bbb/webhooks`;

describe('rooms: BigBlueButton adapter (documented shapes)', () => {
  let bbb: FakeBbb;
  let h: LiveHarness;
  let organizer: TestUser;

  beforeAll(async () => {
    bbb = await new FakeBbb(SECRET).start();
    h = await LiveHarness.start({
      BBB_URL: bbb.url,
      BBB_SECRET: SECRET,
      PUBLIC_BASE_URL: PUBLIC,
      VIDEO_DEFAULT_PROVIDER: 'link',
    });
    organizer = await h.user({ roles: ['organizer'] });
  });
  afterAll(async () => {
    await h?.close();
    await bbb?.close();
  });

  const http = () => h.api.http;
  const intervals = async (sessionId: string) =>
    (await h.ds.query(
      `SELECT user_id, left_at FROM attendance_intervals WHERE session_id = $1 ORDER BY joined_at`,
      [sessionId],
    )) as {
      user_id: string;
      left_at: Date | null;
    }[];

  async function bbbSession() {
    const session = await h.liveSession();
    await http()
      .put(`/sessions/${session.id}/video-settings`)
      .set(h.auth(organizer))
      .send({ provider: 'bigbluebutton' })
      .expect(200);
    const [attendee] = await h.users(1);
    const [registrationId] = await h.register(session.id, [attendee]);
    return { session, attendee, registrationId };
  }

  function webhook(
    events: object[],
    timestamp: number,
    checksumOf = (body: string) => createHash('sha1').update(`${WEBHOOK_URL}${body}${SECRET}`).digest('hex'),
  ) {
    const body = new URLSearchParams({
      domain: 'bbb.test',
      event: JSON.stringify(events),
      timestamp: String(timestamp),
    }).toString();
    return http()
      .post(`/rooms/bbb/webhooks?checksum=${checksumOf(body)}`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(body);
  }

  const userEvent = (id: 'user-joined' | 'user-left', meetingId: string, userId: string, ts: number) => ({
    data: {
      type: 'event',
      id,
      attributes: {
        meeting: { 'internal-meeting-id': 'int-1', 'external-meeting-id': meetingId },
        user: {
          'internal-user-id': 'w_abc',
          'external-user-id': userId,
          name: 'A',
          role: 'VIEWER',
          presenter: false,
        },
      },
      event: { ts },
    },
  });

  it('creates the meeting with its callbacks and hands out a signed join URL (role, userID, createTime)', async () => {
    const { session, attendee, registrationId } = await bbbSession();
    const res = await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(200);
    expect(res.body).toMatchObject({ provider: 'bigbluebutton', role: 'attendee', sessionId: session.id });

    const create = bbb.calls.find(
      (c) => c.call === 'create' && c.params.get('meetingID') === `qatys-${session.id}`,
    )!;
    expect(create.checksumOk).toBe(true);
    expect(create.params.get('meta_bbb-recording-ready-url')).toBe(`${PUBLIC}/rooms/bbb/recording-ready`);
    expect(create.params.get('meta_analytics-callback-url')).toBe(`${PUBLIC}/rooms/bbb/analytics`);
    const hook = bbb.calls.find(
      (c) => c.call === 'hooks/create' && c.params.get('meetingID') === `qatys-${session.id}`,
    )!;
    expect(hook.checksumOk).toBe(true);
    expect(hook.params.get('callbackURL')).toBe(WEBHOOK_URL);

    const join = new URL(res.body.joinUrl);
    expect(join.searchParams.get('role')).toBe('VIEWER');
    expect(join.searchParams.get('userID')).toBe(registrationId);
    expect(join.searchParams.get('createTime')).toBe('1531155809613');
    const query = res.body.joinUrl.split('?')[1].replace(/&checksum=[0-9a-f]+$/, '');
    expect(join.searchParams.get('checksum')).toBe(bbbChecksum('join', query, SECRET));

    // create is idempotent on our side too: a second grant makes no second meeting
    await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(200);
    expect(
      bbb.calls.filter((c) => c.call === 'create' && c.params.get('meetingID') === `qatys-${session.id}`),
    ).toHaveLength(1);

    const staff = await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(organizer)).expect(200);
    expect(new URL(staff.body.joinUrl).searchParams.get('role')).toBe('MODERATOR');

    // getMeetingInfo reads the documented answer
    const info = await h.api.app.get(VideoProviders).bbb!.meetingInfo(`qatys-${session.id}`);
    expect(info.attendees[0]).toMatchObject({ fullName: 'Anton G', role: 'MODERATOR' });

    // the session ends: the meeting is ended on the server
    await h.ds.query(`UPDATE sessions SET status = 'ended' WHERE id = $1`, [session.id]);
    await h.api.app.get(RoomLifecycleService).sweep();
    const end = bbb.calls.find(
      (c) => c.call === 'end' && c.params.get('meetingID') === `qatys-${session.id}`,
    )!;
    expect(end.checksumOk).toBe(true);
    await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(409);
  });

  it('merges user-joined / user-left webhooks into attendance; forged, replayed and unknown ones change nothing', async () => {
    const { session, attendee, registrationId } = await bbbSession();
    await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(200);
    const meeting = `qatys-${session.id}`;
    const t0 = Date.now() - 60_000;

    const forged = await webhook([userEvent('user-joined', meeting, registrationId, t0)], 1001, () =>
      'f'.repeat(40),
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('bad_signature');
    const missing = await http()
      .post('/rooms/bbb/webhooks')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('event=[]&timestamp=1');
    expect(missing.status).toBe(403);
    const unknown = await webhook([userEvent('user-joined', 'qatys-someone-else', registrationId, t0)], 1002);
    expect(unknown.status).toBe(404);
    expect(await intervals(session.id)).toEqual([]);

    const joined = await webhook([userEvent('user-joined', meeting, registrationId, t0)], 1003).expect(200);
    expect(joined.body).toEqual({ changed: 1 });
    expect(await intervals(session.id)).toEqual([{ user_id: attendee.id, left_at: null }]);

    const replay = await webhook([userEvent('user-joined', meeting, registrationId, t0)], 1003);
    expect(replay.status).toBe(409);
    expect(await intervals(session.id)).toHaveLength(1);

    const left = await webhook([userEvent('user-left', meeting, registrationId, t0 + 30_000)], 1004);
    expect(left.body).toEqual({ changed: 1 });
    const [row] = await intervals(session.id);
    expect(row.left_at?.getTime()).toBe(t0 + 30_000);
  });

  it('takes the analytics callback (JWT HS512) as closed intervals; forged, expired and replayed are refused', async () => {
    const { session, attendee, registrationId } = await bbbSession();
    await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(200);
    const start = Date.now() - 3_600_000;
    const body = {
      version: '1.0',
      meeting_id: `qatys-${session.id}`,
      internal_meeting_id: 'int-analytics-1',
      data: {
        metadata: {},
        duration: 3600,
        start: new Date(start).toISOString(),
        finish: new Date(start + 3_600_000).toISOString(),
        attendees: [
          {
            ext_user_id: registrationId,
            name: 'A',
            moderator: false,
            joins: [new Date(start + 60_000).toISOString()],
            leaves: [new Date(start + 1_800_000).toISOString()],
          },
        ],
      },
    };
    const exp = Math.floor(Date.now() / 1000) + 60;
    const post = (token: string) =>
      http().post('/rooms/bbb/analytics').set('Authorization', `Bearer ${token}`).send(body);

    expect((await post(signHsJwt({ exp }, 'not-the-secret', 'HS512'))).status).toBe(403);
    expect((await post(signHsJwt({ exp: exp - 600 }, SECRET, 'HS512'))).status).toBe(403);
    expect((await post(signHsJwt({ exp }, SECRET, 'HS256'))).status).toBe(403);
    expect(await intervals(session.id)).toEqual([]);

    await post(signHsJwt({ exp }, SECRET, 'HS512')).expect(200);
    const rows = await intervals(session.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: attendee.id });
    expect(rows[0].left_at?.getTime()).toBe(start + 1_800_000);
    expect((await post(signHsJwt({ exp }, SECRET, 'HS512'))).status).toBe(409);
    expect(await intervals(session.id)).toHaveLength(1);
  });

  it('sets the recording link from the recording-ready callback (JWT HS256); forged and unknown change nothing', async () => {
    const { session, attendee } = await bbbSession();
    await http().post(`/sessions/${session.id}/room-grant`).set(h.auth(attendee)).expect(200);
    const send = (token: string) =>
      http()
        .post('/rooms/bbb/recording-ready')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams({ signed_parameters: token }).toString());
    const link = async () =>
      (
        await h.ds.query(`SELECT recording_url FROM session_live_settings WHERE session_id = $1`, [
          session.id,
        ])
      )[0]?.recording_url ?? null;

    expect(
      (await send(signHsJwt({ meeting_id: `qatys-${session.id}`, record_id: 'rec-1' }, 'forged', 'HS256')))
        .status,
    ).toBe(403);
    expect(
      (await send(signHsJwt({ meeting_id: 'qatys-unknown', record_id: 'rec-1' }, SECRET, 'HS256'))).status,
    ).toBe(404);
    await h.api.drainOutbox();
    expect(await link()).toBeNull();

    await send(signHsJwt({ meeting_id: `qatys-${session.id}`, record_id: 'rec-1' }, SECRET, 'HS256')).expect(
      200,
    );
    await h.api.drainOutbox();
    expect(await link()).toBe(`${new URL(bbb.url).origin}/playback/presentation/2.3/rec-1`);
    expect(
      (await send(signHsJwt({ meeting_id: `qatys-${session.id}`, record_id: 'rec-1' }, SECRET, 'HS256')))
        .status,
    ).toBe(409);
  });
});
