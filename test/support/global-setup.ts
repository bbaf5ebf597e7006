import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { migrate } from '../../libs/persistence/src/migrate';
import { dbUrl } from './env';
import { ensureWebBuild } from './web-build';

/**
 * Once per run: a template database with every migration applied. Each suite clones it
 * (CREATE DATABASE ... TEMPLATE), so suites are isolated and never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `qatys_tpl_${runId}`;
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `Cannot reach PostgreSQL at ${adminUrl} (${(e as Error).message}). Start it or set TEST_DATABASE_ADMIN_URL.`,
    );
  }
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  await migrate(dbUrl(adminUrl, template));

  // Before any suite starts: see web-build.ts for why not from inside the suites.
  ensureWebBuild();

  process.env.QATYS_TEST_RUN = runId;
  process.env.QATYS_TEST_PG_ADMIN_URL = adminUrl;
  process.env.QATYS_TEST_TEMPLATE_DB = template;
  process.env.QATYS_TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  process.env.QATYS_TEST_REDIS_PREFIX = `qatys-test-${runId}`;
}
