/**
 * The REST side of engagement: the program's poll bank (organizers keep it, the session's staff
 * read it), a session's polls with tallies per region (a coordinator: their regions), every answer
 * as formula-safe CSV (anonymous polls name nobody), and the chat settings.
 */
import type { Socket } from 'socket.io-client';
import type { PollDefinition, PollView } from '@qatys/contracts';
import { eventually, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';

const definition: PollDefinition = {
  kind: 'single',
  question: { kk: 'Қай модуль?', ru: 'Какой модуль?', en: 'Which module?' },
  options: [
    { kk: 'Бірінші', ru: 'Первый', en: 'First' },
    { ru: '=SUM(A1)', en: '=SUM(A1)' },
  ],
};

describe('api: poll bank, poll reports and chat settings (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  let organizer: TestUser;
  let moderator: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
    organizer = await h.user({ roles: ['organizer'] });
    moderator = await h.user({ roles: ['moderator'] });
  });
  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  async function joined(u: TestUser, sessionId: string): Promise<Socket> {
    const s = await h.connect(gw.url, u.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }

  it('keeps a program’s bank: organizers add, replace and remove; the session’s staff read it', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar] });
    const base = `/programs/${session.programId}/poll-bank`;
    const [attendee] = await h.users(1, { homeRegionId: pavlodar });
    await h.register(session.id, [attendee]);
    const http = h.api.http;

    const created = (await http.post(base).set(h.auth(organizer)).send(definition).expect(201)).body;
    expect(created).toMatchObject({
      programId: session.programId,
      kind: 'single',
      question: definition.question,
      options: definition.options,
      quiz: false,
      correct: null,
    });
    const quiz = (
      await http
        .post(base)
        .set(h.auth(organizer))
        .send({ ...definition, kind: 'multiple', quiz: true, correct: [1, 0] })
        .expect(201)
    ).body;
    expect(quiz).toMatchObject({ quiz: true, correct: [0, 1] });
    expect(
      (await http.get(base).set(h.auth(organizer)).expect(200)).body.map((x: { id: string }) => x.id),
    ).toEqual([created.id, quiz.id]);

    // Bad input: a clear 400 naming the rule, nothing stored.
    const bad = await http
      .post(base)
      .set(h.auth(organizer))
      .send({ ...definition, options: [{ ru: 'one' }] })
      .expect(400);
    expect(bad.body).toMatchObject({ error: 'invalid_poll', details: { rule: 'options' } });
    await http
      .post(base)
      .set(h.auth(organizer))
      .send({ ...definition, regionId: 1 })
      .expect(400);
    await http
      .post(base)
      .set(h.auth(organizer))
      .send({ ...definition, question: { ru: ' ' } })
      .expect(400);
    await http
      .post(base)
      .set(h.auth(organizer))
      .send({ ...definition, kind: 'essay' })
      .expect(400);
    await http
      .post(base)
      .set(h.auth(organizer))
      .send({ ...definition, quiz: true, correct: [0], anonymous: true })
      .expect(400);
    expect((await http.get(base).set(h.auth(organizer)).expect(200)).body).toHaveLength(2);

    const replaced = (
      await http
        .put(`${base}/${created.id}`)
        .set(h.auth(organizer))
        .send({ kind: 'rating', question: { ru: 'Оцените' }, scale: 4 })
        .expect(200)
    ).body;
    expect(replaced).toMatchObject({ id: created.id, kind: 'rating', scale: 4, options: [] });
    await http.delete(`${base}/${quiz.id}`).set(h.auth(organizer)).expect(204);
    expect((await http.delete(`${base}/${quiz.id}`).set(h.auth(organizer)).expect(404)).body).toMatchObject({
      error: 'bank_item_not_found',
    });

    // Moderators and attendees may not keep the bank; the session's staff read it, attendees do not.
    await http.post(base).set(h.auth(moderator)).send(definition).expect(403);
    await http.get(base).set(h.auth(attendee)).expect(403);
    const forSession = await http.get(`/sessions/${session.id}/poll-bank`).set(h.auth(moderator)).expect(200);
    expect(forSession.body.map((x: { id: string }) => x.id)).toEqual([created.id]);
    await http.get(`/sessions/${session.id}/poll-bank`).set(h.auth(attendee)).expect(403);
  });

  it('reports polls per region (a coordinator: their regions) and exports answers as formula-safe CSV', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    const [p1] = await h.users(1, { homeRegionId: pavlodar, displayName: '=HYPERLINK("http://evil","x")' });
    const [k1] = await h.users(1, { homeRegionId: kostanay, displayName: 'Kostanay' });
    await h.register(session.id, [p1, k1]);
    const coordinator = await h.user({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar] });
    const mod = await joined(moderator, session.id);
    const named = await okData<PollView>(mod, 'poll:create', {
      sessionId: session.id,
      poll: definition,
      open: true,
    });
    const anonymous = await okData<PollView>(mod, 'poll:create', {
      sessionId: session.id,
      open: true,
      poll: { kind: 'words', question: { ru: 'Слово' }, anonymous: true },
    });
    await okData<PollView>(mod, 'poll:create', { sessionId: session.id, poll: definition });
    const sp = await joined(p1, session.id);
    const sk = await joined(k1, session.id);
    await okData(sp, 'poll:answer', { pollId: named.id, choices: [1] });
    await okData(sk, 'poll:answer', { pollId: named.id, choices: [0] });
    await okData(sp, 'poll:answer', { pollId: anonymous.id, words: '@evil, +1' });

    // The gateway acknowledges from Redis and moves answers to Postgres moments later (write-behind).
    const all = await eventually(async () => {
      const body = (await h.api.http.get(`/sessions/${session.id}/polls`).set(h.auth(organizer)).expect(200))
        .body;
      expect(body.polls[0].results.total).toBe(2);
      expect(body.polls[1].results.total).toBe(1);
      return body;
    });
    expect(all.regionIds).toBeNull();
    expect(all.polls.map((p: { id: string }) => p.id)).toEqual([named.id, anonymous.id]);
    expect(all.polls[0].results).toMatchObject({ total: 2, counts: [1, 1] });
    expect(all.polls[0].results.regions).toHaveLength(2);
    const mine = (await h.api.http.get(`/sessions/${session.id}/polls`).set(h.auth(coordinator)).expect(200))
      .body;
    expect(mine.regionIds).toEqual([pavlodar]);
    expect(mine.polls[0].results).toMatchObject({ total: 1, counts: [0, 1] });
    expect(mine.polls[0].results.regions.map((r: { regionId: number }) => r.regionId)).toEqual([pavlodar]);
    await h.api.http.get(`/sessions/${session.id}/polls`).set(h.auth(p1)).expect(403);

    const csv = await h.api.http.get(`/sessions/${session.id}/polls.csv`).set(h.auth(organizer)).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(
      'poll_id,question,kind,user_id,display_name,email,region,answer,correct,answered_at',
    );
    expect(lines).toHaveLength(5);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv.text).toContain(`'=SUM(A1)`);
    const anonymousLine = lines.find((l) => l.startsWith(anonymous.id))!;
    expect(anonymousLine).toContain(`'@evil; +1`);
    expect(anonymousLine).not.toContain(p1.id);
    expect(anonymousLine.split(',').slice(3, 6)).toEqual(['', '', '']);
    const coordinatorCsv = await h.api.http
      .get(`/sessions/${session.id}/polls.csv`)
      .set(h.auth(coordinator))
      .expect(200);
    expect(coordinatorCsv.text).not.toContain(k1.id);
  });

  it('keeps the chat settings per session: off by default, organizers only', async () => {
    const session = await h.liveSession();
    const url = `/sessions/${session.id}/engagement-settings`;
    expect((await h.api.http.get(url).set(h.auth(organizer)).expect(200)).body).toEqual({
      sessionId: session.id,
      chatEnabled: false,
      chatPremoderation: true,
    });
    await h.api.http.put(url).set(h.auth(organizer)).send({ chatEnabled: 'yes' }).expect(400);
    await h.api.http.put(url).set(h.auth(moderator)).send({ chatEnabled: true }).expect(403);
    expect(
      (await h.api.http.put(url).set(h.auth(organizer)).send({ chatPremoderation: false }).expect(200)).body,
    ).toEqual({ sessionId: session.id, chatEnabled: false, chatPremoderation: false });
  });
});
