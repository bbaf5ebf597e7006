import { randomUUID } from 'crypto';
import type { Socket } from 'socket.io-client';
import type { LiveAck, QuestionView } from '@qatys/contracts';
import { emit, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';
import { waitFor } from '../support/wait';

describe('gateway: bad input and floods (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let sessionId: string;
  let attendee: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway({ GATEWAY_FLOOD_EVENTS_PER_SECOND: '20', GATEWAY_FLOOD_BURST: '20' });
    sessionId = (await h.liveSession()).id;
    [attendee, other] = await h.users(2);
    await h.register(sessionId, [attendee, other]);
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  /** The socket answers a ping after the bad event: the connection stayed up. */
  async function stillUp(s: Socket): Promise<void> {
    expect(s.connected).toBe(true);
    expect((await emit(s, 'ping')).ok).toBe(true);
  }

  const code = (res: LiveAck<unknown>) => (res.ok ? 'ok' : res.error.code);

  it('acknowledges malformed session:join / session:leave payloads with invalid_payload', async () => {
    const s = await h.connect(gw.url, attendee.token);
    const cases: [unknown[], string][] = [
      [[], 'session:join takes a JSON object'],
      [['just a string'], 'session:join takes a JSON object'],
      [[[sessionId]], 'session:join takes a JSON object'],
      [[null], 'session:join takes a JSON object'],
      [[{}], 'session:join: sessionId must be a UUID'],
      [[{ sessionId: 42 }], 'session:join: sessionId must be a UUID'],
      [[{ sessionId: 'not-a-uuid' }], 'session:join: sessionId must be a UUID'],
      [[{ sessionId, role: 'organizer' }], 'session:join: unknown field "role"'],
    ];
    for (const [args, message] of cases) {
      expect(await emit(s, 'session:join', ...args)).toEqual({
        ok: false,
        error: { code: 'invalid_payload', message },
      });
    }
    expect(await emit(s, 'session:leave', { sessionId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await emit(s, 'session:leave', { sessionId })).toEqual({
      ok: false,
      error: { code: 'not_joined', message: `You have not joined session ${sessionId}` },
    });
    await stillUp(s);
    // Nothing was lost: the same socket joins fine afterwards.
    expect(await okData(s, 'session:join', { sessionId })).toMatchObject({ counted: true });
  });

  it('answers unknown sessions, missing rights and unknown events without dropping the socket', async () => {
    const s = await h.connect(gw.url, other.token);
    const unknown = randomUUID();
    expect(code(await emit(s, 'session:join', { sessionId: unknown }))).toBe('session_not_found');
    const foreign = await h.liveSession();
    expect(code(await emit(s, 'session:join', { sessionId: foreign.id }))).toBe('not_registered');
    expect(await emit(s, 'session:teleport', { sessionId })).toEqual({
      ok: false,
      error: { code: 'unknown_event', message: 'Unknown event "session:teleport"' },
    });
    expect(code(await emit(s, 'question:ask', { sessionId, text: 'Before joining?' }))).toBe('not_joined');
    await stillUp(s);
  });

  it('refuses bad questions, votes and moderation with precise codes', async () => {
    const s = await h.connect(gw.url, attendee.token);
    await okData(s, 'session:join', { sessionId });
    const ask = (p: unknown) => emit(s, 'question:ask', p);
    expect(await ask({ sessionId, text: 'x'.repeat(501) })).toEqual({
      ok: false,
      error: { code: 'text_too_long', message: 'A question may have at most 500 characters (got 501)' },
    });
    expect(code(await ask({ sessionId, text: `  ${'y'.repeat(500)}  ` }))).toBe('ok');
    expect(await ask({ sessionId, text: '  a ' })).toEqual({
      ok: false,
      error: { code: 'text_too_short', message: 'A question needs at least 3 characters (got 1)' },
    });
    expect(code(await ask({ sessionId, text: '      ' }))).toBe('text_too_short');
    expect(await ask({ sessionId, text: 12345 })).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'question:ask: text must be a string' },
    });
    expect(code(await ask({ sessionId, text: 'Valid text', anonymous: 'yes' }))).toBe('invalid_payload');
    expect(code(await ask({ sessionId, text: 'Valid text', regionId: 7 }))).toBe('invalid_payload');
    expect(code(await ask('Valid text'))).toBe('invalid_payload');
    expect(code(await ask({ sessionId: randomUUID(), text: 'Not joined there' }))).toBe('not_joined');

    const vote = (p: unknown) => emit(s, 'question:upvote', p);
    expect(code(await vote({ questionId: 'nope' }))).toBe('invalid_payload');
    expect(code(await vote({ questionId: randomUUID(), up: 'no' }))).toBe('invalid_payload');
    const missing = randomUUID();
    expect(await vote({ questionId: missing })).toEqual({
      ok: false,
      error: { code: 'question_not_found', message: `Question ${missing} not found` },
    });
    const q = await okData<QuestionView>(s, 'question:ask', { sessionId, text: 'A fine question' });
    expect(await emit(s, 'question:moderate', { questionId: q.id, action: 'delete' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: 'question:moderate: action must be one of approve, dismiss, answered, pin, unpin',
      },
    });
    expect(code(await emit(s, 'question:moderate', { questionId: q.id, action: 'approve' }))).toBe(
      'forbidden',
    );
    // Rate-limited: the 3 questions a minute are used up (the refused ones did not count).
    expect(code(await ask({ sessionId, text: 'The third one' }))).toBe('ok');
    expect(code(await ask({ sessionId, text: 'One too many' }))).toBe('rate_limited');
    await stillUp(s);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM questions WHERE author_id = $1`, [
      attendee.id,
    ]);
    expect(n).toBe(3);
  });

  it('throttles a flooding socket without slowing the others, and keeps it connected', async () => {
    const flooder = await h.connect(gw.url, attendee.token);
    const calm = await h.connect(gw.url, other.token);
    const flood = Array.from({ length: 300 }, () => emit(flooder, 'ping'));
    // Meanwhile another socket is served normally.
    expect(await okData(calm, 'session:join', { sessionId })).toMatchObject({ counted: true });
    expect((await emit(calm, 'ping')).ok).toBe(true);
    const results = await Promise.all(flood);
    const throttled = results.filter((r) => code(r) === 'throttled');
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(20);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toEqual({
      ok: false,
      error: { code: 'throttled', message: 'Too many events from this connection; slow down' },
    });
    expect(flooder.connected).toBe(true);
    // The bucket refills: the flooder is served again after a pause.
    await waitFor('the flooder to be served again', async () => (await emit(flooder, 'ping')).ok, {
      everyMs: 100,
    });
  });

  it('drops a connection that sends a message over 64 KB, and only that one', async () => {
    const big = await h.connect(gw.url, attendee.token);
    const calm = await h.connect(gw.url, other.token);
    const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit('question:ask', { sessionId, text: 'x'.repeat(70 * 1024) });
    expect(await closed).toMatch(/transport close|transport error/);
    await stillUp(calm);
  });
});
