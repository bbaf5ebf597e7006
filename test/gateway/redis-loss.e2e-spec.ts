import type Redis from 'ioredis';
import type { QuestionView } from '@qatys/contracts';
import { LiveGateway } from '../../apps/gateway/src/live.gateway';
import { emit, LiveHarness, nextEvent, okData } from './live-harness';

/**
 * The Socket.IO Redis adapter publishes every broadcast without looking at the result. With its
 * Redis connection gone, each emit used to be an unhandled rejection (which ends a Node process,
 * and in a test run failed whatever test ran next): now it is logged, and this process's own
 * sockets still get the event.
 */
describe('gateway: broadcasts while the adapter has lost Redis (e2e)', () => {
  let h: LiveHarness;

  beforeAll(async () => {
    h = await LiveHarness.start();
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  it('keeps serving and delivers locally; the failed publish is no unhandled rejection', async () => {
    const gw = await h.startGateway();
    const sessionId = (await h.liveSession()).id;
    const [u] = await h.users(1);
    await h.register(sessionId, [u]);
    const organizer = await h.user({ roles: ['organizer'] });
    const staff = await h.connect(gw.url, organizer.token);
    await okData(staff, 'session:join', { sessionId });
    const asker = await h.connect(gw.url, u.token);
    await okData(asker, 'session:join', { sessionId });
    const rejections: unknown[] = [];
    const record = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', record);
    try {
      const adapter = gw.app.get(LiveGateway).namespace.adapter as unknown as { pubClient: Redis };
      // As a lost Redis connection leaves it (and a client closed during a stop): every publish fails.
      adapter.pubClient.disconnect();
      const seen = nextEvent<QuestionView>(staff, 'question:new');
      const q = await okData<QuestionView>(asker, 'question:ask', { sessionId, text: 'Who hears this?' });
      expect((await seen).id).toBe(q.id);
      // A round trip later, any rejection of that publish has been reported.
      expect((await emit(asker, 'ping')).ok).toBe(true);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await gw.close();
    }
  });
});
