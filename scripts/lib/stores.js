'use strict';

/**
 * The stores `npm start` (and `npm run demo:seed`) run against: DATABASE_URL / REDIS_URL when
 * set, else the local default ports, else an embedded PostgreSQL under .data/pg and a
 * redis-server on a free port. Everything this starts is stopped by the returned stop().
 * Load only after dependencies are installed (uses pg and ioredis).
 */
const { randomBytes } = require('crypto');
const fs = require('fs');
const path = require('path');
const { ensureDatabase, probePostgres, redact, startEmbeddedPostgres, withDatabase } = require('./postgres');
const { probeRedis, startRedisServer } = require('./redis');

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, '.data');
const APP_DB = 'qatys';

function log(msg) {
  process.stdout.write(`[stores] ${msg}\n`);
}

/** A value generated once and kept in .data/<file> (mode 600), so it survives restarts. */
function persistentSecret(file, bytes = 48) {
  const p = path.join(DATA, file);
  try {
    const v = fs.readFileSync(p, 'utf8').trim();
    if (v.length >= 32) return v;
  } catch {
    /* first run */
  }
  fs.mkdirSync(DATA, { recursive: true });
  const v = randomBytes(bytes).toString('base64url');
  fs.writeFileSync(p, `${v}\n`, { mode: 0o600 });
  fs.chmodSync(p, 0o600);
  return v;
}

async function resolvePostgres({ forceEmbedded }) {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    const db = decodeURIComponent(new URL(url).pathname.slice(1)) || APP_DB;
    let probe = await probePostgres(url);
    if (!probe.ok && probe.code === '3D000') {
      await ensureDatabase(url, db);
      log(`created database "${db}"`);
      probe = await probePostgres(url);
    }
    if (!probe.ok) throw new Error(`DATABASE_URL (${redact(url)}) is not reachable: ${probe.reason}`);
    log(`PostgreSQL: DATABASE_URL (${redact(url)})`);
    return {
      url,
      label: `DATABASE_URL (${redact(url)})`,
      stop: async () => undefined,
      stopNow: () => undefined,
    };
  }

  const probeUrl = process.env.QATYS_PG_PROBE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!forceEmbedded) {
    const probe = await probePostgres(probeUrl);
    if (probe.ok) {
      if (await ensureDatabase(probeUrl, APP_DB)) log(`created database "${APP_DB}"`);
      const url = withDatabase(probeUrl, APP_DB);
      log(`PostgreSQL: local server (${redact(url)})`);
      return { url, label: redact(url), stop: async () => undefined, stopNow: () => undefined };
    }
    log(`cannot use PostgreSQL at ${redact(probeUrl)} (${probe.reason}): starting an embedded one`);
  } else {
    log('--embedded-pg: starting an embedded PostgreSQL');
  }

  const dataDir = path.join(DATA, 'pg');
  const first = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (first) log(`initialising a PostgreSQL cluster in ${path.relative(ROOT, dataDir)} (first run only)`);
  const pg = await startEmbeddedPostgres({
    dataDir,
    password: persistentSecret('pg-password', 24),
    logFile: path.join(DATA, 'pg.log'),
  });
  await ensureDatabase(pg.adminUrl, APP_DB);
  const url = withDatabase(pg.adminUrl, APP_DB);
  log(`PostgreSQL: embedded on 127.0.0.1:${pg.port} (data in .data/pg, log in .data/pg.log)`);
  return {
    url,
    label: `embedded, 127.0.0.1:${pg.port}/${APP_DB} (data in .data/pg)`,
    stop: () => pg.stop(),
    stopNow: () => pg.stopNow(),
  };
}

async function resolveRedis({ forceSpawn }) {
  if (process.env.REDIS_URL) {
    const url = process.env.REDIS_URL;
    const probe = await probeRedis(url);
    if (!probe.ok) throw new Error(`REDIS_URL (${redact(url)}) is not reachable: ${probe.reason}`);
    log(`Redis: REDIS_URL (${redact(url)})`);
    return {
      url,
      label: `REDIS_URL (${redact(url)})`,
      stop: async () => undefined,
      stopNow: () => undefined,
    };
  }
  const probeUrl = process.env.QATYS_REDIS_PROBE_URL || 'redis://127.0.0.1:6379/0';
  if (!forceSpawn) {
    const probe = await probeRedis(probeUrl);
    if (probe.ok) {
      log(`Redis: local server (${redact(probeUrl)})`);
      return {
        url: probeUrl,
        label: redact(probeUrl),
        stop: async () => undefined,
        stopNow: () => undefined,
      };
    }
    log(`cannot use Redis at ${redact(probeUrl)} (${probe.reason}): starting redis-server`);
  } else {
    log('--spawn-redis: starting redis-server');
  }
  const r = await startRedisServer();
  log(`Redis: redis-server on 127.0.0.1:${r.port} (no persistence)`);
  return {
    url: r.url,
    label: `redis-server started for this run, ${r.url} (no persistence)`,
    stop: () => r.stop(),
    stopNow: () => r.stopNow(),
  };
}

module.exports = { resolvePostgres, resolveRedis, persistentSecret, ROOT, DATA, log };
