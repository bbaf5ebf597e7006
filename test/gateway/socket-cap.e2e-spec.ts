import type { Socket } from 'socket.io-client';
import type { LiveAck } from '@qatys/contracts';
import { LiveConnectionsStore } from '@qatys/domain';
import { emit, eventually, LiveHarness, okData, RunningGateway, TestUser } from './live-harness';

/**
 * At most GATEWAY_MAX_SOCKETS_PER_PERSON sockets of one person in one session, counted across
 * every gateway process in Redis: the per-socket flood allowance cannot be multiplied by opening
 * more sockets, and places come back when sockets leave, disconnect, or their process goes away.
 */
describe('gateway: sockets per person per session (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let sessionId: string;
  let otherSession: string;
  let u: TestUser;
  let organizer: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    const cap = { GATEWAY_MAX_SOCKETS_PER_PERSON: '2' };
    [a, b] = await Promise.all([h.startGateway(cap), h.startGateway(cap)]);
    sessionId = (await h.liveSession()).id;
    otherSession = (await h.liveSession()).id;
    [u] = await h.users(1);
    organizer = await h.user({ roles: ['organizer'] });
    await h.register(sessionId, [u]);
    await h.register(otherSession, [u]);
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  const code = (res: LiveAck<unknown>) => (res.ok ? 'ok' : res.error.code);
  const join = (s: Socket, sid = sessionId) => emit(s, 'session:join', { sessionId: sid });
  const places = (userId: string) =>
    a.app.get(LiveConnectionsStore, { strict: false }).count(sessionId, userId);

  it('refuses a third socket of one person in a session across two processes, with too_many_connections', async () => {
    const [s1, s2, s3] = await Promise.all([
      h.connect(a.url, u.token),
      h.connect(b.url, u.token),
      h.connect(a.url, u.token),
    ]);
    expect(code(await join(s1))).toBe('ok');
    expect(code(await join(s2))).toBe('ok');
    // Joining again on the same socket does not take a second place.
    expect(code(await join(s1))).toBe('ok');
    expect(await join(s3)).toEqual({
      ok: false,
      error: {
        code: 'too_many_connections',
        message: 'You are in this session on 2 connection(s) already; close one to join here',
        details: { limit: 2 },
      },
    });
    expect(s3.connected).toBe(true);
    // Per session: the same socket joins another one.
    expect(code(await join(s3, otherSession))).toBe('ok');

    // A leave gives the place back at once ...
    await okData(s1, 'session:leave', { sessionId });
    expect(code(await join(s3))).toBe('ok');
    // ... and so does a disconnect, once the server has seen it.
    s2.disconnect();
    const s4 = await h.connect(b.url, u.token);
    await eventually(async () => expect(code(await join(s4))).toBe('ok'));
    expect(await places(u.id)).toBe(2);
  });

  it('applies to staff too, and frees the places of a process that stops', async () => {
    const c = await h.startGateway({ GATEWAY_MAX_SOCKETS_PER_PERSON: '2' });
    const onC = await Promise.all([h.connect(c.url, organizer.token), h.connect(c.url, organizer.token)]);
    for (const s of onC) expect(code(await join(s))).toBe('ok');
    const onA = await h.connect(a.url, organizer.token);
    expect(code(await join(onA))).toBe('too_many_connections');
    await c.close();
    await eventually(async () => expect(code(await join(onA))).toBe('ok'));
  });
});
