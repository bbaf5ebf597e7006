import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { pingRedis } from './redis';

export interface StoresHealth<App extends string = string> {
  status: 'ok' | 'degraded';
  app: App;
  checks: { postgres: 'up' | 'down'; redis: 'up' | 'down' };
}

/** What every program's /health reports: both stores answer, or which one does not. */
export async function storesHealth<App extends string>(
  app: App,
  ds: DataSource,
  redis: Redis,
): Promise<StoresHealth<App>> {
  const [postgres, redisUp] = await Promise.all([
    ds.query('SELECT 1').then(
      () => true,
      () => false,
    ),
    pingRedis(redis),
  ]);
  return {
    status: postgres && redisUp ? 'ok' : 'degraded',
    app,
    checks: { postgres: postgres ? 'up' : 'down', redis: redisUp ? 'up' : 'down' },
  };
}
