import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import {
  LIVE_ERROR_CODES,
  POLL_KINDS,
  REACTIONS,
  type ChatMessageView,
  type LiveAck,
  type PollView,
  type QuestionView,
  type QuestionVoteResult,
} from '@qatys/contracts';
import { isStorableText } from '@qatys/domain';
import { emit, emitRaw, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';
import { waitFor } from '../support/wait';

/**
 * Arbitrary payloads on every client event, from a real socket.io-client to a real gateway (real
 * Postgres and Redis): deep nesting, NULs, unpaired surrogates, wrong types, huge strings,
 * non-objects, several arguments, no ack at all. Whatever arrives, the answer is an ack of the
 * contract's shape, never `internal`; the socket stays connected; and nothing is stored for
 * refused input. Frames are written raw through the client's own connection, so payloads the
 * client library cannot encode (nested 30,000 deep) get through as any other client's would.
 * Fixed seed; the budget keeps it to tens of seconds.
 */
const SEED = 20_260_412;
const RUNS = Number(process.env.QATYS_FUZZ_RUNS ?? 600);
/** Below the 64 KB a message may have (larger ones close the connection: tested in bad-input). */
const MAX_FRAME = 60_000;
const CODES = new Set<string>(LIVE_ERROR_CODES.filter((c) => c !== 'internal'));
/** Names the Socket.IO parser refuses outright (the connection closes: a protocol violation). */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);
const EVENTS = [
  'ping',
  'session:join',
  'session:leave',
  'question:ask',
  'question:upvote',
  'question:moderate',
  'auth:refresh',
  'engagement:sync',
  'poll:create',
  'poll:answer',
  'hand:raise',
  'reaction:send',
  'chat:send',
] as const;

