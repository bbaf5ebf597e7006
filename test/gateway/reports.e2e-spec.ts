import { randomUUID } from 'crypto';
import { AttendanceIntervalWriter, AttendanceReportsService, IntervalRow } from '@qatys/domain';
import { createModule, createProgram, createSession } from '../support/factories';
import { attendanceWhere, eventually, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';
import { waitFor } from '../support/wait';

const MIN = 60_000;

describe('gateway: attendance intervals, reports and completion (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let writer: AttendanceIntervalWriter;
  let pavlodar: number;
  let abai: number;
  let organizer: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
    writer = gw.app.get(AttendanceIntervalWriter);
    [pavlodar, abai] = await Promise.all(['KZ-55', 'KZ-10'].map((c) => h.regionId(c)));
    organizer = await h.user({ roles: ['organizer'] });
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  /** Scripted presence through the gateway's own batch writer. */
  async function script(sessionId: string, user: TestUser, spans: [number, number][], startAt: Date) {
    for (const [from, to] of spans) {
      const row: IntervalRow = {
        id: randomUUID(),
        sessionId,
        userId: user.id,
        registrationId: null,
        regionId: pavlodar,
        joinedAt: new Date(startAt.getTime() + from * MIN),
        leftAt: new Date(startAt.getTime() + to * MIN),
        leftReason: 'left',
      };
      writer.write(row);
    }
  }

  it('reports a scripted session: 150 expected in one region, 124 joined (24 through real sockets), some left early', async () => {
    const session = await h.liveSession({ startInMinutes: -30, minutes: 60, targetRegionIds: [pavlodar] });
    await h.roster('session', session.id, { [pavlodar]: 150 });
    const people = await h.users(150, { homeRegionId: pavlodar });
    await h.register(session.id, people, { regionId: pavlodar });
    const staff = await h.connect(gw.url, organizer.token);
    await okData(staff, 'session:join', { sessionId: session.id });

    // 24 join through real sockets; 6 leave, 4 close their tab, 14 are still there.
    const viaSockets = people.slice(0, 24);
    const sockets = await Promise.all(
      viaSockets.map(async (u) => {
        const s = await h.connect(gw.url, u.token);
        await okData(s, 'session:join', { sessionId: session.id });
        return s;
      }),
    );
    const live = await attendanceWhere(staff, (u) => u.totals.live === 24);
    expect(live.regions).toEqual([
      {
        regionId: pavlodar,
        live: 24,
        peak: 24,
        attended: 24,
        expected: 150,
        registered: 150,
        coveragePercent: 16,
      },
    ]);
    // Every interval lasts a little: the leaves below happen on a later millisecond than any join.
    const joinedBy = Date.now();
    await waitFor('the clock to pass the joins', () => Date.now() > joinedBy);
    for (const s of sockets.slice(0, 6)) await okData(s, 'session:leave', { sessionId: session.id });
    for (const s of sockets.slice(6, 10)) s.disconnect();
    const after = await attendanceWhere(staff, (u) => u.totals.live === 14);
    expect(after.totals).toMatchObject({ live: 14, peak: 24, attended: 24 });

    // 100 more from the batch writer: 79 stay 29 minutes, one with two overlapping tabs (29 merged), 20 leave after 10.
    const scripted = people.slice(24, 124);
    for (const u of scripted.slice(0, 79)) await script(session.id, u, [[0, 29]], session.startAt);
    const twoTabs = scripted[79];
    await script(
      session.id,
      twoTabs,
      [
        [0, 20],
        [10, 29],
      ],
      session.startAt,
    );
    for (const u of scripted.slice(80)) await script(session.id, u, [[0, 10]], session.startAt);
    await writer.flush();

    const intervals = await eventually(async () => {
      const rows: { left_reason: string | null; n: number }[] = await h.ds.query(
        `SELECT left_reason, count(*)::int AS n FROM attendance_intervals
          WHERE session_id = $1 AND user_id = ANY($2) GROUP BY 1 ORDER BY 1`,
        [session.id, viaSockets.map((u) => u.id)],
      );
      const counts = Object.fromEntries(rows.map((r) => [r.left_reason ?? 'open', r.n]));
      expect(counts).toEqual({ disconnected: 4, left: 6, open: 14 });
      return counts;
    });
    expect(intervals.open).toBe(14);

    const res = await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(organizer)).expect(200);
    const r = res.body;
    expect(r.durationMinutes).toBe(60);
    expect(r.thresholdPercent).toBe(75);
    expect(r.regions).toEqual([
      {
        region: expect.objectContaining({ id: pavlodar, code: 'KZ-55' }),
        expected: 150,
        registered: 150,
        attended: 124,
        completed: 0,
        attendanceRatePercent: 82.7,
        rateBase: 'expected',
        medianMinutes: 29,
      },
    ]);
    expect(r.totals).toMatchObject({
      expected: 150,
      registered: 150,
      attended: 124,
      attendanceRatePercent: 82.7,
    });
    expect(r.attendees).toHaveLength(150);
    const line = (u: TestUser) => r.attendees.find((a: { userId: string }) => a.userId === u.id);
    expect(line(twoTabs)).toMatchObject({ minutes: 29, sharePercent: 48.3, attended: false });
    expect(line(scripted[99])).toMatchObject({ minutes: 10, sharePercent: 16.7 });
    expect(line(people[149])).toMatchObject({ minutes: 0, sharePercent: 0, firstJoinedAt: null });
    expect(line(viaSockets[0]).lastLeftAt).not.toBeNull();
    expect(line(viaSockets[23])).toMatchObject({ lastLeftAt: null });
    expect(line(viaSockets[23]).minutes).toBeLessThan(1);
    expect(r.attendees.filter((a: { minutes: number }) => a.minutes === 0)).toHaveLength(26 + 24);

    // The organizer lowers the bar to 40 % (24 of 60 minutes): the 80 who stayed 29 minutes count.
    await h.api.http
      .put(`/programs/${session.programId}/completion-rules`)
      .set(h.auth(organizer))
      .send({ attendedThresholdPercent: 40 })
      .expect(200);
    const lowered = await h.api.http
      .get(`/sessions/${session.id}/attendance`)
      .set(h.auth(organizer))
      .expect(200);
    expect(lowered.body.regions[0].completed).toBe(80);

    // Coordinators see their regions only; attendees no report at all.
    const mine = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar] });
    const other = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [abai] });
    const byMine = await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(mine)).expect(200);
    expect(byMine.body.regions).toHaveLength(1);
    expect(byMine.body.attendees).toHaveLength(150);
    const byOther = await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(other)).expect(200);
    expect(byOther.body).toMatchObject({ regions: [], attendees: [] });
    await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(people[0])).expect(403);
    await h.api.http.get(`/sessions/${randomUUID()}/attendance`).set(h.auth(organizer)).expect(404);
    await h.api.http.get(`/sessions/not-a-uuid/attendance`).set(h.auth(organizer)).expect(400);
  });

  it('exports CSV that a spreadsheet cannot run as formulas', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-06-20T10:00',
      durationMinutes: 240,
    });
    const [evil] = await h.users(1, { homeRegionId: pavlodar, displayName: '=HYPERLINK("http://evil","x")' });
    const [plus] = await h.users(1, { homeRegionId: pavlodar, displayName: '+7 701 000 00 00' });
    await h.register(session.id, [evil, plus]);
    await script(session.id, evil, [[0, 240]], session.startAt);
    await writer.flush();

    const res = await h.api.http
      .get(`/sessions/${session.id}/attendance.csv`)
      .set(h.auth(organizer))
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attendance-session-${session.id}.csv"`,
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'user_id,display_name,email,region,registration_status,minutes,share_percent,attended',
    );
    expect(lines).toContain(
      `${evil.id},"'=HYPERLINK(""http://evil"",""x"")",${await email(evil)},KZ-55,registered,240,100,true`,
    );
    expect(lines).toContain(`${plus.id},'+7 701 000 00 00,${await email(plus)},KZ-55,registered,0,0,false`);
    expect(lines[lines.length - 1]).toBe('');

    const programCsv = await h.api.http
      .get(`/programs/${program.id}/attendance.csv`)
      .set(h.auth(organizer))
      .expect(200);
    expect(programCsv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(programCsv.text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(programCsv.text.split('\r\n')[0]).toBe(
      'user_id,display_name,email,region,minutes,share_percent,sessions_attended,modules_attended,completed,completed_at',
    );
  });

  async function email(u: TestUser): Promise<string> {
    const [row] = await h.ds.query(`SELECT email FROM users WHERE id = $1`, [u.id]);
    return row.email;
  }

  it('completes a program at N of M modules, with the threshold of the program, across the 2024-03-01 zone change', async () => {
    const program = await createProgram(h.ds);
    const modules = await Promise.all([1, 2, 3, 4].map((p) => createModule(h.ds, program.id, p)));
    const days = ['2024-02-29T10:00', '2024-03-02T10:00', '2024-03-05T10:00', '2024-03-07T10:00'];
    const sessions = [];
    for (let i = 0; i < 4; i++) {
      sessions.push(
        await createSession(h.ds, program.id, {
          localStart: days[i],
          moduleId: modules[i].id,
          durationMinutes: 240,
        }),
      );
    }
    // 10:00 in Astana was 04:00Z before the change and 05:00Z after it.
    expect(sessions[0].startAt.toISOString()).toBe('2024-02-29T04:00:00.000Z');
    expect(sessions[1].startAt.toISOString()).toBe('2024-03-02T05:00:00.000Z');
    const [a, b, c, d, e] = await h.users(5, { homeRegionId: pavlodar });
    for (const s of sessions) await h.register(s.id, [a, b, c, d, e]);
    const full: [number, number][] = [[0, 240]];
    for (const s of sessions) await script(s.id, a, full, s.startAt);
    for (const s of sessions.slice(0, 3)) await script(s.id, b, full, s.startAt);
    await script(sessions[3].id, b, [[0, 120]], sessions[3].startAt);
    for (const s of sessions.slice(0, 2)) await script(s.id, c, full, s.startAt);
    for (const s of sessions.slice(2)) await script(s.id, c, [[0, 168]], s.startAt); // 70 %
    await script(
      sessions[0].id,
      d,
      [
        [0, 120],
        [60, 200],
      ],
      sessions[0].startAt,
    ); // two tabs: 200 of 240 merged = 83 %
    for (const s of sessions.slice(1, 3)) await script(s.id, d, full, s.startAt);
    await writer.flush();

    const completed = async () =>
      (await h.api.http.get(`/programs/${program.id}/completions`).set(h.auth(organizer)).expect(200)).body;
    const ids = (body: { items: { userId: string }[] }) => body.items.map((x) => x.userId).sort();

    const all = await completed();
    expect(all).toMatchObject({ programId: program.id, total: 1 });
    expect(all.items[0]).toMatchObject({
      userId: a.id,
      unitsAttended: 4,
      unitsRequired: 4,
      unitsTotal: 4,
      completedAt: { utc: sessions[3].endAt.toISOString() },
    });

    const put = (body: object) =>
      h.api.http.put(`/programs/${program.id}/completion-rules`).set(h.auth(organizer)).send(body);
    expect((await put({ modulesRequired: 3 }).expect(200)).body).toEqual({
      programId: program.id,
      attendedThresholdPercent: 75,
      modulesRequired: 3,
      unitsTotal: 4,
    });
    expect(ids(await completed())).toEqual([a.id, b.id, d.id].sort());
    await put({ attendedThresholdPercent: 70, modulesRequired: null }).expect(200);
    expect(ids(await completed())).toEqual([a.id, c.id].sort());

    const tooMany = await put({ modulesRequired: 5 }).expect(400);
    expect(tooMany.body).toMatchObject({ error: 'modules_required_too_high' });
    await put({ attendedThresholdPercent: 0 }).expect(400);
    await h.api.http
      .put(`/programs/${program.id}/completion-rules`)
      .set(h.auth(a))
      .send({ modulesRequired: 1 })
      .expect(403);

    await h.roster('program', program.id, { [pavlodar]: 6 });
    const report = (
      await h.api.http.get(`/programs/${program.id}/attendance`).set(h.auth(organizer)).expect(200)
    ).body;
    expect(report).toMatchObject({
      thresholdPercent: 70,
      modulesRequired: null,
      unitsTotal: 4,
      unitsRequired: 4,
      sessions: 4,
    });
    expect(report.regions).toEqual([
      {
        region: expect.objectContaining({ id: pavlodar }),
        expected: 6,
        registered: 5,
        attended: 4,
        completed: 2,
        attendanceRatePercent: 66.7,
        rateBase: 'expected',
        medianMinutes: 828, // A 960, B 840, C 816, D 680
      },
    ]);
    const lineA = report.attendees.find((x: { userId: string }) => x.userId === a.id);
    expect(lineA).toMatchObject({
      minutes: 960,
      sharePercent: 100,
      sessionsAttended: 4,
      unitsAttended: 4,
      completed: true,
    });
    const lineE = report.attendees.find((x: { userId: string }) => x.userId === e.id);
    expect(lineE).toMatchObject({ minutes: 0, sessionsAttended: 0, completed: false, completedAt: null });
  });

  it('tells who attended a session and who was a registered no-show, for the follow-ups', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-07-01T10:00',
      durationMinutes: 240,
    });
    const [a, b] = await h.users(2, { homeRegionId: pavlodar });
    const [kk] = await h.users(1, { homeRegionId: pavlodar, language: 'kk' });
    const [cancelled] = await h.users(1, { homeRegionId: pavlodar });
    const regs = await h.register(session.id, [a, b, kk]);
    await h.register(session.id, [cancelled], { status: 'cancelled' });
    await script(session.id, a, [[0, 240]], session.startAt);
    await script(session.id, b, [[0, 30]], session.startAt);
    await script(session.id, cancelled, [[0, 240]], session.startAt);
    await writer.flush();
    await h.api.http
      .put(`/sessions/${session.id}/live-settings`)
      .set(h.auth(organizer))
      .send({ recordingUrl: 'https://video.example/rec/1' })
      .expect(200);

    const audience = await h.api.app.get(AttendanceReportsService).followUpAudience(session.id);
    expect(audience).toMatchObject({
      sessionId: session.id,
      recordingUrl: 'https://video.example/rec/1',
      thresholdPercent: 75,
    });
    const byUser = (list: { userId: string }[]) => list.map((p) => p.userId).sort();
    expect(byUser(audience.attended)).toEqual([a.id, b.id].sort());
    expect(audience.attended.find((p) => p.userId === a.id)).toMatchObject({
      registrationId: regs[0],
      minutes: 240,
      metThreshold: true,
      language: 'ru',
    });
    expect(audience.attended.find((p) => p.userId === b.id)).toMatchObject({
      minutes: 30,
      metThreshold: false,
    });
    expect(audience.noShows).toEqual([
      expect.objectContaining({ userId: kk.id, registrationId: regs[2], language: 'kk', minutes: 0 }),
    ]);
  });

  it('documents its endpoints in the OpenAPI document', async () => {
    const doc = (await h.api.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/sessions/{sessionId}/attendance',
        '/sessions/{sessionId}/attendance.csv',
        '/programs/{programId}/attendance',
        '/programs/{programId}/attendance.csv',
        '/programs/{programId}/completions',
        '/sessions/{sessionId}/live-settings',
        '/programs/{programId}/completion-rules',
        '/sessions/{sessionId}/questions',
        '/me/registrations/{id}/join-token',
      ]),
    );
  });

  it('keeps live settings per session: defaults, validation, organizers only', async () => {
    const session = await h.liveSession();
    const url = `/sessions/${session.id}/live-settings`;
    expect((await h.api.http.get(url).set(h.auth(organizer)).expect(200)).body).toEqual({
      sessionId: session.id,
      joinWindowMinutes: 15,
      qaPremoderation: true,
      recordingUrl: null,
    });
    for (const bad of [
      { joinWindowMinutes: -1 },
      { joinWindowMinutes: 2000 },
      { qaPremoderation: 'yes' },
      { recordingUrl: 'javascript:alert(1)' },
      { color: 'red' },
    ]) {
      const res = await h.api.http.put(url).set(h.auth(organizer)).send(bad).expect(400);
      expect(res.body.error).toBe('validation_failed');
    }
    const attendee = await h.user();
    await h.api.http.get(url).set(h.auth(attendee)).expect(403);
    await h.api.http.put(url).set(h.auth(attendee)).send({ joinWindowMinutes: 5 }).expect(403);
    await h.api.http.get(`/sessions/${randomUUID()}/live-settings`).set(h.auth(organizer)).expect(404);
    await h.api.http
      .put(url)
      .set(h.auth(organizer))
      .send({ recordingUrl: 'https://x.example/r' })
      .expect(200);
    expect(
      (await h.api.http.put(url).set(h.auth(organizer)).send({ recordingUrl: null }).expect(200)).body,
    ).toMatchObject({
      recordingUrl: null,
      joinWindowMinutes: 15,
    });
    const rule = await h.api.http
      .get(`/programs/${session.programId}/completion-rules`)
      .set(h.auth(organizer))
      .expect(200);
    expect(rule.body).toEqual({
      programId: session.programId,
      attendedThresholdPercent: 75,
      modulesRequired: null,
      unitsTotal: 1,
    });
  });
});
