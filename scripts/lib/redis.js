'use strict';

/**
 * Finding a Redis to use, or starting `redis-server` from PATH on a free port. Requires `ioredis`,
 * so load this module only after dependencies are installed.
 */
const { spawn, spawnSync } = require('child_process');
const os = require('os');
const Redis = require('ioredis');
const { freePort } = require('./ports');

/** PING once with a short deadline: { ok: true } or { ok: false, reason }. */
async function probeRedis(url, timeoutMs = 2000) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let firstError;
  client.on('error', (e) => (firstError ??= e));
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? { ok: true } : { ok: false, reason: `unexpected reply ${pong}` };
  } catch (e) {
    return { ok: false, reason: (firstError ?? e).message || String(e) };
  } finally {
    client.disconnect();
  }
}

function redisServerOnPath() {
  const res = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return res.error ? undefined : res.stdout.trim();
}

const INSTALL_HINT =
  'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) ' +
  'so that `redis-server` is on PATH, or point REDIS_URL at a running Redis.';

/**
 * Starts redis-server on a free port (no persistence: it is a scratch store; BullMQ needs
 * noeviction). Returns its URL and a stop(). Throws with an install hint when it is not on PATH.
 */
async function startRedisServer({ onLine } = {}) {
  if (!redisServerOnPath()) {
    throw new Error(`redis-server is not on PATH, so no Redis can be started. ${INSTALL_HINT}`);
  }
  const port = await freePort();
  const child = spawn(
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
      'noeviction',
      '--dir',
      os.tmpdir(),
    ],
    // Own process group: a terminal Ctrl-C must not stop Redis under the running apps.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      onLine?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let spawnError;
  child.once('error', (e) => (spawnError = e));

  const url = `redis://127.0.0.1:${port}/0`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      throw new Error(`redis-server did not start: ${spawnError?.message ?? output.slice(-5).join(' | ')}`);
    }
    if ((await probeRedis(url, 500)).ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port}: ${output.slice(-5).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let stopped;
  return {
    url,
    port,
    pid: child.pid,
    stop(timeoutMs = 10000) {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
    stopNow() {
      try {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

module.exports = { probeRedis, startRedisServer, INSTALL_HINT };
