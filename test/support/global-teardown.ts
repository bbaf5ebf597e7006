import Redis from 'ioredis';
import { Client } from 'pg';
import { testEnv } from './env';

/** Drops every database and Redis key this run created, including ones a crashed suite left. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: testEnv.adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
    [`qatys_t_${testEnv.runId}_%`, testEnv.templateDb],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();

  const redis = new Redis(testEnv.redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${testEnv.redisPrefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
