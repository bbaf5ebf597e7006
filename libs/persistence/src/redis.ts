import Redis, { RedisOptions } from 'ioredis';

/**
 * A Redis client for this app. BullMQ workers need `maxRetriesPerRequest: null` (they block);
 * request paths keep a bounded retry so a dead Redis fails a call instead of hanging it.
 */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { lazyConnect: false, enableReadyCheck: true, ...opts });
}

/** PING with a deadline: health checks must answer even when Redis hangs. */
export async function pingRedis(client: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await Promise.race([
      client.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return res === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
