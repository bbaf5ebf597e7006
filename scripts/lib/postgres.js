'use strict';

/**
 * Finding a PostgreSQL to use, creating the app database, and starting an embedded one when
 * nothing answers. Requires `pg`, so load this module only after dependencies are installed.
 */
const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const { freePort } = require('./ports');

function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Where a URL points, without its password: safe to print. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

/** Connects once with a short deadline: { ok: true } or { ok: false, reason, code }. */
async function probePostgres(url, timeoutMs = 3000) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e.message || e.code || String(e), code: e.code };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates database `name` on the server `serverUrl` points at (through its `postgres` database) if missing. */
async function ensureDatabase(serverUrl, name) {
  const client = new Client({
    connectionString: withDatabase(serverUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (e) {
      if (e.code !== '42P04') throw e; // created meanwhile by someone else: fine
    }
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts an embedded PostgreSQL on a free port through scripts/lib/embedded-pg-runner.mjs.
 * Returns its admin URL (database `postgres`) and a stop() that shuts it down cleanly.
 */
async function startEmbeddedPostgres({ dataDir, password, fast = false, logFile }) {
  const port = await freePort();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const runner = fork(path.join(__dirname, 'embedded-pg-runner.mjs'), [], {
    env: { ...process.env, QATYS_EMBEDDED_PG: JSON.stringify({ dataDir, port, password, fast, logFile }) },
    // Own process group: a terminal Ctrl-C must not stop the database under the running apps.
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const exited = new Promise((resolve) => runner.once('exit', (code, signal) => resolve({ code, signal })));

  const outcome = await new Promise((resolve) => {
    runner.once('message', resolve);
    exited.then(({ code, signal }) =>
      resolve({
        type: 'error',
        message: `embedded PostgreSQL runner exited (code ${code}, signal ${signal})`,
      }),
    );
  });
  if (outcome.type !== 'ready') {
    const err = new Error(`embedded PostgreSQL did not start: ${outcome.message}`);
    err.log = outcome.log;
    throw err;
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopped;
  return {
    port,
    adminUrl,
    pid: runner.pid,
    stop(timeoutMs = 20000) {
      stopped ??= (async () => {
        if (runner.exitCode !== null || runner.signalCode !== null) return;
        runner.kill('SIGTERM');
        const timer = setTimeout(() => {
          try {
            process.kill(-runner.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
    /** Synchronous last resort for process 'exit': ask the runner to stop; it outlives us to finish. */
    stopNow() {
      try {
        if (runner.exitCode === null && runner.signalCode === null) runner.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

module.exports = { probePostgres, ensureDatabase, startEmbeddedPostgres, withDatabase, redact };
