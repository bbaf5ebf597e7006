#!/usr/bin/env node
/**
 * `npm test [-- <jest args>]`: unit, integration and end-to-end suites against real PostgreSQL
 * and Redis. Uses TEST_DATABASE_ADMIN_URL / TEST_REDIS_URL (defaults: the local servers); when
 * one does not answer, starts a throwaway embedded PostgreSQL (temp dir, removed afterwards) or a
 * redis-server on a free port. The suites create their own databases and Redis key prefix (see
 * test/support/global-setup.ts), so runs never touch `npm start` data.
 *
 * Ends with the line `N passed, M failed[, K skipped]` and jest's exit code (non-zero when
 * anything failed or no test ran). A suite that could not run counts as one failure.
 */
'use strict';

const { spawn } = require('child_process');
const { randomBytes } = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');

function say(msg) {
  process.stderr.write(`[test] ${msg}\n`);
}

async function main() {
  ensureDeps();
  const { probePostgres, redact, startEmbeddedPostgres } = require('./lib/postgres');
  const { probeRedis, startRedisServer } = require('./lib/redis');

  const cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => say(`cleanup: ${e.message}`));
  };
  process.on('exit', () => {
    for (const fn of cleanups) fn.now?.();
  });

  const env = { ...process.env };
  let jestCode = 1;
  let summary = '0 passed, 0 failed';
  try {
    const pgUrl = env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const pgProbe = await probePostgres(pgUrl);
    if (!pgProbe.ok) {
      say(`no PostgreSQL at ${redact(pgUrl)} (${pgProbe.reason}): starting an embedded one for this run`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qatys-test-pg-'));
      const pg = await startEmbeddedPostgres({
        dataDir: dir,
        password: randomBytes(12).toString('hex'),
        fast: true,
        logFile: path.join(os.tmpdir(), `${path.basename(dir)}.log`),
      });
      const stop = async () => {
        await pg.stop();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(path.join(os.tmpdir(), `${path.basename(dir)}.log`), { force: true });
      };
      stop.now = () => pg.stopNow();
      cleanups.push(stop);
      env.TEST_DATABASE_ADMIN_URL = pg.adminUrl;
    }

    const redisUrl = env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/0';
    const redisProbe = await probeRedis(redisUrl);
    if (!redisProbe.ok) {
      say(`no Redis at ${redact(redisUrl)} (${redisProbe.reason}): starting redis-server for this run`);
      const r = await startRedisServer();
      const stop = () => r.stop();
      stop.now = () => r.stopNow();
      cleanups.push(stop);
      env.TEST_REDIS_URL = r.url;
    }

    const out = path.join(os.tmpdir(), `qatys-jest-${process.pid}-${Date.now()}.json`);
    const ci = !!env.CI && env.CI !== 'false' && env.CI !== '0';
    const jestArgs = [...(ci ? ['--ci'] : []), '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
    jestCode = await runJest(jestArgs, env);
    const counts = readCounts(out);
    fs.rmSync(out, { force: true });
    if (!counts) {
      say('jest wrote no results');
      if (jestCode === 0) jestCode = 1;
    } else {
      summary = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
      if (counts.passed + counts.failed === 0) {
        say('no test ran');
        if (jestCode === 0) jestCode = 1;
      }
      if (counts.failed > 0 && jestCode === 0) jestCode = 1;
    }
  } catch (e) {
    say(e.message);
    if (e.log) say(`embedded PostgreSQL said:\n${e.log}`);
    jestCode = 1;
  } finally {
    await cleanup();
  }
  process.stdout.write(`${summary}\n`);
  process.exit(jestCode);
}

function runJest(args, env) {
  return new Promise((resolve) => {
    const bin = path.join(ROOT, 'node_modules/jest/bin/jest.js');
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, env, stdio: 'inherit' });
    // Ctrl-C reaches jest directly (same process group); wait for it, then clean up.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', (e) => {
      say(`could not run jest: ${e.message}`);
      resolve(1);
    });
  });
}

function readCounts(file) {
  let r;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const brokenSuites = r.numRuntimeErrorTestSuites ?? 0;
  return {
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + brokenSuites,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

main().catch((e) => {
  say(e.stack || e.message);
  process.stdout.write('0 passed, 0 failed\n');
  process.exit(1);
});
