import { randomUUID } from 'crypto';
import type { AttendanceUpdate } from '@qatys/contracts';
import { AttendanceIntervalWriter, IntervalRow } from '@qatys/domain';
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
        joined: 24,
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
    expect(after.totals).toMatchObject({ live: 14, peak: 24, joined: 24 });

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
        joined: 124,
        present: 124,
        completed: 0,
        coveragePercent: 82.7,
        presentPercent: 82.7,
        rateBase: 'expected',
        medianMinutes: 29,
      },
    ]);
    expect(r.totals).toEqual({
      expected: 150,
      registered: 150,
      joined: 124,
      present: 124,
      completed: 0,
      coveragePercent: 82.7,
      presentPercent: 82.7,
      rateBase: 'expected',
      medianMinutes: 29,
    });
    expect(r.attendees).toHaveLength(150);
    const line = (u: TestUser) => r.attendees.find((a: { userId: string }) => a.userId === u.id);
    expect(line(twoTabs)).toMatchObject({
      minutes: 29,
      sharePercent: 48.3,
      joined: true,
      present: true,
      completed: false,
    });
    expect(line(scripted[99])).toMatchObject({ minutes: 10, sharePercent: 16.7 });
    expect(line(people[149])).toMatchObject({
      minutes: 0,
      sharePercent: 0,
      joined: false,
      present: false,
      firstJoinedAt: null,
    });
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
    // The columns are the JSON fields of an attendee line, in snake_case: one vocabulary.
    expect(lines[0]).toBe('user_id,display_name,email,region,minutes,share_percent,joined,present,completed');
    expect(lines).toContain(
      `${evil.id},"'=HYPERLINK(""http://evil"",""x"")",${await email(evil)},KZ-55,240,100,true,true,true`,
    );
    expect(lines).toContain(`${plus.id},'+7 701 000 00 00,${await email(plus)},KZ-55,0,0,false,false,false`);
    expect(lines[lines.length - 1]).toBe('');

    const programCsv = await h.api.http
      .get(`/programs/${program.id}/attendance.csv`)
      .set(h.auth(organizer))
      .expect(200);
    expect(programCsv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(programCsv.text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(programCsv.text.split('\r\n')[0]).toBe(
      'user_id,display_name,email,region,minutes,share_percent,joined,present,sessions_present,sessions_completed,units_completed,quiz_score_percent,completed,completed_at',
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
      unitsCompleted: 4,
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
      minQuizScorePercent: null,
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
        joined: 4,
        present: 4,
        completed: 2,
        coveragePercent: 66.7,
        presentPercent: 66.7,
        rateBase: 'expected',
        medianMinutes: 828, // A 960, B 840, C 816, D 680
      },
    ]);
    const lineA = report.attendees.find((x: { userId: string }) => x.userId === a.id);
    expect(lineA).toMatchObject({
      minutes: 960,
      sharePercent: 100,
      joined: true,
      present: true,
      sessionsPresent: 4,
      sessionsCompleted: 4,
      unitsCompleted: 4,
      completed: true,
    });
    const lineE = report.attendees.find((x: { userId: string }) => x.userId === e.id);
    expect(lineE).toMatchObject({
      minutes: 0,
      joined: false,
      present: false,
      sessionsPresent: 0,
      sessionsCompleted: 0,
      completed: false,
      completedAt: null,
    });
    const lineD = report.attendees.find((x: { userId: string }) => x.userId === d.id);
    expect(lineD).toMatchObject({ sessionsPresent: 3, sessionsCompleted: 3, unitsCompleted: 3 });
  });

  it('counts only registrations still registered: a cancelled one is in no line and no figure', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-07-01T10:00',
      durationMinutes: 240,
    });
    const [a, b, noShow] = await h.users(3, { homeRegionId: pavlodar });
    const [cancelled] = await h.users(1, { homeRegionId: pavlodar });
    await h.register(session.id, [a, b, noShow]);
    await h.register(session.id, [cancelled], { status: 'cancelled' });
    await h.roster('session', session.id, { [pavlodar]: 4 });
    await script(session.id, a, [[0, 240]], session.startAt);
    await script(session.id, b, [[0, 30]], session.startAt);
    // There all along, then cancelled: what it did before counts for nothing.
    await script(session.id, cancelled, [[0, 240]], session.startAt);
    await writer.flush();

    const r = (await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(organizer)).expect(200))
      .body;
    expect(r.attendees.map((x: { userId: string }) => x.userId).sort()).toEqual(
      [a.id, b.id, noShow.id].sort(),
    );
    expect(r.totals).toEqual({
      expected: 4,
      registered: 3,
      joined: 2,
      present: 2,
      completed: 1,
      coveragePercent: 50,
      presentPercent: 50,
      rateBase: 'expected',
      medianMinutes: 135,
    });
    const csv = await h.api.http
      .get(`/sessions/${session.id}/attendance.csv`)
      .set(h.auth(organizer))
      .expect(200);
    expect(csv.text).not.toContain(cancelled.id);

    // In a program: a person who completed both sessions, then cancelled the second registration.
    const second = await createSession(h.ds, program.id, {
      localStart: '2024-07-08T10:00',
      durationMinutes: 240,
    });
    const [both] = await h.users(1, { homeRegionId: pavlodar });
    const [firstReg] = await h.register(session.id, [both]);
    const [secondReg] = await h.register(second.id, [both]);
    await script(session.id, both, [[0, 240]], session.startAt);
    await script(second.id, both, [[0, 240]], second.startAt);
    await writer.flush();
    await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      secondReg,
    ]);
    expect(firstReg).toBeDefined();
    const program2 = (
      await h.api.http.get(`/programs/${program.id}/attendance`).set(h.auth(organizer)).expect(200)
    ).body;
    expect(program2.attendees.find((x: { userId: string }) => x.userId === both.id)).toMatchObject({
      minutes: 240,
      sharePercent: 100,
      sessionsPresent: 1,
      sessionsCompleted: 1,
      unitsCompleted: 1,
      completed: false,
    });
    expect(program2.attendees.map((x: { userId: string }) => x.userId)).not.toContain(cancelled.id);
  });

  it('gives the live figures and the report the same joined and coverage; present is the scheduled time only', async () => {
    // The session starts a few seconds from now: both people join in the join window before it.
    const program = await createProgram(h.ds);
    const startAt = new Date(Date.now() + 6_000);
    const session = await createSession(h.ds, program.id, {
      startAt,
      endAt: new Date(startAt.getTime() + 60 * MIN),
      targetRegionIds: [pavlodar],
    });
    await h.roster('session', session.id, { [pavlodar]: 4 });
    const [lobbyOnly, staysOn] = await h.users(2, { homeRegionId: pavlodar });
    await h.register(session.id, [lobbyOnly, staysOn]);
    const staff = await h.connect(gw.url, organizer.token);
    await okData(staff, 'session:join', { sessionId: session.id });

    const early = await h.connect(gw.url, lobbyOnly.token);
    await okData(early, 'session:join', { sessionId: session.id });
    await okData(early, 'session:leave', { sessionId: session.id });
    const stays = await h.connect(gw.url, staysOn.token);
    await okData(stays, 'session:join', { sessionId: session.id });
    const live: AttendanceUpdate = await attendanceWhere(
      staff,
      (u) => u.totals.joined === 2 && u.totals.live === 1,
    );
    const [left] = await eventually(async () => {
      const rows: { left_at: Date | null }[] = await h.ds.query(
        `SELECT left_at FROM attendance_intervals WHERE session_id = $1 AND user_id = $2`,
        [session.id, lobbyOnly.id],
      );
      expect(rows[0]?.left_at).toBeTruthy();
      return rows;
    });
    // The point of the test: the first one left before the scheduled start.
    expect(left.left_at!.getTime()).toBeLessThan(startAt.getTime());
    await waitFor('the scheduled start to pass', () => Date.now() > startAt.getTime() + 100);

    const r = (await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(organizer)).expect(200))
      .body;
    const liveLine = live.regions.find((l) => l.regionId === pavlodar)!;
    expect(liveLine).toMatchObject({
      joined: 2,
      attended: 2,
      expected: 4,
      registered: 2,
      coveragePercent: 50,
    });
    // Same word, same figure: joined and coverage (joined / expected) agree with the live ones.
    expect(r.regions[0]).toMatchObject({
      joined: liveLine.joined,
      coveragePercent: liveLine.coveragePercent,
      expected: liveLine.expected,
      registered: liveLine.registered,
    });
    expect(r.totals).toMatchObject({
      joined: live.totals.joined,
      coveragePercent: live.totals.coveragePercent,
    });
    // A different word for a different figure: present counts the scheduled time only.
    expect(r.regions[0]).toMatchObject({ present: 1, presentPercent: 25 });
    const line = (u: TestUser) => r.attendees.find((a: { userId: string }) => a.userId === u.id);
    expect(line(lobbyOnly)).toMatchObject({ joined: true, present: false, minutes: 0, completed: false });
    expect(line(lobbyOnly).firstJoinedAt).not.toBeNull();
    expect(line(staysOn)).toMatchObject({ joined: true, present: true, lastLeftAt: null });
  });

  it('rounds every figure for people: medians included', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-07-02T10:00',
      durationMinutes: 60,
    });
    const [a, b] = await h.users(2, { homeRegionId: pavlodar });
    await h.register(session.id, [a, b]);
    // 6 and 42 seconds: 0.1 and 0.7 minutes, whose mean in floating point is 0.39999999999999997.
    for (const [u, seconds] of [
      [a, 6],
      [b, 42],
    ] as const) {
      writer.write({
        id: randomUUID(),
        sessionId: session.id,
        userId: u.id,
        registrationId: null,
        regionId: pavlodar,
        joinedAt: session.startAt,
        leftAt: new Date(session.startAt.getTime() + seconds * 1000),
        leftReason: 'left',
      });
    }
    await writer.flush();
    const res = await h.api.http.get(`/sessions/${session.id}/attendance`).set(h.auth(organizer)).expect(200);
    // No JSON number with more than one decimal anywhere in the report.
    expect(res.text).not.toMatch(/:-?\d+\.\d{2,}[,}\]]/);
    expect(res.body.totals.medianMinutes).toBe(0.4);
    expect(res.body.regions[0].medianMinutes).toBe(0.4);
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
      minQuizScorePercent: null,
      unitsTotal: 1,
    });
  });
});