describe('gateway: fuzzing every client event (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let sessionId: string;
  let foreignSession: string;
  let attendee: TestUser;
  let moderator: TestUser;
  let asker: TestUser;
  let seeded: QuestionView[];
  let polls: PollView[];

  beforeAll(async () => {
    h = await LiveHarness.start();
    // Limits out of the way: the properties are about input, not allowances.
    gw = await h.startGateway({
      GATEWAY_QA_QUESTIONS_PER_WINDOW: '1000',
      GATEWAY_QA_VOTES_PER_WINDOW: '10000',
      GATEWAY_FLOOD_EVENTS_PER_SECOND: '10000',
      GATEWAY_FLOOD_BURST: '10000',
      GATEWAY_CHAT_MESSAGES_PER_WINDOW: '1000',
    });
    sessionId = (await h.liveSession()).id;
    foreignSession = (await h.liveSession()).id;
    await h.ds.query(`INSERT INTO session_live_settings (session_id, qa_premoderation) VALUES ($1, false)`, [
      sessionId,
    ]);
    [attendee, asker] = await h.users(2);
    moderator = await h.user({ roles: ['moderator'] });
    await h.register(sessionId, [attendee, asker]);
    const s = await h.connect(gw.url, asker.token);
    await okData(s, 'session:join', { sessionId });
    seeded = [];
    for (const text of ['First seeded question', 'Second seeded question', 'Third seeded question']) {
      seeded.push(await okData<QuestionView>(s, 'question:ask', { sessionId, text }));
    }
    s.disconnect();
    await h.ds.query(
      `INSERT INTO session_engagement_settings (session_id, chat_enabled, chat_premoderation) VALUES ($1, true, false)`,
      [sessionId],
    );
    const m = await h.connect(gw.url, moderator.token);
    await okData(m, 'session:join', { sessionId });
    polls = [];
    for (const poll of [
      { kind: 'single', question: { ru: 'Один?' }, options: [{ ru: 'А' }, { ru: 'Б' }, { ru: 'В' }] },
      {
        kind: 'multiple',
        question: { ru: 'Несколько?' },
        options: [{ ru: 'А' }, { ru: 'Б' }],
        changeable: true,
      },
      { kind: 'rating', question: { kk: 'Баға' } },
      { kind: 'words', question: { en: 'Words' } },
    ]) {
      polls.push(await okData<PollView>(m, 'poll:create', { sessionId, poll, open: true }));
    }
    m.disconnect();
  });

  afterAll(async () => h?.close());

  /** The samples: built once the session and questions exist (their ids are among the values). */
  function samples() {
    /** Code points of every kind, unpaired surrogates and NUL included. */
    const unit = fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constant('\u0000') },
      { weight: 1, arbitrary: fc.constantFrom('😀', '\u0301', '\u202e', '\ufeff', '\r\n', ' ', 'Қ') },
    );
    const text = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 0, maxLength: 600 }) },
      { weight: 3, arbitrary: fc.string({ unit, maxLength: 40 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('x', 'я', '😀', ' ', '\u0000'), fc.integer({ min: 400, max: 12_000 }))
          .map(([c, n]) => c.repeat(n)),
      },
    );
    const ids = () =>
      fc.oneof(
        fc.constantFrom(
          sessionId,
          foreignSession,
          sessionId.toUpperCase(),
          ...seeded.map((q) => q.id),
          ...polls.map((p) => p.id),
        ),
        fc.uuid(),
        fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '', ' '),
      );
    const scalar = () =>
      fc.oneof(
        text,
        ids(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('approve', 'dismiss', 'answered', 'pin', 'unpin', 'delete'),
        fc.constant(h.accessToken(attendee.id)),
      );
    const value = (): fc.Arbitrary<unknown> =>
      fc.oneof(
        { weight: 5, arbitrary: scalar() },
        { weight: 1, arbitrary: fc.array(scalar(), { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: unit }) },
      );
    /** Either a right value (mostly) or anything at all. */
    const mostly = <T>(right: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: value() });
    const questionIds = fc.constantFrom(...seeded.map((q) => q.id));
    /** Each event's own payload with some of its values wrong, fields missing or a stranger added. */
    const nearlyRight: Record<(typeof EVENTS)[number], fc.Arbitrary<Record<string, unknown>>> = {
      ping: fc.constant({}),
      'session:join': fc.record({ sessionId: mostly(fc.constantFrom(sessionId, foreignSession)) }),
      'session:leave': fc.record({ sessionId: mostly(fc.constantFrom(sessionId, foreignSession)) }),
      'question:ask': fc.record(
        { sessionId: mostly(fc.constant(sessionId)), text: mostly(text), anonymous: mostly(fc.boolean()) },
        { requiredKeys: ['sessionId', 'text'] },
      ),
      'question:upvote': fc.record(
        { questionId: mostly(questionIds), up: mostly(fc.boolean()) },
        { requiredKeys: ['questionId'] },
      ),
      'question:moderate': fc.record({
        questionId: mostly(questionIds),
        action: mostly(fc.constantFrom('approve', 'dismiss', 'answered', 'pin', 'unpin')),
      }),
      'auth:refresh': fc.record({
        token: mostly(fc.constant('')).map((t) => (t === '' ? h.accessToken(attendee.id) : t)),
      }),
      'engagement:sync': fc.record({ sessionId: mostly(fc.constant(sessionId)) }),
      'poll:create': fc.record(
        {
          sessionId: mostly(fc.constant(sessionId)),
          poll: mostly(
            fc.record(
              {
                kind: mostly(fc.constantFrom(...POLL_KINDS)),
                question: mostly(fc.record({ ru: text }, { requiredKeys: [] })),
                options: mostly(fc.array(fc.record({ kk: text }), { minLength: 2, maxLength: 4 })),
                quiz: mostly(fc.boolean()),
                correct: mostly(fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 })),
              },
              { requiredKeys: ['kind', 'question'] },
            ),
          ),
          open: mostly(fc.boolean()),
        },
        { requiredKeys: ['sessionId'] },
      ),
      // One of the seeded polls with the field its kind takes (mostly), or anything.
      'poll:answer': fc.oneof(
        ...(['choices', 'choices', 'rating', 'words'] as const).map((field, i) =>
          fc.record({
            pollId: mostly(fc.constant(polls[i].id)),
            [field]: mostly<unknown>(
              field === 'choices'
                ? fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 3 })
                : field === 'rating'
                  ? fc.integer({ min: 0, max: 6 })
                  : text,
            ),
          }),
        ),
      ),
      'hand:raise': fc.record({ sessionId: mostly(fc.constant(sessionId)) }),
      'reaction:send': fc.record({
        sessionId: mostly(fc.constant(sessionId)),
        reaction: mostly(fc.constantFrom(...REACTIONS)),
      }),
      'chat:send': fc.record(
        {
          sessionId: mostly(fc.constant(sessionId)),
          text: mostly(text),
          to: mostly(fc.constantFrom('all', 'staff')),
        },
        { requiredKeys: ['sessionId', 'text'] },
      ),
    };
    const shaped = (event: (typeof EVENTS)[number]) =>
      fc
        .tuple(
          nearlyRight[event],
          // A stranger field (or a known one with any value) in one payload of five.
          fc.oneof(
            { weight: 4, arbitrary: fc.constant(null) },
            {
              weight: 1,
              arbitrary: fc.tuple(fc.constantFrom('regionId', 'role', 'userId', 'sessionId', 'x'), value()),
            },
          ),
        )
        .map(([p, extra]) => (extra ? { ...p, [extra[0]]: extra[1] } : p));
    /** JSON text nested `depth` deep (a value no client library would encode). */
    const deep = fc
      .tuple(fc.integer({ min: 5, max: 29_000 }), fc.constantFrom('[', '{"a":'))
      .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
    /** The arguments after the event name, as JSON text. */
    const args = (event: unknown) =>
      fc.oneof(
        {
          weight: 16,
          arbitrary: (EVENTS.includes(event as never)
            ? shaped(event as (typeof EVENTS)[number])
            : value()
          ).map((p) => [JSON.stringify(p)]),
        },
        { weight: 2, arbitrary: value().map((p) => [JSON.stringify(p)]) },
        {
          weight: 1,
          arbitrary: fc.jsonValue({ maxDepth: 12, stringUnit: unit }).map((p) => [JSON.stringify(p)]),
        },
        { weight: 1, arbitrary: deep.map((d) => [d]) },
        { weight: 1, arbitrary: deep.map((d) => [`{"sessionId":"${sessionId}","text":${d}}`]) },
        { weight: 1, arbitrary: fc.constant([] as string[]) },
        {
          weight: 1,
          arbitrary: fc
            .array(value(), { minLength: 2, maxLength: 3 })
            .map((a) => a.map((v) => JSON.stringify(v))),
        },
      );
    const eventName = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...EVENTS) },
      { weight: 1, arbitrary: fc.string({ unit, maxLength: 30 }).filter((e) => !RESERVED.has(e)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 1000 }) },
    );
    return fc.record({
      who: fc.constantFrom('attendee', 'moderator'),
      call: eventName.chain((event) => args(event).map((a) => ({ event, args: a }))),
      withAck: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    });
  }

  it('answers every event with an ack of the contract, never internal, stays up, and stores nothing refused', async () => {
    const sockets = {
      attendee: await h.connect(gw.url, attendee.token),
      moderator: await h.connect(gw.url, moderator.token),
    };
    const joined = { attendee: false, moderator: false };
    const asked = new Set<string>();
    const votes = new Map<string, boolean>();
    const statuses = new Map<string, string>();
    const answered = new Set<string>();
    const messages = new Set<string>();
    const codes = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(samples(), async ({ who, call: { event, args }, withAck }) => {
        const frame = `[${[JSON.stringify(event), ...args].join(',')}]`;
        fc.pre(frame.length <= MAX_FRAME);
        const s: Socket = sockets[who];
        if (!joined[who]) {
          await okData(s, 'session:join', { sessionId });
          joined[who] = true;
        }
        if (!withAck) {
          (s.io.engine as unknown as { write(d: string): void }).write(`2/live,${frame}`);
        } else {
          const res: LiveAck<unknown> = await emitRaw(s, frame);
          const name = EVENTS.includes(event as never) ? String(event) : 'other';
          const key = `${name}:${res.ok ? 'ok' : res.error.code}`;
          codes.set(key, (codes.get(key) ?? 0) + 1);
          if (res.ok) {
            expect(Object.keys(res).sort()).toEqual(['data', 'ok']);
          } else {
            expect(CODES.has(res.error.code)).toBe(true);
            expect(typeof res.error.message).toBe('string');
            expect(res.error.message.length).toBeGreaterThan(0);
          }
          remember(who, event, args, res);
        }
        // Still connected, and still served.
        expect(s.connected).toBe(true);
        expect((await emit(s, 'ping')).ok).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    function remember(who: 'attendee' | 'moderator', event: unknown, raw: string[], res: LiveAck<unknown>) {
      if (!res.ok) return;
      if (event === 'session:leave') {
        const p = JSON.parse(raw[0]) as { sessionId: string };
        if (p.sessionId.toLowerCase() === sessionId) joined[who] = false;
      }
      if (event === 'question:ask') asked.add((res.data as QuestionView).id);
      if (event === 'question:upvote' && who === 'attendee') {
        const v = res.data as QuestionVoteResult;
        votes.set(v.question.id, v.voted);
      }
      if (event === 'question:moderate') {
        const q = res.data as QuestionView;
        statuses.set(q.id, q.status);
      }
      if (event === 'poll:answer') {
        const userId = (who === 'attendee' ? attendee : moderator).id;
        answered.add(`${(res.data as { answer: { pollId: string } }).answer.pollId}|${userId}`);
      }
      if (event === 'chat:send') messages.add((res.data as ChatMessageView).id);
    }

    // Nothing stored for refused input: exactly the accepted questions, votes and moderation.
    await waitFor('the last events to settle', async () => (await emit(sockets.attendee, 'ping')).ok);
    const questions: { id: string; author_id: string; status: string; text: string }[] = await h.ds.query(
      `SELECT id, author_id, status, text FROM questions`,
    );
    const fuzzed = questions.filter((q) => q.author_id !== asker.id).map((q) => q.id);
    expect(new Set(fuzzed)).toEqual(asked);
    for (const q of questions) expect(isStorableText(q.text)).toBe(true);
    const voteRows: { question_id: string }[] = await h.ds.query(
      `SELECT question_id FROM question_votes WHERE user_id = $1`,
      [attendee.id],
    );
    expect(new Set(voteRows.map((r) => r.question_id))).toEqual(
      new Set([...votes].filter(([, voted]) => voted).map(([id]) => id)),
    );
    for (const [id, status] of statuses) expect(questions.find((q) => q.id === id)?.status).toBe(status);
    // Engagement: exactly the accepted answers and messages, as Unicode text.
    // Acknowledged answers reach Postgres moments after their ack (write-behind from Redis).
    const answerRows = await waitFor('the acknowledged answers in Postgres', async () => {
      const rows: { poll_id: string; user_id: string; words: string[] | null }[] = await h.ds.query(
        `SELECT poll_id, user_id, words FROM poll_answers`,
      );
      return rows.length >= answered.size && rows;
    });
    expect(new Set(answerRows.map((r) => `${r.poll_id}|${r.user_id}`))).toEqual(answered);
    for (const r of answerRows) for (const w of r.words ?? []) expect(isStorableText(w)).toBe(true);
    const chatRows: { id: string; text: string }[] = await h.ds.query(`SELECT id, text FROM chat_messages`);
    expect(new Set(chatRows.map((r) => r.id))).toEqual(messages);
    for (const r of chatRows) expect(isStorableText(r.text)).toBe(true);
    // The run reached the handlers, not only the validation: report what it saw.
    process.stdout.write(
      `fuzz (${RUNS} runs, seed ${SEED}): ${[...codes]
        .sort()
        .map(([k, n]) => `${k}=${n}`)
        .join(' ')}\n`,
    );
    expect(asked.size).toBeGreaterThan(0);
  });
});
