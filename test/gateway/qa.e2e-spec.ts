import type { Socket } from 'socket.io-client';
import type { QuestionView, QuestionVoteResult } from '@qatys/contracts';
import { addSpeaker, createSection, createSpeaker } from '../support/factories';
import { collect, emit, LiveHarness, nextEvent, okData, RunningGateway, TestUser } from './live-harness';

describe('gateway: questions and answers (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  let sessionId: string;
  let sectionId: string;
  let p1: TestUser, p2: TestUser, k1: TestUser;
  let organizer: TestUser, moderator: TestUser, speaker: TestUser, coordinator: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    // The default limit (3 a minute) is exercised on gateways of its own below.
    const roomy = { GATEWAY_QA_QUESTIONS_PER_WINDOW: '100' };
    [a, b] = await Promise.all([h.startGateway(roomy), h.startGateway(roomy)]);
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
    const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    sessionId = session.id;
    sectionId = (await createSection(h.ds, sessionId)).id;
    [p1, p2] = await h.users(2, { homeRegionId: pavlodar, displayName: 'Pavlodar person' });
    [k1] = await h.users(1, { homeRegionId: kostanay, displayName: 'Kostanay person' });
    await h.register(sessionId, [p1], { sectionId });
    await h.register(sessionId, [p2, k1]);
    organizer = await h.user({ roles: ['organizer'] });
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

  const ask = (s: Socket, text: string, extra: Record<string, unknown> = {}) =>
    okData<QuestionView>(s, 'question:ask', { sessionId, text, ...extra });

  it('pre-moderates: staff see the pending question, the audience only once it is approved; text is kept as typed', async () => {
    const staff = await joined(organizer);
    const mod = await joined(moderator, b);
    const asker = await joined(p1);
    const listener = await joined(k1, b);
    const seenByAudience = collect<QuestionView>(listener, 'question:new');
    const staffNew = nextEvent<QuestionView>(staff, 'question:new');

    const raw = '  <b>Қалай?</b> <script>alert(1)</script> & "quotes"  ';
    const q = await ask(asker, raw);
    expect(q).toMatchObject({
      sessionId,
      text: '<b>Қалай?</b> <script>alert(1)</script> & "quotes"',
      status: 'pending',
      regionId: pavlodar,
      sectionId,
      upvotes: 0,
      pinned: false,
      anonymous: false,
      author: { id: p1.id, displayName: 'Pavlodar person' },
    });
    expect(await staffNew).toEqual(q);
    const [stored] = await h.ds.query(`SELECT text, status, region_id FROM questions WHERE id = $1`, [q.id]);
    expect(stored).toEqual({ text: q.text, status: 'pending', region_id: pavlodar });

    const audienceNew = nextEvent<QuestionView>(listener, 'question:new');
    const staffUpdate = nextEvent<QuestionView>(staff, 'question:update');
    const approved = await okData<QuestionView>(mod, 'question:moderate', {
      questionId: q.id,
      action: 'approve',
    });
    expect(approved.status).toBe('approved');
    expect(await audienceNew).toEqual(approved);
    expect(await staffUpdate).toEqual(approved);
    // The audience never saw it while pending.
    expect(seenByAudience.items.map((x) => x.status)).toEqual(['approved']);
  });

  it('takes one upvote per person; a second is a no-op and the vote can be taken back', async () => {
    const staff = await joined(organizer);
    const asker = await joined(p2, b);
    const voter = await joined(k1);
    const q = await ask(asker, 'What is the deadline for the primaries?');
    await okData(staff, 'question:moderate', { questionId: q.id, action: 'approve' });

    const vote = (s: Socket, up?: boolean) =>
      okData<QuestionVoteResult>(s, 'question:upvote', {
        questionId: q.id,
        ...(up === undefined ? {} : { up }),
      });
    const update = nextEvent<QuestionView>(asker, 'question:update', (x) => x.id === q.id && x.upvotes === 1);
    expect(await vote(voter)).toMatchObject({ changed: true, voted: true, question: { upvotes: 1 } });
    expect((await update).upvotes).toBe(1);
    expect(await vote(voter)).toMatchObject({ changed: false, voted: true, question: { upvotes: 1 } });
    expect(await vote(asker)).toMatchObject({ changed: true, question: { upvotes: 2 } });
    expect(await vote(voter, false)).toMatchObject({ changed: true, voted: false, question: { upvotes: 1 } });
    expect(await vote(voter, false)).toMatchObject({ changed: false, question: { upvotes: 1 } });
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM question_votes WHERE question_id = $1`, [
      q.id,
    ]);
    expect(n).toBe(1);

    // Pending questions take no votes; a socket that did not join the session cannot vote.
    const pending = await ask(asker, 'Still waiting for a moderator');
    expect(await emit(voter, 'question:upvote', { questionId: pending.id })).toMatchObject({
      ok: false,
      error: { code: 'question_not_found' },
    });
    const outsider = await h.connect(a.url, p1.token);
    expect(await emit(outsider, 'question:upvote', { questionId: q.id })).toEqual({
      ok: false,
      error: { code: 'not_joined', message: 'Join the session of this question first' },
    });
  });

  it('lets moderators, the session’s speakers and organizers moderate; not coordinators or attendees', async () => {
    const asker = await joined(p1);
    const listener = await joined(k1, b);
    const coord = await joined(coordinator);
    const spk = await joined(speaker, b);
    const q = await ask(asker, 'Will the slides be shared?');

    for (const s of [coord, asker]) {
      expect(await emit(s, 'question:moderate', { questionId: q.id, action: 'approve' })).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Only moderators, organizers and the speakers of the session may moderate questions',
        },
      });
    }
    expect(await emit(spk, 'question:moderate', { questionId: q.id, action: 'pin' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', message: 'A pending question cannot be given "pin"' },
    });
    const shown = nextEvent<QuestionView>(listener, 'question:new', (x) => x.id === q.id);
    expect(await okData(spk, 'question:moderate', { questionId: q.id, action: 'approve' })).toMatchObject({
      status: 'approved',
    });
    await shown;
    expect(await okData(spk, 'question:moderate', { questionId: q.id, action: 'pin' })).toMatchObject({
      pinned: true,
    });
    const answered = await okData<QuestionView>(spk, 'question:moderate', {
      questionId: q.id,
      action: 'answered',
    });
    expect(answered).toMatchObject({ status: 'answered', pinned: true, answeredAt: expect.any(String) });
    const gone = nextEvent<QuestionView>(
      listener,
      'question:update',
      (x) => x.id === q.id && x.status === 'dismissed',
    );
    const staffOnly = await joined(organizer);
    await okData(staffOnly, 'question:moderate', { questionId: q.id, action: 'dismiss' });
    expect(await gone).toMatchObject({ status: 'dismissed', pinned: false });
  });

  it('without pre-moderation shows questions at once; anonymous ones carry no author', async () => {
    const open = await h.liveSession({ targetRegionIds: [pavlodar] });
    await h.register(open.id, [p1, p2]);
    await h.api.http
      .put(`/sessions/${open.id}/live-settings`)
      .set(h.auth(organizer))
      .send({ qaPremoderation: false })
      .expect(200);
    const asker = await joined(p1, a, open.id);
    const listener = await joined(p2, b, open.id);
    const arrived = nextEvent<QuestionView>(listener, 'question:new');
    const q = await okData<QuestionView>(asker, 'question:ask', {
      sessionId: open.id,
      text: 'Can deputies from districts apply?',
      anonymous: true,
    });
    expect(q).toMatchObject({ status: 'approved', anonymous: true, author: null, regionId: pavlodar });
    expect(await arrived).toEqual(q);
  });

  it('lists over REST by votes or time, by region and status; attendees see approved ones only', async () => {
    const s = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    await h.register(s.id, [p1, k1]);
    const sp = await joined(p1, a, s.id);
    const sk = await joined(k1, b, s.id);
    const staff = await joined(organizer, a, s.id);
    const ask2 = (sock: Socket, text: string) =>
      okData<QuestionView>(sock, 'question:ask', { sessionId: s.id, text });
    const q1 = await ask2(sp, 'First from Pavlodar');
    const q2 = await ask2(sk, 'First from Kostanay');
    const q3 = await ask2(sp, 'Second from Pavlodar, stays pending');
    for (const q of [q1, q2])
      await okData(staff, 'question:moderate', { questionId: q.id, action: 'approve' });
    await okData(sp, 'question:upvote', { questionId: q2.id });

    const list = (u: TestUser, query: string) =>
      h.api.http.get(`/sessions/${s.id}/questions${query}`).set(h.auth(u));
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id);

    const byVotes = await list(organizer, '?order=votes').expect(200);
    expect(byVotes.body).toMatchObject({ total: 3, audience: 'staff', page: 1 });
    expect(ids(byVotes)).toEqual([q2.id, q1.id, q3.id]);
    expect(ids(await list(organizer, '?order=time').expect(200))).toEqual([q3.id, q2.id, q1.id]);
    expect(ids(await list(organizer, `?regionId=${pavlodar}&order=time`).expect(200))).toEqual([
      q3.id,
      q1.id,
    ]);
    expect(ids(await list(organizer, '?status=pending').expect(200))).toEqual([q3.id]);

    const mine = await list(k1, '?order=votes').expect(200);
    expect(mine.body.audience).toBe('attendee');
    expect(ids(mine)).toEqual([q2.id, q1.id]);
    expect(ids(await list(k1, `?regionId=${kostanay}`).expect(200))).toEqual([q2.id]);
    await list(k1, '?status=pending').expect(403);
    // Each reader learns their own votes, and an asker keeps their waiting question after a reload.
    expect(mine.body.items.map((x: QuestionView) => [x.id, x.votedByMe])).toEqual([
      [q2.id, false],
      [q1.id, false],
    ]);
    const asker = await list(p1, '?order=time').expect(200);
    expect(asker.body.items.map((x: QuestionView) => [x.id, x.status, x.votedByMe])).toEqual([
      [q3.id, 'pending', false],
      [q2.id, 'approved', true],
      [q1.id, 'approved', false],
    ]);

    expect(ids(await list(coordinator, '?order=time').expect(200))).toEqual([q3.id, q1.id]);
    await list(coordinator, `?regionId=${kostanay}`).expect(403);
    const stranger = await h.user();
    await list(stranger, '').expect(403);
    const bad = await list(organizer, '?order=loudest').expect(400);
    expect(bad.body.error).toBe('validation_failed');
  });

  it('limits questions per person across gateway processes (3 per window), and votes', async () => {
    const [c, d] = await Promise.all([h.startGateway(), h.startGateway()]);
    const s = await h.liveSession();
    const [u, voter] = await h.users(2, { homeRegionId: kostanay });
    await h.register(s.id, [u, voter]);
    const onA = await joined(u, c, s.id);
    const onB = await joined(u, d, s.id);
    const q = (sock: Socket, n: number) =>
      emit(sock, 'question:ask', { sessionId: s.id, text: `Question number ${n}` });
    expect((await q(onA, 1)).ok).toBe(true);
    expect((await q(onB, 2)).ok).toBe(true);
    // A refused text does not use up the allowance.
    expect(await emit(onA, 'question:ask', { sessionId: s.id, text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'text_too_short' },
    });
    expect((await q(onA, 3)).ok).toBe(true);
    const limited = await q(onB, 4);
    expect(limited).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'At most 3 questions per 60 s; try again later',
        details: { limit: 3, windowMs: 60000, retryAfterMs: expect.any(Number) },
      },
    });
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM questions WHERE session_id = $1`, [
      s.id,
    ]);
    expect(n).toBe(3);
    expect(onA.connected && onB.connected).toBe(true);

    // Votes: a gateway configured with 2 per window.
    const strict = await h.startGateway({ GATEWAY_QA_VOTES_PER_WINDOW: '2' });
    const organizerSocket = await joined(organizer, a, s.id);
    const [first] = (await h.ds.query(`SELECT id FROM questions WHERE session_id = $1`, [s.id])) as {
      id: string;
    }[];
    await okData(organizerSocket, 'question:moderate', { questionId: first.id, action: 'approve' });
    const v = await joined(voter, strict, s.id);
    expect((await emit(v, 'question:upvote', { questionId: first.id })).ok).toBe(true);
    expect((await emit(v, 'question:upvote', { questionId: first.id, up: false })).ok).toBe(true);
    expect(await emit(v, 'question:upvote', { questionId: first.id })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', details: { limit: 2 } },
    });
  });
});
