/**
 * A quiz run live counts toward completion: closing it records each person's points; the program
 * report shows the quiz score, and a completion rule asking for one completes only those who reach it.
 */
import { randomUUID } from 'crypto';
import type { Socket } from 'socket.io-client';
import type { PollDefinition, PollView } from '@qatys/contracts';
import { LiveHarness, okData, RunningGateway, TestUser } from './live-harness';

const quiz = (correct: number): PollDefinition => ({
  kind: 'single',
  question: { ru: 'Вопрос', kk: 'Сұрақ' },
  options: [{ ru: 'А' }, { ru: 'Б' }],
  quiz: true,
  correct: [correct],
});

describe('gateway: quizzes toward completion (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
  });
  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  async function joined(u: TestUser, sessionId: string): Promise<Socket> {
    const s = await h.connect(gw.url, u.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }

  it('shows the quiz score in the program report and completes only those who reach the rule’s score', async () => {
    const pavlodar = await h.regionId('KZ-55');
    const session = await h.liveSession({ startInMinutes: -30, minutes: 60, targetRegionIds: [pavlodar] });
    const [good, half] = await h.users(2, { homeRegionId: pavlodar });
    await h.register(session.id, [good, half]);
    // Both present 25 of the 60 scheduled minutes (the rule below asks for 40 %).
    for (const u of [good, half]) {
      await h.ds.query(
        `INSERT INTO attendance_intervals (id, session_id, user_id, region_id, joined_at, left_at, left_reason)
         VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '25 minutes', 'left')`,
        [randomUUID(), session.id, u.id, pavlodar, session.startAt],
      );
    }
    const organizer = await h.user({ roles: ['organizer'] });
    const rule = (body: object) =>
      h.api.http.put(`/programs/${session.programId}/completion-rules`).set(h.auth(organizer)).send(body);
    await rule({ attendedThresholdPercent: 40 }).expect(200);
    const report = async () =>
      (await h.api.http.get(`/programs/${session.programId}/attendance`).set(h.auth(organizer)).expect(200))
        .body;
    const line = (r: { attendees: { userId: string }[] }, u: TestUser) =>
      r.attendees.find((a) => a.userId === u.id);

    let r = await report();
    expect(line(r, good)).toMatchObject({ completed: true, quizScorePercent: null });
    expect(line(r, half)).toMatchObject({ completed: true, quizScorePercent: null });

    const mod = await joined(await h.user({ roles: ['moderator'] }), session.id);
    const q1 = await okData<PollView>(mod, 'poll:create', {
      sessionId: session.id,
      poll: quiz(0),
      open: true,
    });
    const q2 = await okData<PollView>(mod, 'poll:create', {
      sessionId: session.id,
      poll: quiz(1),
      open: true,
    });
    const sg = await joined(good, session.id);
    const sh = await joined(half, session.id);
    await okData(sg, 'poll:answer', { pollId: q1.id, choices: [0] });
    await okData(sg, 'poll:answer', { pollId: q2.id, choices: [1] });
    await okData(sh, 'poll:answer', { pollId: q1.id, choices: [0] });
    await okData(sh, 'poll:answer', { pollId: q2.id, choices: [0] });
    // An open quiz counts for nothing yet.
    await okData(mod, 'poll:close', { pollId: q1.id });
    r = await report();
    expect(line(r, half)).toMatchObject({ quizScorePercent: 100 });
    await okData(mod, 'poll:close', { pollId: q2.id });

    r = await report();
    expect(line(r, good)).toMatchObject({ completed: true, quizScorePercent: 100 });
    expect(line(r, half)).toMatchObject({ completed: true, quizScorePercent: 50 });

    expect((await rule({ minQuizScorePercent: 60 }).expect(200)).body).toMatchObject({
      minQuizScorePercent: 60,
    });
    r = await report();
    expect(r.minQuizScorePercent).toBe(60);
    expect(line(r, good)).toMatchObject({ completed: true, completedAt: expect.any(Object) });
    expect(line(r, half)).toMatchObject({ completed: false, completedAt: null, unitsCompleted: 1 });
    const completions = await h.api.http
      .get(`/programs/${session.programId}/completions`)
      .set(h.auth(organizer))
      .expect(200);
    expect(completions.body.items.map((c: { userId: string }) => c.userId)).toEqual([good.id]);
    const csv = await h.api.http
      .get(`/programs/${session.programId}/attendance.csv`)
      .set(h.auth(organizer))
      .expect(200);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    const col = header.split(',').indexOf('quiz_score_percent');
    expect(col).toBeGreaterThan(0);
    expect(rows.map((x) => x.split(',')[col]).sort()).toEqual(['100', '50']);
    await rule({ minQuizScorePercent: 0 }).expect(400);
    await rule({ minQuizScorePercent: null }).expect(200);
    expect(line(await report(), half)).toMatchObject({ completed: true });
  });
});
