/**
 * Polls and quizzes in a live session, across two gateway processes with real socket.io clients:
 * a moderator opens a poll, attendees from two regions answer on different processes, staff get
 * the tally per region, the audience once revealed; one answer per person across tabs and
 * processes; every kind of bad input is refused with a code, stores nothing and leaves the socket up.
 */
import type { Socket } from 'socket.io-client';
import type {
  EngagementState,
  PollAnswerResult,
  PollDefinition,
  PollResults,
  PollView,
} from '@qatys/contracts';
import { addSpeaker, createProgram, createSpeaker } from '../support/factories';
import { emit, eventually, LiveHarness, nextEvent, okData, RunningGateway, TestUser } from './live-harness';

const single: PollDefinition = {
  kind: 'single',
  question: { ru: 'Кто выдвигает кандидатов?', kk: 'Кандидаттарды кім ұсынады?', en: 'Who nominates?' },
  options: [{ ru: 'Съезд' }, { ru: 'Первичная организация' }, { ru: 'Никто' }],
};

describe('gateway: polls and quizzes (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  let sessionId: string;
  let p1: TestUser, p2: TestUser, k1: TestUser;
  let moderator: TestUser, speaker: TestUser, coordinator: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    [a, b] = await Promise.all([h.startGateway(), h.startGateway()]);
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
    sessionId = (await h.liveSession({ targetRegionIds: [pavlodar, kostanay] })).id;
    [p1, p2] = await h.users(2, { homeRegionId: pavlodar });
    [k1] = await h.users(1, { homeRegionId: kostanay });
    await h.register(sessionId, [p1, p2, k1]);
    moderator = await h.user({ roles: ['moderator'] });
    speaker = await h.user({ roles: ['speaker'] });
    coordinator = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar] });
    await addSpeaker(h.ds, sessionId, (await createSpeaker(h.ds, { userId: speaker.id })).id);
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  async function joined(u: TestUser, gw = a, sid = sessionId): Promise<Socket> {
    const s = await h.connect(gw.url, u.token);
    await okData(s, 'session:join', { sessionId: sid });
    return s;
  }

  const create = (s: Socket, poll: PollDefinition, open = true, sid = sessionId) =>
    okData<PollView>(s, 'poll:create', { sessionId: sid, poll, open });
  const answers = async (pollId: string): Promise<number> =>
    (await h.ds.query(`SELECT count(*)::int AS n FROM poll_answers WHERE poll_id = $1`, [pollId]))[0].n;

  it('runs a poll across two processes: tally per region to staff, to the audience once revealed', async () => {
    const mod = await joined(moderator, a);
    const onA = await joined(p1, a);
    const onB = await joined(k1, b);
    const opened = nextEvent<PollView>(onB, 'poll:update', (p) => p.status === 'open');
    const poll = await create(mod, single);
    expect(poll).toMatchObject({
      status: 'open',
      kind: 'single',
      revealed: false,
      quiz: false,
      correct: null,
    });
    expect((await opened).id).toBe(poll.id);

    const staffSees = nextEvent<PollResults>(
      mod,
      'poll:results',
      (r) => r.pollId === poll.id && r.total === 2,
    );
    const audienceResults: PollResults[] = [];
    onA.on('poll:results', (r: PollResults) => audienceResults.push(r));
    const mine = await okData<PollAnswerResult>(onA, 'poll:answer', { pollId: poll.id, choices: [1] });
    expect(mine).toMatchObject({ replaced: false, answer: { pollId: poll.id, choices: [1], rating: null } });
    await okData(onB, 'poll:answer', { pollId: poll.id, choices: [0] });

    const tally = await staffSees;
    expect(tally).toMatchObject({ total: 2, counts: [1, 1, 0], status: 'open', revealed: false });
    expect(tally.regions).toEqual([
      expect.objectContaining({ regionId: Math.min(pavlodar, kostanay) }),
      expect.objectContaining({ regionId: Math.max(pavlodar, kostanay) }),
    ]);
    const line = (r: PollResults, region: number) => r.regions.find((x) => x.regionId === region);
    expect(line(tally, pavlodar)).toMatchObject({ total: 1, counts: [0, 1, 0] });
    expect(line(tally, kostanay)).toMatchObject({ total: 1, counts: [1, 0, 0] });
    // Not revealed: the audience has no results and may not ask for them.
    expect(audienceResults).toEqual([]);
    expect(await emit(onA, 'poll:results', { pollId: poll.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const revealedOnB = nextEvent<PollResults>(onB, 'poll:results', (r) => r.revealed);
    const revealed = await okData<PollView>(mod, 'poll:reveal', { pollId: poll.id });
    expect(revealed.revealed).toBe(true);
    expect(line(await revealedOnB, pavlodar)).toMatchObject({ counts: [0, 1, 0] });
    expect(await okData<PollResults>(onA, 'poll:results', { pollId: poll.id })).toMatchObject({ total: 2 });

    const closedOnA = nextEvent<PollView>(onA, 'poll:update', (p) => p.status === 'closed');
    await okData(mod, 'poll:close', { pollId: poll.id });
    expect((await closedOnA).closedAt).toEqual(expect.any(String));

    // A late joiner gets it all in one read.
    const late = await joined(p2, b);
    const state = await okData<EngagementState>(late, 'engagement:sync', { sessionId });
    expect(state.canManage).toBe(false);
    expect(state.polls.map((p) => p.id)).toContain(poll.id);
    expect(state.results.find((r) => r.pollId === poll.id)).toMatchObject({ total: 2, status: 'closed' });
  });

  it('takes one answer per person, also from two tabs on two processes at once', async () => {
    const mod = await joined(moderator, a);
    const poll = await create(mod, single);
    const tabs = [await joined(p2, a), await joined(p2, b), await joined(p2, a), await joined(p2, b)];
    const replies = await Promise.all(
      tabs.map((t, i) => emit(t, 'poll:answer', { pollId: poll.id, choices: [i % 3] })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
      'already_answered',
      'already_answered',
      'already_answered',
    ]);
    // Acknowledged in Redis, in Postgres moments later.
    await eventually(async () => expect(await answers(poll.id)).toBe(1));
    // And again later: still one.
    expect(await emit(tabs[1], 'poll:answer', { pollId: poll.id, choices: [2] })).toMatchObject({
      ok: false,
      error: { code: 'already_answered' },
    });
  });

  it('lets an answer change until the close when the poll allows it; the last one counts', async () => {
    const mod = await joined(moderator, b);
    const poll = await create(mod, { ...single, kind: 'multiple', changeable: true, maxChoices: 2 });
    const tabA = await joined(p1, a);
    const tabB = await joined(p1, b);
    expect(await okData(tabA, 'poll:answer', { pollId: poll.id, choices: [0, 1] })).toMatchObject({
      replaced: false,
    });
    expect(await okData(tabB, 'poll:answer', { pollId: poll.id, choices: [2] })).toMatchObject({
      replaced: true,
      answer: { choices: [2] },
    });
    await eventually(async () => expect(await answers(poll.id)).toBe(1));
    await okData(mod, 'poll:close', { pollId: poll.id });
    const r = await okData<PollResults>(mod, 'poll:results', { pollId: poll.id });
    expect(r).toMatchObject({ total: 1, counts: [0, 0, 1] });
  });

  it('counts ratings and words per region', async () => {
    const mod = await joined(moderator, a);
    const rating = await create(mod, { kind: 'rating', question: { ru: 'Оцените модуль' }, scale: 5 });
    const words = await create(mod, { kind: 'words', question: { kk: 'Бір сөзбен', ru: 'Одним словом' } });
    const sp = await joined(p1, a);
    const sk = await joined(k1, b);
    await okData(sp, 'poll:answer', { pollId: rating.id, rating: 5 });
    await okData(sk, 'poll:answer', { pollId: rating.id, rating: 2 });
    await okData(sp, 'poll:answer', { pollId: words.id, words: 'Лидерство, команда' });
    await okData(sk, 'poll:answer', { pollId: words.id, words: ' лидерство ' });
    const r = await okData<PollResults>(mod, 'poll:results', { pollId: rating.id });
    expect(r).toMatchObject({ total: 2, counts: [0, 1, 0, 0, 1], average: 3.5 });
    expect(r.regions.find((x) => x.regionId === kostanay)).toMatchObject({
      counts: [0, 1, 0, 0, 0],
      average: 2,
    });
    const w = await okData<PollResults>(mod, 'poll:results', { pollId: words.id });
    expect(w.words).toEqual([
      { text: 'лидерство', count: 2 },
      { text: 'команда', count: 1 },
    ]);
  });

  it('refuses bad input with a code, stores nothing and keeps the socket up', async () => {
    const mod = await joined(moderator, a);
    const coord = await joined(coordinator, b);
    const att = await joined(p1, b);
    const poll = await create(mod, single);
    const draft = await create(mod, { ...single, kind: 'multiple', maxChoices: 2 }, false);
    const other = (await h.liveSession({ targetRegionIds: [pavlodar] })).id;
    const outsider = await create(await joined(moderator, a, other), single, true, other);
    const code = async (s: Socket, event: string, payload: unknown) => {
      const r = await emit(s, event, payload);
      return r.ok ? 'ok' : r.error.code;
    };

    expect(await code(att, 'poll:answer', { pollId: draft.id, choices: [0] })).toBe('poll_not_open');
    expect(
      await code(att, 'poll:answer', { pollId: '00000000-0000-4000-8000-000000000000', choices: [0] }),
    ).toBe('poll_not_found');
    expect(await code(att, 'poll:answer', { pollId: outsider.id, choices: [0] })).toBe('not_joined');
    expect(await code(att, 'poll:answer', { pollId: poll.id, choices: [3] })).toBe('invalid_answer');
    expect(await code(att, 'poll:answer', { pollId: poll.id, choices: [0, 1] })).toBe('invalid_answer');
    expect(await code(att, 'poll:answer', { pollId: poll.id, rating: 1 })).toBe('invalid_answer');
    expect(await code(att, 'poll:answer', { pollId: poll.id, choices: [0], regionId: kostanay })).toBe(
      'invalid_payload',
    );
    expect(await code(att, 'poll:answer', { pollId: poll.id, words: 'a\u0000b' })).toBe('invalid_text');
    expect(await answers(poll.id)).toBe(0);

    // Staff actions from an attendee or a coordinator: forbidden, nothing changed.
    for (const s of [att, coord]) {
      expect(await code(s, 'poll:create', { sessionId, poll: single })).toBe('forbidden');
      expect(await code(s, 'poll:open', { pollId: draft.id })).toBe('forbidden');
      expect(await code(s, 'poll:close', { pollId: poll.id })).toBe('forbidden');
      expect(await code(s, 'poll:reveal', { pollId: poll.id })).toBe('forbidden');
    }
    const [{ status, revealed }] = await h.ds.query(`SELECT status, revealed FROM polls WHERE id = $1`, [
      poll.id,
    ]);
    expect({ status, revealed }).toEqual({ status: 'open', revealed: false });
    // A coordinator reads the tally (staff), an attendee does not.
    expect(await code(coord, 'poll:results', { pollId: poll.id })).toBe('ok');

    // Invalid definitions and steps.
    expect(await code(mod, 'poll:create', { sessionId, poll: { ...single, options: [{ ru: 'one' }] } })).toBe(
      'invalid_poll',
    );
    expect(await code(mod, 'poll:create', { sessionId, poll: { ...single, quiz: true, correct: [7] } })).toBe(
      'invalid_poll',
    );
    expect(await code(mod, 'poll:create', { sessionId, poll: single, bankItemId: poll.id })).toBe(
      'invalid_payload',
    );
    expect(await code(mod, 'poll:create', { sessionId, bankItemId: poll.id })).toBe('bank_item_not_found');
    expect(await code(mod, 'poll:reveal', { pollId: draft.id })).toBe('invalid_transition');
    await okData(mod, 'poll:close', { pollId: poll.id });
    expect(await code(mod, 'poll:open', { pollId: poll.id })).toBe('invalid_transition');
    expect(await code(att, 'poll:answer', { pollId: poll.id, choices: [0] })).toBe('poll_not_open');
    expect(await answers(poll.id)).toBe(0);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM polls WHERE session_id = $1`, [
      sessionId,
    ]);
    expect(n).toBeGreaterThan(0);

    for (const s of [att, coord, mod]) expect(await okData(s, 'ping')).toHaveProperty('userId');
  });

  it('lets the session’s speaker run a quiz; closing it records each person’s points toward completion', async () => {
    const spk = await joined(speaker, b);
    const quiz = await create(spk, { ...single, quiz: true, correct: [1] });
    expect(quiz.correct).toEqual([1]);
    const sp = await joined(p1, a);
    const seen = nextEvent<PollView>(sp, 'poll:update', (p) => p.id === quiz.id && p.revealed);
    const sk = await joined(k1, b);
    await okData(sp, 'poll:answer', { pollId: quiz.id, choices: [1] });
    await okData(sk, 'poll:answer', { pollId: quiz.id, choices: [0] });
    await okData(spk, 'poll:close', { pollId: quiz.id });
    const points: { user_id: string; points: number }[] = await h.ds.query(
      `SELECT user_id, points FROM session_quiz_scores WHERE session_id = $1 ORDER BY points DESC`,
      [sessionId],
    );
    expect(points).toEqual([
      { user_id: p1.id, points: 1 },
      { user_id: k1.id, points: 0 },
    ]);
    const [{ max_points }] = await h.ds.query(
      `SELECT max_points FROM session_quiz_totals WHERE session_id = $1`,
      [sessionId],
    );
    expect(max_points).toBe(1);
    await okData(spk, 'poll:reveal', { pollId: quiz.id });
    expect((await seen).correct).toEqual([1]);
    const state = await okData<EngagementState>(sp, 'engagement:sync', { sessionId });
    expect(state.myAnswers.find((x) => x.pollId === quiz.id)).toMatchObject({ correct: true });
  });

  it('opens an item of the program’s bank, not one of another program', async () => {
    const mod = await joined(moderator, a);
    const [{ program_id }] = await h.ds.query(`SELECT program_id FROM sessions WHERE id = $1`, [sessionId]);
    const organizer = await h.user({ roles: ['organizer'] });
    const item = await h.api.http
      .post(`/programs/${program_id}/poll-bank`)
      .set(h.auth(organizer))
      .send(single)
      .expect(201);
    const foreign = await h.api.http
      .post(`/programs/${(await createProgram(h.ds)).id}/poll-bank`)
      .set(h.auth(organizer))
      .send(single)
      .expect(201);
    const poll = await okData<PollView>(mod, 'poll:create', {
      sessionId,
      bankItemId: item.body.id,
      open: true,
    });
    expect(poll).toMatchObject({ bankItemId: item.body.id, question: single.question, status: 'open' });
    expect(await emit(mod, 'poll:create', { sessionId, bankItemId: foreign.body.id })).toMatchObject({
      ok: false,
      error: { code: 'bank_item_not_found' },
    });
    await eventually(async () => expect(await answers(poll.id)).toBe(0));
  });
});
