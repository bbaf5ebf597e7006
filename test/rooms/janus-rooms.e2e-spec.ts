import type { AttendanceUpdate } from '@qatys/contracts';
import { RoomLifecycleService } from '@qatys/domain';
import { collect, emit, LiveHarness, lineOf, TestUser } from '../gateway/live-harness';
import { JanusNetns, janusUnavailable } from '../support/janus-netns';
import { waitFor } from '../support/wait';
import { JanusParticipant } from './janus-test-client';

/**
 * Built-in rooms on a real Janus (in a network namespace the harness makes): rooms made on the
 * first grant and destroyed after the end, entry only with a grant of that room, presence from
 * Janus's event handler merged into the attendance intervals.
 */
const skip = janusUnavailable();
if (skip) console.warn(`\n!!! rooms: Janus suite SKIPPED: ${skip}\n`);
const d = skip ? describe.skip : describe;

d('rooms: built-in rooms on Janus (e2e)', () => {
  let janus: JanusNetns;
  let h: LiveHarness;
  let organizer: TestUser;
  const participants: JanusParticipant[] = [];

  beforeAll(async () => {
    // The api must listen for Janus's events: start it, then Janus pointed at its port.
    janus = await JanusNetns.start({});
    h = await LiveHarness.start({
      JANUS_NODES: `n1=${janus.url}`,
      JANUS_ADMIN_KEY: janus.adminKey,
      JANUS_EVENTS_SECRET: janus.eventsSecret,
      VIDEO_DEFAULT_PROVIDER: 'builtin',
      ROOM_GRANT_TTL_SECONDS: '60',
    });
    organizer = await h.user({ roles: ['organizer'] });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(participants.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await h?.close();
    await janus?.close();
  });

  const http = () => h.api.http;
  const enter = async (grant: { room: number; token?: string }) => {
    const p = await new JanusParticipant(janus.url).attach();
    participants.push(p);
    return p.request({
      request: 'join',
      ptype: 'publisher',
      room: grant.room,
      ...(grant.token ? { token: grant.token } : {}),
    });
  };

  it("grants per person and room: no grant, another room's grant or an ended session get nobody in", async () => {
    const a = await h.liveSession();
    const b = await h.liveSession();
    const [alice, bob] = await h.users(2);
    await h.register(a.id, [alice]);
    await h.register(b.id, [bob]);

    const grantA = (await http().post(`/sessions/${a.id}/room-grant`).set(h.auth(alice)).expect(200)).body;
    expect(grantA).toMatchObject({
      provider: 'builtin',
      role: 'attendee',
      publish: false,
      janusUrl: janus.url,
    });
    const grantB = (await http().post(`/sessions/${b.id}/room-grant`).set(h.auth(bob)).expect(200)).body;
    expect(grantB.room).not.toBe(grantA.room);

    // Not registered for a: no grant at all.
    expect((await http().post(`/sessions/${a.id}/room-grant`).set(h.auth(bob))).status).toBe(403);

    // With the grant: in. Without a token, or with b's token in a's room: refused by Janus itself.
    expect(await enter(grantA)).toMatchObject({ videoroom: 'joined', room: grantA.room });
    expect(await enter({ room: grantA.room })).toMatchObject({ error_code: 433 });
    expect(await enter({ room: grantA.room, token: grantB.token })).toMatchObject({ error_code: 433 });

    // A speaker of the session publishes; the organizer runs the room.
    const staff = (await http().post(`/sessions/${a.id}/room-grant`).set(h.auth(organizer)).expect(200)).body;
    expect((await http().get('/health').expect(200)).body.media).toEqual({
      janus: [{ id: 'n1', status: 'up' }],
    });
    expect(staff).toMatchObject({ role: 'moderator', publish: true, room: grantA.room });

    // After the end: no grant, and the room is destroyed by the clock.
    await h.ds.query(`UPDATE sessions SET status = 'ended' WHERE id = $1`, [a.id]);
    expect((await http().post(`/sessions/${a.id}/room-grant`).set(h.auth(alice))).body.error).toBe(
      'session_ended',
    );
    const swept = await h.api.app.get(RoomLifecycleService).sweep();
    expect(swept.ended).toBeGreaterThanOrEqual(1);
    expect(await enter(grantA)).toMatchObject({ error_code: 426 });
  });

  it('takes expired tokens out of the room: a grant unused in time lets nobody in', async () => {
    const s = await h.liveSession();
    const [carol] = await h.users(1);
    await h.register(s.id, [carol]);
    const grant = (await http().post(`/sessions/${s.id}/room-grant`).set(h.auth(carol)).expect(200)).body;
    const later = new Date(Date.now() + 61_000);
    const swept = await h.api.app.get(RoomLifecycleService).sweep(later);
    expect(swept.revoked).toBeGreaterThanOrEqual(1);
    expect(await enter(grant)).toMatchObject({ error_code: 433 });
  });

  it('answers 503 when the media server is down, and questions still work', async () => {
    const down = await LiveHarness.start({
      JANUS_NODES: 'n1=http://127.0.0.1:9/janus',
      JANUS_ADMIN_KEY: 'x',
      VIDEO_DEFAULT_PROVIDER: 'builtin',
    });
    try {
      const s = await down.liveSession();
      const [dan] = await down.users(1);
      await down.register(s.id, [dan]);
      const res = await down.api.http.post(`/sessions/${s.id}/room-grant`).set(down.auth(dan));
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('media_server_unavailable');
      await down.api.http.get(`/sessions/${s.id}/questions`).set(down.auth(dan)).expect(200);
      // /health says so, and stays 200: the stores answer, the rest of the api works.
      const health = await down.api.http.get('/health').expect(200);
      expect(health.body.media).toEqual({ janus: [{ id: 'n1', status: 'down' }] });
    } finally {
      await down.close();
    }
  });
});

d('rooms: Janus presence merged into attendance (e2e)', () => {
  let janus: JanusNetns;
  let h: LiveHarness;

  beforeAll(async () => {
    h = await LiveHarness.start({ VIDEO_DEFAULT_PROVIDER: 'builtin' });
    await h.api.app.listen(0, '127.0.0.1');
    const port = Number(new URL(await h.api.app.getUrl()).port);
    janus = await JanusNetns.start({ apiPort: port, nodeId: 'p1' });
    await h.close();
    h = await LiveHarness.start({
      JANUS_NODES: `p1=${janus.url}`,
      JANUS_ADMIN_KEY: janus.adminKey,
      JANUS_EVENTS_SECRET: janus.eventsSecret,
      VIDEO_DEFAULT_PROVIDER: 'builtin',
      API_PORT: String(port),
    });
    await h.api.app.listen(port, '127.0.0.1');
  }, 60_000);

  /** A live session, `n` registered people and each one's room grant. */
  async function grantedPeople(n: number) {
    const s = await h.liveSession();
    const people = await h.users(n);
    await h.register(s.id, people);
    const grants = [];
    for (const u of people)
      grants.push((await h.api.http.post(`/sessions/${s.id}/room-grant`).set(h.auth(u)).expect(200)).body);
    return { s, people, grants };
  }

  /** Janus's event handler credentials. */
  const eventsAuth = () => `Basic ${Buffer.from(`janus:${janus.eventsSecret}`).toString('base64')}`;

  const intervalCount = async (sessionId: string): Promise<number> =>
    (
      await h.ds.query(`SELECT count(*)::int AS n FROM attendance_intervals WHERE session_id = $1`, [
        sessionId,
      ])
    )[0].n;

  afterAll(async () => {
    await h?.close();
    await janus?.close();
  });

  it('opens an interval when a person enters the room with their grant and closes it when they leave', async () => {
    const s = await h.liveSession();
    const [erin] = await h.users(1);
    await h.register(s.id, [erin]);
    const grant = (await h.api.http.post(`/sessions/${s.id}/room-grant`).set(h.auth(erin)).expect(200)).body;
    const p = await new JanusParticipant(janus.url).attach();
    try {
      await p.request({ request: 'join', ptype: 'publisher', room: grant.room, token: grant.token });
      const open = await waitFor('a room interval for erin', async () => {
        const rows = await h.ds.query(
          `SELECT id, left_at FROM attendance_intervals WHERE session_id = $1 AND user_id = $2`,
          [s.id, erin.id],
        );
        return rows.length === 1 && rows[0];
      });
      expect(open.left_at).toBeNull();
      await p.request({ request: 'leave' });
      await waitFor('erin left the room', async () => {
        const [row] = await h.ds.query(`SELECT left_at FROM attendance_intervals WHERE id = $1`, [open.id]);
        return row?.left_at;
      });
    } finally {
      await p.close();
    }
    // A forged event post changes nothing.
    const forged = await h.api.http
      .post('/rooms/janus/events')
      .set('Authorization', `Basic ${Buffer.from('janus:wrong').toString('base64')}`)
      .send([
        {
          type: 64,
          event: {
            plugin: 'janus.plugin.videoroom',
            data: { event: 'joined', room: grant.room, id: 1, token: grant.token },
          },
        },
      ]);
    expect(forged.status).toBe(403);
    expect(await intervalCount(s.id)).toBe(1);
  });

  it('takes a grouped post of many joins and leaves at once, in order, and a repeated post changes nothing', async () => {
    const { s, people, grants } = await grantedPeople(3);
    const room = grants[0].room;
    const t0 = Date.now() * 1000;
    const ev = (data: Record<string, unknown>, dt: number) => ({
      emitter: 'p1',
      type: 64,
      timestamp: t0 + dt * 1000,
      event: { plugin: 'janus.plugin.videoroom', data: { room, ...data } },
    });
    // As Janus groups them: joins, events that change nothing here, a leave, a token of nobody.
    const post = [
      ev({ event: 'joined', id: 101, token: grants[0].token }, 0),
      ev({ event: 'joined', id: 102, token: grants[1].token }, 1),
      ev({ event: 'subscribing', id: 201 }, 2),
      ev({ event: 'leaving', id: 101 }, 3),
      ev({ event: 'joined', id: 103, token: grants[2].token }, 4),
      ev({ event: 'joined', id: 104, token: 'not-a-grant' }, 5),
    ];
    const auth = eventsAuth();
    const first = await h.api.http
      .post('/rooms/janus/events')
      .set('Authorization', auth)
      .send(post)
      .expect(200);
    expect(first.body).toEqual({ changed: 4 });
    const rows: { user_id: string; open: boolean }[] = await h.ds.query(
      `SELECT user_id, left_at IS NULL AS open FROM attendance_intervals WHERE session_id = $1`,
      [s.id],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r.open]));
    expect(rows).toHaveLength(3);
    expect([byUser.get(people[0].id), byUser.get(people[1].id), byUser.get(people[2].id)]).toEqual([
      false,
      true,
      true,
    ]);
    // Janus sends a post again when it got no answer: nothing opens or closes twice.
    const again = await h.api.http
      .post('/rooms/janus/events')
      .set('Authorization', auth)
      .send(post)
      .expect(200);
    expect(again.body).toEqual({ changed: 0 });
    expect(await intervalCount(s.id)).toBe(3);
  });

  it('a post whose writes fail gets no answer, so Janus sends it again, and then nothing is lost', async () => {
    const { s, grants } = await grantedPeople(2);
    const post = grants.map((g, i) => ({
      emitter: 'p1',
      type: 64,
      timestamp: Date.now() * 1000 + i * 1000,
      event: {
        plugin: 'janus.plugin.videoroom',
        data: { event: 'joined', room: g.room, id: 301 + i, token: g.token },
      },
    }));
    const auth = eventsAuth();
    const intervals = () => intervalCount(s.id);
    // The presence table away: the write fails. Janus re-sends only on a transport error (curl),
    // not on a 500 — so the api must not answer at all.
    await h.ds.query(`ALTER TABLE room_presence RENAME TO room_presence_away`);
    let answered: number | string;
    try {
      answered = (await h.api.http.post('/rooms/janus/events').set('Authorization', auth).send(post)).status;
    } catch (e) {
      answered = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    } finally {
      await h.ds.query(`ALTER TABLE room_presence_away RENAME TO room_presence`);
    }
    expect(answered).toBe('ECONNRESET');
    expect(await intervals()).toBe(0);
    // Janus's retransmission of the same post: both joins counted, once.
    const again = await h.api.http
      .post('/rooms/janus/events')
      .set('Authorization', auth)
      .send(post)
      .expect(200);
    expect(again.body).toEqual({ changed: 2 });
    expect(await intervals()).toBe(2);
  });

  it("counts the dashboard's live people from the room: live = in the room now, joined = ever in the room or on the page", async () => {
    const [pavlodar, kostanay] = [await h.regionId('KZ-55'), await h.regionId('KZ-39')];
    const s = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    const [pav, kos] = await h.users(2);
    await h.register(s.id, [pav], { regionId: pavlodar });
    await h.register(s.id, [kos], { regionId: kostanay });
    const organizer = await h.user({ roles: ['organizer'] });
    const gw = await h.startGateway();
    const staff = await h.connect(gw.url, organizer.token);
    const updates = collect<AttendanceUpdate>(staff, 'attendance:update');
    expect((await emit(staff, 'session:join', { sessionId: s.id })).ok).toBe(true);
    const figures = (what: string, check: (u: AttendanceUpdate) => boolean) =>
      waitFor(what, () => updates.items.length > 0 && check(updates.items[updates.items.length - 1]));
    const line = (u: AttendanceUpdate, region: number) => {
      const l = lineOf(u, region)!;
      return { live: l.live, peak: l.peak, joined: l.joined };
    };

    // Pavlodar opens the page: before the session has a room, the page is what counts.
    const page = await h.connect(gw.url, pav.token);
    expect((await emit(page, 'session:join', { sessionId: s.id })).ok).toBe(true);
    await figures('pavlodar live on the page', (u) => line(u, pavlodar).live === 1);

    // The room is made (the page asks for its grant): from now on live = in the room. Pavlodar's
    // page is open but the video is not playing: joined, not live.
    await h.api.http.post(`/sessions/${s.id}/room-grant`).set(h.auth(pav)).expect(200);
    await figures('live counted from the room', (u) => u.totals.live === 0 && line(u, pavlodar).joined === 1);

    // Kostanay enters the room with its grant (no page at all): live and joined in its region.
    const grant = (await h.api.http.post(`/sessions/${s.id}/room-grant`).set(h.auth(kos)).expect(200)).body;
    const p = await new JanusParticipant(janus.url).attach();
    try {
      await p.request({ request: 'join', ptype: 'publisher', room: grant.room, token: grant.token });
      const inRoom = await figures(
        'kostanay live in the room',
        (u) => line(u, kostanay).live === 1 && u.totals.live === 1,
      );
      expect(line(updates.items.at(-1)!, kostanay)).toEqual({ live: 1, peak: 1, joined: 1 });
      expect(inRoom).toBe(true);
      await p.request({ request: 'leave' });
      await figures('kostanay left the room', (u) => line(u, kostanay).live === 0);
      const last = updates.items.at(-1)!;
      expect(line(last, kostanay)).toEqual({ live: 0, peak: 1, joined: 1 });
      expect(line(last, pavlodar)).toEqual({ live: 0, peak: 0, joined: 1 });
      expect(last.totals).toMatchObject({ live: 0, peak: 1, joined: 2 });
    } finally {
      await p.close();
    }

    // The report uses the same words: both joined (one on the page, one in the room).
    const report = await h.api.http.get(`/sessions/${s.id}/attendance`).set(h.auth(organizer)).expect(200);
    expect(report.body.totals.joined).toBe(2);
  });
});
