/**
 * The start-up check against real Redis servers: one with maxmemory-policy allkeys-lru (made by
 * this test on a free loopback port) is named loudly; the run's own (noeviction) is quiet.
 */
import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import Redis from 'ioredis';
import { warnUnlessNoEviction } from '@qatys/observability';
import { testEnv } from '../support/env';
import { waitFor } from '../support/wait';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('Redis eviction policy check (integration)', () => {
  let server: ChildProcess | undefined;
  let lru: Redis | undefined;

  afterAll(async () => {
    await lru?.quit().catch(() => undefined);
    server?.kill('SIGKILL');
  });

  it('logs an error naming the policy when Redis may evict keys', async () => {
    const port = await freePort();
    server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'allkeys-lru',
      ],
      { stdio: 'ignore' },
    );
    lru = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    await waitFor('the test redis-server', () =>
      lru!.ping().then(
        () => true,
        () => false,
      ),
    );
    const errors: string[] = [];
    expect(await warnUnlessNoEviction(lru, (m) => errors.push(m))).toBe('allkeys-lru');
    expect(errors).toEqual([expect.stringMatching(/maxmemory-policy is "allkeys-lru".*BullMQ loses jobs/)]);
  });

  it('is quiet with noeviction (the run’s own Redis)', async () => {
    const redis = new Redis(testEnv.redisUrl);
    try {
      const errors: string[] = [];
      const policy = await warnUnlessNoEviction(redis, (m) => errors.push(m));
      if (policy !== 'noeviction') throw new Error(`the test Redis itself runs with ${policy}`);
      expect(errors).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});
