import type { Socket } from 'socket.io-client';
import type { LiveAck, QuestionView } from '@qatys/contracts';
import { emit, emitRaw, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';
import { waitFor } from '../support/wait';

/**
 * Payloads that reached past validation before: structures nested deep enough to overflow the
 * class-transformer recursion, text Postgres cannot store (NUL) or that is not Unicode at all
 * (unpaired surrogates), and Q&A allowance spent on input that was then refused or not stored.
 */
describe('gateway: payload edges (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let sessionId: string;
  let asker: TestUser;
  let voter: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway({ GATEWAY_QA_QUESTIONS_PER_WINDOW: '2', GATEWAY_QA_VOTES_PER_WINDOW: '2' });
    sessionId = (await h.liveSession()).id;
    await h.ds.query(`INSERT INTO session_live_settings (session_id, qa_premoderation) VALUES ($1, false)`, [
      sessionId,
    ]);
    [asker, voter] = await h.users(2);
    await h.register(sessionId, [asker, voter]);
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  const code = (res: LiveAck<unknown>) => (res.ok ? 'ok' : res.error.code);

  async function stillUp(s: Socket): Promise<void> {
    expect(s.connected).toBe(true);
    expect((await emit(s, 'ping')).ok).toBe(true);
  }

  async function joined(u: TestUser): Promise<Socket> {
    const s = await h.connect(gw.url, u.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }

  const questionsOf = async (u: TestUser): Promise<number> =>
    (await h.ds.query(`SELECT count(*)::int AS n FROM questions WHERE author_id = $1`, [u.id]))[0].n;

  /** JSON text of `leaf` inside `depth` arrays (built as text: no client could encode it as a value). */
  const nested = (depth: number, leaf = '"x"'): string => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;

  it('refuses deeply nested payloads with invalid_payload before any transformation, and stays up', async () => {
    const s = await joined(asker);
    for (const depth of [1_600, 30_000, 20]) {
      for (const [event, payload] of [
        ['question:ask', `{"sessionId":"${sessionId}","text":${nested(depth)}}`],
        ['session:join', `{"sessionId":${nested(depth)}}`],
        ['question:upvote', `{"questionId":${nested(depth)}}`],
        ['question:moderate', `{"questionId":"${sessionId}","action":${nested(depth)}}`],
        ['session:leave', nested(depth, `{"sessionId":"${sessionId}"}`)],
        ['ping', `{"a":${nested(depth, '{}')}}`],
      ] as const) {
        const res = await emitRaw(s, `["${event}",${payload}]`);
        expect(res).toEqual({
          ok: false,
          error: { code: 'invalid_payload', message: expect.stringMatching(/nested too deep/) },
        });
      }
    }
    // Wide instead of deep: too many values in one payload.
    const wide = { sessionId, text: Array.from({ length: 5_000 }, (_, i) => i) };
    expect(await emit(s, 'question:ask', wide)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/too many values/) },
    });
    await stillUp(s);
    expect(await questionsOf(asker)).toBe(0);
  });

  it('refuses NUL and unpaired surrogates in any text field with invalid_text, without using the allowance', async () => {
    const s = await joined(asker);
    const bad = [
      'What about \u0000 this?',
      '\u0000\u0000\u0000',
      'Lone high \ud800 surrogate',
      'Lone low \udc00 surrogate',
      'Reversed pair \udc00\ud800 here',
      'Ends with a high surrogate \ud83d',
    ];
    for (const text of bad) {
      const res = await emit(s, 'question:ask', { sessionId, text });
      expect(res).toEqual({
        ok: false,
        error: {
          code: 'invalid_text',
          message: 'question:ask: text holds a NUL character or an unpaired surrogate',
        },
      });
    }
    // In other fields, and in field names, too.
    expect(code(await emit(s, 'session:join', { sessionId: `${sessionId}\u0000` }))).toBe('invalid_text');
    expect(code(await emit(s, 'question:upvote', { questionId: '\ud800' }))).toBe('invalid_text');
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Fine text', '\u0000': 1 }))).toBe(
      'invalid_text',
    );
    await stillUp(s);
    expect(await questionsOf(asker)).toBe(0);
    // Proper pairs are text: an emoji is fine. And the allowance (2) is intact.
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Emoji 😀 ok?' }))).toBe('ok');
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Second one' }))).toBe('ok');
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Third one' }))).toBe('rate_limited');
    const texts = await h.ds.query(`SELECT text FROM questions WHERE author_id = $1 ORDER BY created_at`, [
      asker.id,
    ]);
    expect(texts.map((r: { text: string }) => r.text)).toEqual(['Emoji 😀 ok?', 'Second one']);
  });

  it('gives the allowance back when a question or vote is not stored after all', async () => {
    const [u] = await h.users(1);
    await h.register(sessionId, [u]);
    const s = await joined(u);
    // Postgres refuses this one insert (as a failing disk or a constraint would).
    await h.ds.query(`
      CREATE OR REPLACE FUNCTION test_refuse_question() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await h.ds.query(`CREATE TRIGGER test_refuse_question BEFORE INSERT ON questions
      FOR EACH ROW WHEN (NEW.text LIKE 'REFUSE%') EXECUTE FUNCTION test_refuse_question()`);
    try {
      for (let i = 0; i < 3; i++) {
        expect(code(await emit(s, 'question:ask', { sessionId, text: `REFUSE ${i}` }))).toBe('internal');
      }
    } finally {
      await h.ds.query(`DROP TRIGGER test_refuse_question ON questions`);
    }
    const q1 = await okData<QuestionView>(s, 'question:ask', { sessionId, text: 'Stored one' });
    await okData<QuestionView>(s, 'question:ask', { sessionId, text: 'Stored two' });
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'One too many' }))).toBe('rate_limited');

    // Votes refused by the domain (no such question, not visible) keep the allowance too.
    const v = await joined(voter);
    for (const questionId of [
      '00000000-0000-4000-8000-000000000000',
      '10000000-0000-4000-8000-000000000001',
    ]) {
      expect(code(await emit(v, 'question:upvote', { questionId }))).toBe('question_not_found');
    }
    expect(code(await emit(v, 'question:upvote', { questionId: q1.id }))).toBe('ok');
    expect(code(await emit(v, 'question:upvote', { questionId: q1.id, up: false }))).toBe('ok');
    expect(code(await emit(v, 'question:upvote', { questionId: q1.id }))).toBe('rate_limited');
  });

  it('ignores an event sent without an acknowledgement callback: nothing is done, the socket stays up', async () => {
    const [u] = await h.users(1);
    await h.register(sessionId, [u]);
    const s = await joined(u);
    s.emit('question:ask', { sessionId, text: 'Nobody hears the answer' });
    s.emit('question:ask', { sessionId, text: { deep: [[[[[[[[[['x']]]]]]]]]] } });
    s.emit('question:ask', { sessionId, text: 'NUL \u0000' });
    // The acknowledged events after them are answered in order, so the ignored ones are done with.
    await stillUp(s);
    expect(await questionsOf(u)).toBe(0);
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Heard this time' }))).toBe('ok');
    expect(await questionsOf(u)).toBe(1);
  });

  it('answers unknown event names without echoing them at length', async () => {
    const s = await h.connect(gw.url, asker.token);
    const res = await emit(s, `x${'y'.repeat(5_000)}\u0000`, {});
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    expect((res as { error: { message: string } }).error.message.length).toBeLessThan(120);
    await stillUp(s);
  });

  it('closes a connection whose binary frame is nested too deep to decode, and only that one', async () => {
    const bad = await h.connect(gw.url, asker.token);
    const calm = await h.connect(gw.url, voter.token);
    const closed = new Promise<string>((resolve) => bad.once('disconnect', (reason) => resolve(reason)));
    // Written as raw frames: socket.io-client itself cannot encode such a payload.
    const engine = bad.io.engine as unknown as { write(data: string | Buffer): void };
    const depth = 20_000;
    engine.write(
      `51-/live,["question:ask",${'['.repeat(depth)}{"_placeholder":true,"num":0}${']'.repeat(depth)}]`,
    );
    engine.write(Buffer.from('x'));
    expect(await closed).toMatch(/transport close|transport error|parse error/);
    await waitFor('the other socket to be served', async () => (await emit(calm, 'ping')).ok);
  });
});
