import { randomUUID } from 'crypto';
import { JwtService } from '@nestjs/jwt';
import type { AttendanceUpdate, SessionJoinResult } from '@qatys/contracts';
import { signJoinToken } from '@qatys/domain';
import { TEST_JWT_SECRET } from '../support/api-harness';
import { addSpeaker, createSpeaker } from '../support/factories';
import { attendanceWhere, emit, LiveHarness, lineOf, okData, RunningGateway } from './live-harness';

describe('gateway: handshake and join rights (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  let abai: number;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
    [pavlodar, kostanay, abai] = await Promise.all(['KZ-55', 'KZ-39', 'KZ-10'].map((c) => h.regionId(c)));
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  describe('personal join tokens', () => {
    it('are issued to the owner by the API and let the socket join only its own session, as an attendee', async () => {
      const session = await h.liveSession({ targetRegionIds: [pavlodar] });
      const other = await h.liveSession({ targetRegionIds: [pavlodar] });
      const u = await h.user({ homeRegionId: pavlodar });
      const [registrationId] = await h.register(session.id, [u]);
      await h.register(other.id, [u]);

      const res = await h.api.http
        .get(`/me/registrations/${registrationId}/join-token`)
        .set(h.auth(u))
        .expect(200);
      expect(res.body).toMatchObject({ registrationId, sessionId: session.id, token: expect.any(String) });
      expect(new Date(res.body.expiresAt.utc).getTime()).toBe(session.endAt.getTime() + 3600_000);
      const stranger = await h.user();
      await h.api.http
        .get(`/me/registrations/${registrationId}/join-token`)
        .set(h.auth(stranger))
        .expect(404);

      const socket = await h.connect(gw.url, res.body.token);
      const joined = await okData<SessionJoinResult>(socket, 'session:join', { sessionId: session.id });
      expect(joined).toMatchObject({ role: 'attendee', counted: true, regionId: pavlodar, staffScope: null });
      expect(await emit(socket, 'session:join', { sessionId: other.id })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This join link is for another session' },
      });
      expect(socket.connected).toBe(true);
    });

    it('are refused at the handshake when missing, expired, forged or malformed, and from a foreign origin', async () => {
      const session = await h.liveSession();
      const u = await h.user();
      const [registrationId] = await h.register(session.id, [u]);
      const ids = { userId: u.id, registrationId, sessionId: session.id };
      const expired = signJoinToken(TEST_JWT_SECRET, {
        ...ids,
        sessionEndAt: new Date(Date.now() - 2 * 3600_000),
      });
      const forged = signJoinToken('some-other-secret-that-is-long-enough-000', {
        ...ids,
        sessionEndAt: session.endAt,
      });
      const malformed = new JwtService({ secret: TEST_JWT_SECRET }).sign(
        { sub: u.id, reg: 'x', ses: session.id, typ: 'join' },
        { issuer: 'qatys', expiresIn: 600 },
      );
      expect(await h.outcome(h.socket(gw.url, undefined))).toBe('unauthorized: missing token');
      expect(await h.outcome(h.socket(gw.url, expired.token))).toBe('unauthorized: token expired');
      expect(await h.outcome(h.socket(gw.url, forged.token))).toBe('unauthorized: invalid token');
      expect(await h.outcome(h.socket(gw.url, malformed))).toBe('unauthorized: malformed join token');

      const good = signJoinToken(TEST_JWT_SECRET, { ...ids, sessionEndAt: session.endAt }).token;
      const foreign = h.socket(gw.url, good, { extraHeaders: { origin: 'https://evil.example' } });
      expect(await h.outcome(foreign)).not.toBe('connected');
      expect(await h.outcome(h.socket(gw.url, good, { extraHeaders: { origin: gw.url } }))).toBe('connected');
    });

    it('stops working for joining once the registration is cancelled', async () => {
      const session = await h.liveSession();
      const u = await h.user();
      const [registrationId] = await h.register(session.id, [u]);
      const { token } = signJoinToken(TEST_JWT_SECRET, {
        userId: u.id,
        registrationId,
        sessionId: session.id,
        sessionEndAt: session.endAt,
      });
      await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
        registrationId,
      ]);
      const socket = await h.connect(gw.url, token);
      const res = await emit(socket, 'session:join', { sessionId: session.id });
      expect(res).toMatchObject({ ok: false, error: { code: 'not_registered' } });
      await h.api.http.get(`/me/registrations/${registrationId}/join-token`).set(h.auth(u)).expect(409);
    });
  });

  describe('attendees and the join window', () => {
    it('lets a registered attendee in from the join window before the start; the organizer can widen it', async () => {
      const session = await h.liveSession({ startInMinutes: 20 });
      const u = await h.user();
      await h.register(session.id, [u]);
      const socket = await h.connect(gw.url, u.token);
      const early = await emit(socket, 'session:join', { sessionId: session.id });
      const opensAt = new Date(session.startAt.getTime() - 15 * 60_000).toISOString();
      expect(early).toEqual({
        ok: false,
        error: {
          code: 'join_window_closed',
          message: `Joining opens 15 minutes before the start, at ${opensAt}`,
          details: { opensAt },
        },
      });

      const organizer = await h.user({ roles: ['organizer'] });
      await h.api.http
        .put(`/sessions/${session.id}/live-settings`)
        .set(h.auth(organizer))
        .send({ joinWindowMinutes: 30 })
        .expect(200, {
          sessionId: session.id,
          joinWindowMinutes: 30,
          qaPremoderation: true,
          recordingUrl: null,
        });
      expect(await okData(socket, 'session:join', { sessionId: session.id })).toMatchObject({
        role: 'attendee',
        counted: true,
      });
    });

    it('refuses after the end, a cancelled session, the waitlisted, the unregistered and unknown sessions', async () => {
      const ended = await h.liveSession({ startInMinutes: -180, minutes: 120 });
      const cancelled = await h.liveSession();
      await h.ds.query(`UPDATE sessions SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);
      const live = await h.liveSession();
      const [u, waiting, stranger] = await h.users(3);
      await h.register(ended.id, [u]);
      await h.register(cancelled.id, [u]);
      await h.register(live.id, [waiting], { status: 'waitlisted' });

      const s = await h.connect(gw.url, u.token);
      expect(await emit(s, 'session:join', { sessionId: ended.id })).toMatchObject({
        ok: false,
        error: { code: 'session_ended' },
      });
      expect(await emit(s, 'session:join', { sessionId: cancelled.id })).toMatchObject({
        ok: false,
        error: { code: 'session_cancelled' },
      });
      const unknown = randomUUID();
      expect(await emit(s, 'session:join', { sessionId: unknown })).toEqual({
        ok: false,
        error: { code: 'session_not_found', message: `Session ${unknown} not found` },
      });
      const w = await h.connect(gw.url, waiting.token);
      expect(await emit(w, 'session:join', { sessionId: live.id })).toEqual({
        ok: false,
        error: { code: 'not_registered', message: 'You are on the waitlist of this session, not registered' },
      });
      const x = await h.connect(gw.url, stranger.token);
      expect(await emit(x, 'session:join', { sessionId: live.id })).toEqual({
        ok: false,
        error: { code: 'not_registered', message: 'You are not registered for this session' },
      });
      expect([s.connected, w.connected, x.connected]).toEqual([true, true, true]);
    });

    it('takes the region from the server: the registration, else the profile, never the client', async () => {
      const session = await h.liveSession();
      const [a, b] = await h.users(2, { homeRegionId: pavlodar });
      await h.register(session.id, [a], { regionId: kostanay });
      await h.register(session.id, [b], { regionId: null });
      const sa = await h.connect(gw.url, a.token);
      const sb = await h.connect(gw.url, b.token);
      expect(await okData(sa, 'session:join', { sessionId: session.id })).toMatchObject({
        regionId: kostanay,
      });
      expect(await emit(sb, 'session:join', { sessionId: session.id, regionId: abai })).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: 'session:join: unknown field "regionId"' },
      });
      expect(await okData(sb, 'session:join', { sessionId: session.id })).toMatchObject({
        regionId: pavlodar,
      });
    });
  });

  describe('staff', () => {
    it('lets organizers, moderators, the speakers and coordinators of a targeted region in at any time', async () => {
      const session = await h.liveSession({ startInMinutes: 3 * 24 * 60, targetRegionIds: [pavlodar] });
      const open = await h.liveSession({ startInMinutes: 3 * 24 * 60 });
      const organizer = await h.user({ roles: ['organizer'] });
      const admin = await h.user({ roles: ['admin'] });
      const moderator = await h.user({ roles: ['moderator'] });
      const speakerUser = await h.user({ roles: ['speaker'] });
      const otherSpeaker = await h.user({ roles: ['speaker'] });
      const coordinator = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar, abai] });
      const foreignCoordinator = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [abai] });
      const speaker = await createSpeaker(h.ds, { userId: speakerUser.id });
      await addSpeaker(h.ds, session.id, speaker.id);
      await createSpeaker(h.ds, { userId: otherSpeaker.id });

      const join = async (u: typeof organizer, sessionId = session.id) =>
        emit<SessionJoinResult>(await h.connect(gw.url, u.token), 'session:join', { sessionId });
      for (const u of [organizer, admin, moderator, speakerUser]) {
        expect(await join(u)).toMatchObject({
          ok: true,
          data: { role: 'staff', staffScope: 'all', counted: false, attendance: { sessionId: session.id } },
        });
      }
      expect(await join(coordinator)).toMatchObject({
        ok: true,
        data: { role: 'staff', staffScope: [abai, pavlodar].sort((x, y) => x - y) },
      });
      expect(await join(foreignCoordinator)).toMatchObject({ ok: false, error: { code: 'not_registered' } });
      expect(await join(otherSpeaker)).toMatchObject({ ok: false, error: { code: 'not_registered' } });
      // A session open to every region: any coordinator is staff there.
      expect(await join(foreignCoordinator, open.id)).toMatchObject({
        ok: true,
        data: { staffScope: [abai] },
      });
    });

    it('sends organizers every region and a coordinator only the figures of their regions', async () => {
      const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
      await h.roster('session', session.id, { [pavlodar]: 10, [kostanay]: 4 });
      const [p1, p2] = await h.users(2, { homeRegionId: pavlodar });
      const [k1] = await h.users(1, { homeRegionId: kostanay });
      await h.register(session.id, [p1, p2, k1]);
      const organizer = await h.user({ roles: ['organizer'] });
      const coordinator = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar] });
      const so = await h.connect(gw.url, organizer.token);
      const sc = await h.connect(gw.url, coordinator.token);
      await okData(so, 'session:join', { sessionId: session.id });
      await okData(sc, 'session:join', { sessionId: session.id });

      const forOrganizer = attendanceWhere(so, (u) => u.totals.live === 3);
      const forCoordinator = attendanceWhere(sc, (u) => u.totals.live === 2);
      for (const u of [p1, p2, k1])
        await okData(await h.connect(gw.url, u.token), 'session:join', { sessionId: session.id });
      const all: AttendanceUpdate = await forOrganizer;
      const mine: AttendanceUpdate = await forCoordinator;

      expect(all.scope).toBe('all');
      expect(all.regions.map((l) => l.regionId).sort()).toEqual([kostanay, pavlodar].sort());
      expect(lineOf(all, kostanay)).toEqual({
        regionId: kostanay,
        live: 1,
        peak: 1,
        joined: 1,
        attended: 1,
        expected: 4,
        registered: 1,
        coveragePercent: 25,
      });
      expect(mine.scope).toEqual([pavlodar]);
      expect(mine.regions).toEqual([
        {
          regionId: pavlodar,
          live: 2,
          peak: 2,
          joined: 2,
          attended: 2,
          expected: 10,
          registered: 2,
          coveragePercent: 20,
        },
      ]);
      expect(mine.totals).toEqual({
        live: 2,
        peak: 2,
        joined: 2,
        attended: 2,
        expected: 10,
        registered: 2,
        coveragePercent: 20,
      });
      expect(all.totals).toMatchObject({ live: 3, attended: 3, expected: 14, registered: 3 });
    });

    it("measures against the program's roster when the session has none", async () => {
      const session = await h.liveSession({ targetRegionIds: [abai] });
      await h.roster('program', session.programId, { [abai]: 8 });
      const [u] = await h.users(1, { homeRegionId: abai });
      await h.register(session.id, [u]);
      const organizer = await h.user({ roles: ['organizer'] });
      const staff = await h.connect(gw.url, organizer.token);
      const joined = await okData<SessionJoinResult>(staff, 'session:join', { sessionId: session.id });
      expect(lineOf(joined.attendance!, abai)).toMatchObject({ live: 0, expected: 8, registered: 1 });
      const update = attendanceWhere(staff, (x) => x.totals.live === 1);
      await okData(await h.connect(gw.url, u.token), 'session:join', { sessionId: session.id });
      expect(lineOf(await update, abai)).toEqual({
        regionId: abai,
        live: 1,
        peak: 1,
        joined: 1,
        attended: 1,
        expected: 8,
        registered: 1,
        coveragePercent: 12.5,
      });
    });
  });
});
