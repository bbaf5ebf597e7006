#!/usr/bin/env node
/**
 * `npm start`: the whole platform on a fresh clone, with no manual step.
 *   deps -> build -> PostgreSQL + Redis (found or started) -> migrations -> demo data
 *   -> a local Janus when installed (built-in video rooms)
 *   -> api, worker, gateway as child processes -> banner once every /health answers 200.
 * Ctrl-C stops the apps gracefully, then the stores this script started.
 *
 * Flags: --no-demo (skip the demo seeder), --embedded-pg (skip the local PostgreSQL probe),
 * --spawn-redis (skip the local Redis probe). QATYS_PG_PROBE_URL / QATYS_REDIS_PROBE_URL change
 * where the local probes look.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const KNOWN = new Set(['--no-demo', '--embedded-pg', '--spawn-redis', '--help']);
const unknown = [...args].filter((a) => !KNOWN.has(a));
if (unknown.length || args.has('--help')) {
  process.stdout.write('usage: npm start [-- --no-demo] [--embedded-pg] [--spawn-redis]\n');
  process.exit(unknown.length ? 64 : 0);
}

function log(msg) {
  process.stdout.write(`[start] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[start] ${msg}\n`);
}

function runNode(name, script, env) {
  const res = spawnSync(process.execPath, [script], { cwd: ROOT, env, encoding: 'utf8' });
  for (const line of `${res.stdout ?? ''}${res.stderr ?? ''}`.split('\n')) {
    if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  }
  if (res.status !== 0) throw new Error(`${name} failed (exit code ${res.status})`);
}

async function main() {
  ensureDeps();
  // Loaded only now: they need pg and ioredis.
  const { resolvePostgres, resolveRedis, persistentSecret, DATA } = require('./lib/stores');
  const { startLocalJanus } = require('./lib/janus');
  const { isPortFree, freePort } = require('./lib/ports');
  const { startApp, waitForHealth } = require('./lib/processes');

  const stores = [];
  const apps = [];
  let shuttingDown = false;

  // Last resort when the process ends abruptly: ask everything we started to stop.
  process.on('exit', () => {
    for (const a of apps) if (a.running) a.child.kill('SIGTERM');
    for (const s of stores) s.stopNow();
  });

  async function shutdown(code, reason) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (reason) log(reason);
    // Apps first (they finish in-flight work against the stores), then the stores.
    await Promise.all(apps.map((a) => a.stop()));
    for (const s of [...stores].reverse()) await s.stop();
    log(code === 0 ? 'stopped cleanly' : 'stopped');
    process.exit(code);
  }
  // npm forwards the terminal's SIGINT too: repeats are ignored while shutting down.
  process.on('SIGINT', () => void shutdown(0, 'SIGINT: stopping api, worker and gateway'));
  process.on('SIGTERM', () => void shutdown(0, 'SIGTERM: stopping api, worker and gateway'));

  try {
    log('building (swc + vite -> dist/)');
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error(`build failed (exit code ${build.status})`);

    const pg = await resolvePostgres({ forceEmbedded: args.has('--embedded-pg') });
    stores.push(pg);
    const redis = await resolveRedis({ forceSpawn: args.has('--spawn-redis') });
    stores.push(redis);
    if (shuttingDown) return;

    const jwtSecret = process.env.JWT_SECRET || persistentSecret('dev-secret');

    async function port(varName, def) {
      if (process.env[varName]) {
        const p = Number(process.env[varName]);
        if (Number.isInteger(p) && p > 0 && !(await isPortFree(p))) {
          throw new Error(`${varName}=${p} is already in use: free it or choose another port`);
        }
        return process.env[varName];
      }
      if (await isPortFree(def)) return String(def);
      const p = await freePort();
      log(`port ${def} is busy: ${varName}=${p}`);
      return String(p);
    }
    const apiPort = await port('API_PORT', 3000);
    const gatewayPort = await port('GATEWAY_PORT', 3001);
    const workerPort = await port('WORKER_HEALTH_PORT', 3002);
    const apiHost = process.env.API_HOST || '127.0.0.1';
    const gatewayHost = process.env.GATEWAY_HOST || '127.0.0.1';
    const workerHost = process.env.WORKER_HEALTH_HOST || '127.0.0.1';
    const shown = (h) => (h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h);
    const apiUrl = `http://${shown(apiHost)}:${apiPort}`;
    const gatewayUrl = `http://${shown(gatewayHost)}:${gatewayPort}`;
    const workerUrl = `http://${shown(workerHost)}:${workerPort}`;

    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      JWT_SECRET: jwtSecret,
      API_PORT: apiPort,
      GATEWAY_PORT: gatewayPort,
      WORKER_HEALTH_PORT: workerPort,
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || apiUrl,
      // The web app is served by the api and opens its socket on the gateway: another origin.
      GATEWAY_PUBLIC_URL: process.env.GATEWAY_PUBLIC_URL || gatewayUrl,
      GATEWAY_ALLOWED_ORIGINS: process.env.GATEWAY_ALLOWED_ORIGINS || webOrigins(apiUrl),
    };

    const janus = await startLocalJanus({ dataDir: DATA, apiUrl, persistentSecret, log });
    if (janus) {
      stores.push(janus);
      Object.assign(env, janus.env);
    }

    log('running migrations');
    runNode('migrate', path.join(ROOT, 'dist/libs/persistence/src/cli/migrate.js'), env);
    const seeder = path.join(ROOT, 'dist/apps/api/src/cli/demo-seed.js');
    if (!args.has('--no-demo') && fs.existsSync(seeder)) {
      log('loading demo data (idempotent)');
      runNode('demo', seeder, env);
    }
    if (shuttingDown) return;

    const entries = {
      api: 'dist/apps/api/src/main.js',
      worker: 'dist/apps/worker/src/main.js',
      gateway: 'dist/apps/gateway/src/main.js',
    };
    for (const [name, entry] of Object.entries(entries)) {
      const file = path.join(ROOT, entry);
      if (!fs.existsSync(file)) throw new Error(`${entry} is missing after the build`);
      const app = startApp(name, file, env, { cwd: ROOT });
      apps.push(app);
      app.exited.then(({ code, signal }) => {
        if (!shuttingDown) {
          void shutdown(
            1,
            `${name} exited unexpectedly (code ${code}, signal ${signal}): stopping everything`,
          );
        }
      });
    }

    await Promise.all([
      waitForHealth(apps[0], `${apiUrl}/health`),
      waitForHealth(apps[1], `${workerUrl}/health`),
      waitForHealth(apps[2], `${gatewayUrl}/health`),
    ]);
    if (shuttingDown) return;
    printBanner({ apiUrl, gatewayUrl, workerUrl, pg, redis, janus });
  } catch (e) {
    if (shuttingDown) return; // a signal arrived mid-start: shutdown() is already at work
    fail(e.message);
    if (e.log) fail(`embedded PostgreSQL said:\n${e.log}`);
    await shutdown(1);
  }
}

function printBanner({ apiUrl, gatewayUrl, workerUrl, pg, redis, janus }) {
  const lines = [
    'Qatys is running',
    '',
    `Web app         ${apiUrl}/app/  (organizer console and attendee pages)`,
    `API             ${apiUrl}`,
    `API docs        ${apiUrl}/docs  (OpenAPI JSON: ${apiUrl}/docs-json)`,
    `Gateway         ${gatewayUrl}  (Socket.IO namespace /live)`,
    `Worker health   ${workerUrl}/health`,
    `PostgreSQL      ${pg.label}`,
    `Redis           ${redis.label}`,
    `Video (Janus)   ${janus ? janus.label : 'off: sessions use their external link'}`,
  ];
  const creds = readDemoCredentials();
  if (creds) {
    lines.push('', 'Demo sign-ins (POST /auth/login):');
    for (const [role, c] of Object.entries(creds)) {
      if (c && c.email && c.password) lines.push(`  ${role.padEnd(12)}  ${c.email}  /  ${c.password}`);
    }
  }
  lines.push('', 'Press Ctrl-C to stop.');
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = `+${'-'.repeat(width + 2)}+`;
  process.stdout.write(`\n${bar}\n${lines.map((l) => `|  ${l.padEnd(width)}|`).join('\n')}\n${bar}\n\n`);
}

/** The api's origin as a browser may spell it (127.0.0.1 or localhost). */
function webOrigins(apiUrl) {
  return [apiUrl, apiUrl.replace('//127.0.0.1:', '//localhost:')].join(',');
}

function readDemoCredentials() {
  try {
    const c = JSON.parse(fs.readFileSync(path.join(ROOT, '.data/demo-credentials.json'), 'utf8'));
    return c && typeof c === 'object' ? c : undefined;
  } catch {
    return undefined;
  }
}

main().catch((e) => {
  fail(e.stack || e.message);
  process.exit(1);
});
