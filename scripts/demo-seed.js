#!/usr/bin/env node
/**
 * `npm run demo:seed`: loads the demo data into the database `npm start` uses (DATABASE_URL, else
 * the local PostgreSQL, else the embedded one under .data/pg, started just for this and stopped
 * after). Runs migrations first. The seeder itself is idempotent; `npm start` runs it too.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');
const SEEDER = path.join(ROOT, 'dist/apps/api/src/cli/demo-seed.js');

function runNode(name, script, env) {
  const res = spawnSync(process.execPath, [script], { cwd: ROOT, env, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${name} failed (exit code ${res.status})`);
}

async function main() {
  ensureDeps();
  const { resolvePostgres, persistentSecret } = require('./lib/stores');
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`build failed (exit code ${build.status})`);
  if (!fs.existsSync(SEEDER)) {
    throw new Error('the demo seeder is not part of this build yet (apps/api/src/cli/demo-seed.ts)');
  }
  const pg = await resolvePostgres({ forceEmbedded: process.argv.includes('--embedded-pg') });
  try {
    const env = {
      ...process.env,
      DATABASE_URL: pg.url,
      JWT_SECRET: process.env.JWT_SECRET || persistentSecret('dev-secret'),
    };
    runNode('migrations', path.join(ROOT, 'dist/libs/persistence/src/cli/migrate.js'), env);
    runNode('demo seeder', SEEDER, env);
  } finally {
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`[demo] ${e.message}\n`);
    if (e.log) process.stderr.write(`[demo] embedded PostgreSQL said:\n${e.log}\n`);
    process.exit(1);
  },
);
