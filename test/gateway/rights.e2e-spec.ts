import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import type {
  AttendanceUpdate,
  AuthEndedEvent,
  AuthRefreshResult,
  QuestionView,
  SessionJoinResult,
  SessionLeftEvent,
} from '@qatys/contracts';
import { signJoinToken } from '@qatys/domain';
import { TEST_JWT_SECRET } from '../support/api-harness';
import { addSpeaker, createSpeaker } from '../support/factories';
import { waitFor } from '../support/wait';
import {
  collect,
  emit,
  eventually,
  LiveHarness,
  nextEvent,
  okData,
  RunningGateway,
  TestUser,
} from './live-harness';

/**
 * Rights are re-checked while a socket is connected, not only at its handshake and join: an
 * expired token ends the socket (unless refreshed over it), and a cancelled registration, a
 * disabled account or a speaker taken off the session takes the person out of the session at once,
 * on every gateway process, through Postgres NOTIFY (changes made behind the gateway's back).
 */
describe('gateway: rights re-checked while connected (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let pavlodar: number;
  let organizer: TestUser;
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });

  beforeAll(async () => {
    h = await LiveHarness.start();
    [a, b] = await Promise.all([h.startGateway(), h.startGateway()]);
    pavlodar = await h.regionId('KZ-55');
    organizer = await h.user({ roles: ['organizer'] });
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  async function liveSession() {
    const s = await h.liveSession({ targetRegionIds: [pavlodar] });
    await h.ds.query(`INSERT INTO session_live_settings (session_id, qa_premoderation) VALUES ($1, false)`, [
      s.id,
    ]);
    return s.id;
  }

  async function joined(token: string, sessionId: string, gw = a): Promise<Socket> {
    const s = await h.connect(gw.url, token);
    await okData<SessionJoinResult>(s, 'session:join', { sessionId });
    return s;
  }

  /** Live people now, as a staff socket reads them (joining again answers the figures at once). */
  const liveIs = (staff: Socket, sessionId: string, n: number) =>
    waitFor(`${n} live in ${sessionId}`, async () => {
      const j = await okData<SessionJoinResult>(staff, 'session:join', { sessionId });
      return j.attendance?.totals.live === n;
    });

  const disconnected = (s: Socket) =>
    new Promise<string>((resolve) => (s.disconnected ? resolve('already') : s.once('disconnect', resolve)));

  const intervalsOf = (sessionId: string, userId: string) =>
    h.ds.query(
      `SELECT joined_at, left_at, left_reason FROM attendance_intervals WHERE session_id = $1 AND user_id = $2`,
      [sessionId, userId],
    ) as Promise<{ joined_at: Date; left_at: Date | null; left_reason: string | null }[]>;

  describe('tokens', () => {
    it('ends a socket when its access token expires, telling the client first; it leaves the counts', async () => {
      const sessionId = await liveSession();
      const [u] = await h.users(1, { homeRegionId: pavlodar });
      await h.register(sessionId, [u]);
      const staff = await joined(organizer.token, sessionId, b);
      const s = await joined(h.accessToken(u.id, {}, 2), sessionId);
      await liveIs(staff, sessionId, 1);

      const ended = nextEvent<AuthEndedEvent>(s, 'auth:ended');
      const gone = disconnected(s);
      expect(await ended).toEqual({
        error: { code: 'token_expired', message: 'Your sign-in has expired; reconnect with a fresh token' },
      });
      await gone;
      await liveIs(staff, sessionId, 0);
      await eventually(async () =>
        expect(await intervalsOf(sessionId, u.id)).toEqual([
          expect.objectContaining({ left_reason: 'disconnected', left_at: expect.any(Date) }),
        ]),
      );
      // The staff socket (a fresh token) is untouched.
      expect((await emit(staff, 'ping')).ok).toBe(true);
    });

    it('keeps a socket whose token was refreshed with auth:refresh past the old expiry', async () => {
      const sessionId = await liveSession();
      const [u, v] = await h.users(2, { homeRegionId: pavlodar });
      await h.register(sessionId, [u, v]);
      const refreshed = await joined(h.accessToken(u.id, {}, 3), sessionId);
      const notRefreshed = await joined(h.accessToken(v.id, {}, 3), sessionId);

      const res = await okData<AuthRefreshResult>(refreshed, 'auth:refresh', { token: h.accessToken(u.id) });
      expect(Date.parse(res.expiresAt!)).toBeGreaterThan(Date.now() + 3_000_000);

      // The other socket, with the same old expiry, is ended: the old expiry has passed by then.
      await disconnected(notRefreshed);
      expect(refreshed.connected).toBe(true);
      expect(
        await okData<QuestionView>(refreshed, 'question:ask', { sessionId, text: 'Still here?' }),
      ).toMatchObject({ text: 'Still here?' });
    });

    it('refuses a refresh with a token of another person, kind or rights, or one that does not verify', async () => {
      const sessionId = await liveSession();
      const [u, other] = await h.users(2, { homeRegionId: pavlodar });
      const [reg] = await h.register(sessionId, [u]);
      const s = await joined(u.token, sessionId);
      const sign = (claims: object, expiresIn = 600) => jwt.sign(claims, { issuer: 'qatys', expiresIn });
      const access = { sub: u.id, roles: ['attendee'], rgn: [], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' };
      const refused = [
        other.token,
        sign({ ...access, roles: ['attendee', 'organizer'] }),
        sign({ ...access, rgn: [pavlodar] }),
        sign({ ...access, typ: 'refresh' }),
        sign(access, -10),
        new JwtService({ secret: 'another-secret-that-is-long-enough-000000' }).sign(access, {
          issuer: 'qatys',
        }),
        signJoinToken(TEST_JWT_SECRET, {
          userId: u.id,
          registrationId: reg,
          sessionId,
          sessionEndAt: new Date(),
        }).token,
        'not a token',
      ];
      for (const token of refused) {
        const res = await emit(s, 'auth:refresh', { token });
        expect(res).toMatchObject({ ok: false, error: { code: 'invalid_token' } });
      }
      expect(await emit(s, 'auth:refresh', { token: 42 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
      expect(s.connected).toBe(true);
      // Same person and rights, another zone: fine.
      expect(await emit(s, 'auth:refresh', { token: sign({ ...access, tz: 'Asia/Aqtobe' }) })).toMatchObject({
        ok: true,
      });
    });

    it('refreshes a join-link socket with a join token of the same registration only', async () => {
      const sessionId = await liveSession();
      const [u] = await h.users(1, { homeRegionId: pavlodar });
      const [reg] = await h.register(sessionId, [u]);
      const link = {
        userId: u.id,
        registrationId: reg,
        sessionId,
        sessionEndAt: new Date(Date.now() + 3600_000),
      };
      const s = await joined(signJoinToken(TEST_JWT_SECRET, link).token, sessionId);
      expect(await emit(s, 'auth:refresh', { token: u.token })).toMatchObject({
        ok: false,
        error: { code: 'invalid_token' },
      });
      const other = signJoinToken(TEST_JWT_SECRET, { ...link, registrationId: sessionId }).token;
      expect(await emit(s, 'auth:refresh', { token: other })).toMatchObject({
        ok: false,
        error: { code: 'invalid_token' },
      });
      const again = signJoinToken(TEST_JWT_SECRET, {
        ...link,
        sessionEndAt: new Date(Date.now() + 7200_000),
      });
      expect(await okData<AuthRefreshResult>(s, 'auth:refresh', { token: again.token })).toEqual({
        expiresAt: new Date(Math.floor(again.expiresAt.getTime() / 1000) * 1000).toISOString(),
      });
    });
  });

  describe('registrations and accounts', () => {
    it('takes an attendee whose registration is cancelled out of the session at once, on another process too', async () => {
      const sessionId = await liveSession();
      const [u, stays] = await h.users(2, { homeRegionId: pavlodar });
      const [reg] = await h.register(sessionId, [u, stays]);
      const staff = await joined(organizer.token, sessionId, b);
      const onA = await joined(u.token, sessionId, a);
      const onB = await joined(u.token, sessionId, b);
      const other = await joined(stays.token, sessionId, a);
      const question = await okData<QuestionView>(other, 'question:ask', { sessionId, text: 'Vote for me' });
      await liveIs(staff, sessionId, 2);
      const leftA = nextEvent<SessionLeftEvent>(onA, 'session:left');
      const leftB = nextEvent<SessionLeftEvent>(onB, 'session:left');

      await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
        reg,
      ]);
      const [{ cancelled_at: cancelledAt }] = await h.ds.query(
        `SELECT cancelled_at FROM registrations WHERE id = $1`,
        [reg],
      );
      const expected: SessionLeftEvent = {
        sessionId,
        reason: 'rights_revoked',
        error: { code: 'not_registered', message: 'Your registration for this session is no longer active' },
      };
      expect(await leftA).toEqual(expected);
      expect(await leftB).toEqual(expected);
      const afterRevocation = new Date();
      await liveIs(staff, sessionId, 1);

      // No more asking or voting there; joining again is refused; the sockets themselves stay up.
      for (const s of [onA, onB]) {
        expect(await emit(s, 'question:ask', { sessionId, text: 'Can I still ask?' })).toMatchObject({
          ok: false,
          error: { code: 'not_joined' },
        });
        expect(await emit(s, 'question:upvote', { questionId: question.id })).toMatchObject({
          ok: false,
          error: { code: 'not_joined' },
        });
        expect(await emit(s, 'session:join', { sessionId })).toMatchObject({
          ok: false,
          error: { code: 'not_registered' },
        });
        expect(s.connected).toBe(true);
      }
      // The intervals end at the cancellation (give or take the notification), never later.
      const intervals = await eventually(async () => {
        const rows = await intervalsOf(sessionId, u.id);
        expect(rows).toHaveLength(2);
        for (const r of rows) expect(r.left_reason).toBe('rights_revoked');
        return rows;
      });
      for (const r of intervals) {
        expect(r.left_at!.getTime()).toBeGreaterThanOrEqual(cancelledAt.getTime());
        expect(r.left_at!.getTime()).toBeLessThanOrEqual(afterRevocation.getTime());
      }
      // The report reads these intervals: it counts none of their time after the cancellation
      // (whether it lists a cancelled registration at all is the report's rule).
      const report = await h.api.http
        .get(`/sessions/${sessionId}/attendance`)
        .set(h.auth(organizer))
        .expect(200);
      const line = report.body.attendees.find((x: { userId: string }) => x.userId === u.id);
      expect(line === undefined || Date.parse(line.lastLeftAt?.utc) <= afterRevocation.getTime()).toBe(true);
      // The other attendee is still in.
      expect(other.connected).toBe(true);
      expect(await emit(other, 'question:ask', { sessionId, text: 'I am still here' })).toMatchObject({
        ok: true,
      });
    });

    it('takes a disabled account out of every session and closes its sockets', async () => {
      const s1 = await liveSession();
      const s2 = await liveSession();
      const [u] = await h.users(1, { homeRegionId: pavlodar });
      await h.register(s1, [u]);
      await h.register(s2, [u]);
      const staff = await joined(organizer.token, s1, b);
      const one = await joined(u.token, s1, a);
      await okData(one, 'session:join', { sessionId: s2 });
      const two = await joined(u.token, s2, b);
      const idle = await h.connect(a.url, u.token);
      await liveIs(staff, s1, 1);
      const left = [
        nextEvent<SessionLeftEvent>(one, 'session:left', (e) => e.sessionId === s1),
        nextEvent<SessionLeftEvent>(one, 'session:left', (e) => e.sessionId === s2),
        nextEvent<SessionLeftEvent>(two, 'session:left'),
      ];
      const ended = [one, two, idle].map((s) => nextEvent<AuthEndedEvent>(s, 'auth:ended'));

      await h.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [u.id]);
      for (const e of await Promise.all(left)) {
        expect(e.error).toEqual({ code: 'forbidden', message: 'This account is disabled' });
      }
      for (const e of await Promise.all(ended)) {
        expect(e).toEqual({ error: { code: 'forbidden', message: 'This account is disabled' } });
      }
      await Promise.all([one, two, idle].map(disconnected));
      await liveIs(staff, s1, 0);
      await eventually(async () => {
        const rows = [...(await intervalsOf(s1, u.id)), ...(await intervalsOf(s2, u.id))];
        expect(rows.map((r) => r.left_reason)).toEqual([
          'rights_revoked',
          'rights_revoked',
          'rights_revoked',
        ]);
      });
    });

    it('keeps staff whose seat is cancelled in the staff room, no longer counted', async () => {
      const sessionId = await liveSession();
      const [mod] = await h.users(1, { roles: ['moderator'], homeRegionId: pavlodar });
      const [reg] = await h.register(sessionId, [mod]);
      const s = await h.connect(a.url, mod.token);
      expect(await okData<SessionJoinResult>(s, 'session:join', { sessionId })).toMatchObject({
        role: 'staff',
        counted: true,
      });
      await liveIs(s, sessionId, 1);
      const updates = collect<AttendanceUpdate>(s, 'attendance:update');
      const left: SessionLeftEvent[] = [];
      s.on('session:left', (e: SessionLeftEvent) => left.push(e));

      await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
        reg,
      ]);
      // Still staff: the figures keep coming, now without them.
      await waitFor('an update without them', () => updates.items.some((x) => x.totals.live === 0));
      await eventually(async () =>
        expect(await intervalsOf(sessionId, mod.id)).toEqual([
          expect.objectContaining({ left_reason: 'rights_revoked' }),
        ]),
      );
      expect(left).toEqual([]);
      expect(s.connected).toBe(true);
    });

    it('takes a speaker taken off the session out of its staff room', async () => {
      const sessionId = await liveSession();
      const [u] = await h.users(1, { roles: ['speaker'] });
      const speaker = await createSpeaker(h.ds, { userId: u.id });
      await addSpeaker(h.ds, sessionId, speaker.id);
      const s = await h.connect(a.url, u.token);
      expect(await okData<SessionJoinResult>(s, 'session:join', { sessionId })).toMatchObject({
        role: 'staff',
      });
      const left = nextEvent<SessionLeftEvent>(s, 'session:left');

      await h.ds.query(`DELETE FROM session_speakers WHERE session_id = $1 AND speaker_id = $2`, [
        sessionId,
        speaker.id,
      ]);
      expect(await left).toEqual({
        sessionId,
        reason: 'rights_revoked',
        error: { code: 'forbidden', message: 'You are no longer staff of this session' },
      });
      expect(await emit(s, 'session:leave', { sessionId })).toMatchObject({
        ok: false,
        error: { code: 'not_joined' },
      });
    });

    it('re-checks everyone inside once its LISTEN connection is back, for changes made in the gap', async () => {
      const sessionId = await liveSession();
      const [u] = await h.users(1, { homeRegionId: pavlodar });
      const [reg] = await h.register(sessionId, [u]);
      const s = await joined(u.token, sessionId);
      const left = nextEvent<SessionLeftEvent>(s, 'session:left', () => true, 30_000);

      await h.ds.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'qatys-gateway-listen' AND datname = current_database()`,
      );
      await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
        reg,
      ]);
      expect(await left).toMatchObject({ sessionId, error: { code: 'not_registered' } });
      await waitFor('the interval to close', async () => (await intervalsOf(sessionId, u.id))[0]?.left_at);
    });
  });
});
