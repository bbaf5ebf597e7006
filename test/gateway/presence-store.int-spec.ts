import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { PresenceEntry, PresenceStore } from '@qatys/domain';
import { testEnv } from '../support/env';

/**
 * The presence store against real Redis: joins and leaves of one process reach Redis as one
 * ordered script per tick, which keeps peaks as the highest counts reached inside the batch.
 */
describe('presence store: ordered batches and peaks (Redis)', () => {
  let redis: Redis;
  let store: PresenceStore;
  const node = randomUUID();

  beforeAll(() => {
    redis = new Redis(testEnv.redisUrl, {
      keyPrefix: `${testEnv.redisPrefix}:presence-store:`,
      maxRetriesPerRequest: 2,
    });
    store = new PresenceStore(redis);
  });
  afterAll(async () => {
    // KEYS answers with full names; the prefixed client would prefix them again.
    const plain = new Redis(testEnv.redisUrl, { maxRetriesPerRequest: 2 });
    const keys = await plain.keys(`${testEnv.redisPrefix}:presence-store:*`);
    if (keys.length) await plain.del(...keys);
    await Promise.all([plain.quit(), redis.quit()]);
  });

  const entry = (sessionId: string, userId: string, regionKey: number): PresenceEntry => ({
    sessionId,
    socketId: randomUUID(),
    userId,
    regionKey,
    intervalId: randomUUID(),
    registrationId: randomUUID(),
    joinedAt: Date.now(),
  });

  it('keeps the highest counts reached within one batch, per region and in total', async () => {
    const s = randomUUID();
    const [a, b, c, d] = [1, 2, 3, 4].map(() => randomUUID());
    const ea = entry(s, a, 10);
    const eb = entry(s, b, 10);
    const ec = entry(s, c, 20);
    const ed = entry(s, d, 10);
    // One tick: region 10 reaches 2 and falls back to 1; the total reaches 3 and falls to 2.
    const results = await Promise.all([
      store.join(node, ea),
      store.join(node, eb),
      store.join(node, ec),
      store.leave(node, s, ea.socketId),
      store.leave(node, s, eb.socketId),
      store.join(node, ed),
    ]);
    expect(results.slice(0, 3)).toEqual([true, true, true]);
    expect(results[3]).toMatchObject({ userId: a, regionKey: 10, intervalId: ea.intervalId });
    expect(results[5]).toBe(true);
    let counts = await store.counts(s);
    expect(Object.fromEntries(counts.live)).toEqual({ 10: 1, 20: 1 });
    expect(Object.fromEntries(counts.peak)).toEqual({ 10: 2, 20: 1 });
    expect(counts.totalPeak).toBe(3);
    expect(Object.fromEntries(counts.attended)).toEqual({ 10: 3, 20: 1 });

    // A later, lower batch leaves the peaks alone; a higher one raises them.
    await Promise.all([store.leave(node, s, ec.socketId), store.leave(node, s, ed.socketId)]);
    counts = await store.counts(s);
    expect(Object.fromEntries(counts.peak)).toEqual({ 10: 2, 20: 1 });
    expect(counts.totalPeak).toBe(3);
    const more = [1, 2, 3].map(() => entry(s, randomUUID(), 10));
    await Promise.all(more.map((e) => store.join(node, e)));
    counts = await store.counts(s);
    expect(Object.fromEntries(counts.peak)).toEqual({ 10: 3, 20: 1 });
    expect(counts.totalPeak).toBe(3);
    expect(await redis.sismember('live:dirty', s)).toBe(1);
  });

  it('counts a person with two connections once, and a repeated join not at all', async () => {
    const s = randomUUID();
    const u = randomUUID();
    const first = entry(s, u, 5);
    const second = entry(s, u, 5);
    expect(await Promise.all([store.join(node, first), store.join(node, second)])).toEqual([true, true]);
    expect(await store.join(node, first)).toBe(false);
    let counts = await store.counts(s);
    expect(Object.fromEntries(counts.live)).toEqual({ 5: 1 });
    expect(counts.totalPeak).toBe(1);
    await store.leave(node, s, first.socketId);
    expect(Object.fromEntries((await store.counts(s)).live)).toEqual({ 5: 1 });
    await store.leave(node, s, second.socketId);
    counts = await store.counts(s);
    expect(Object.fromEntries(counts.live)).toEqual({ 5: 0 });
    expect(await store.leave(node, s, second.socketId)).toBeNull();
  });
});
