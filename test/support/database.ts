import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { dbUrl, testEnv } from './env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one suite, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `qatys_t_${testEnv.runId}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: testEnv.adminUrl });
  await admin.connect();
  try {
    // Two suites cloning at the same instant can collide on the template's lock: retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${testEnv.templateDb}"`);
        break;
      } catch (e) {
        if (attempt >= 10 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: dbUrl(testEnv.adminUrl, name),
    async drop() {
      const c = new Client({ connectionString: testEnv.adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
