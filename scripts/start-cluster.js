#!/usr/bin/env node
/**
 * `npm run start:cluster`: the platform as it runs in production, on one machine — 2 api, 2 worker
 * and 2 gateway processes behind HAProxy (Debian's haproxy), one URL for the browser.
 *   deps -> build -> PostgreSQL + Redis (found or started) -> migrations -> demo data
 *   -> 6 processes on free loopback ports -> HAProxy on CLUSTER_PORT (8080) -> banner.
 * Ctrl-C stops the processes gracefully (each drains first), then HAProxy and the stores.
 *
 * Flags: --no-demo, --embedded-pg, --spawn-redis (as npm start). CLUSTER_PORT / CLUSTER_HOST
 * choose the balancer's address; CLUSTER_APIS / CLUSTER_WORKERS / CLUSTER_GATEWAYS the counts.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const KNOWN = new Set(['--no-demo', '--embedded-pg', '--spawn-redis', '--help']);
if ([...args].some((a) => !KNOWN.has(a)) || args.has('--help')) {
  process.stdout.write('usage: npm run start:cluster [-- --no-demo] [--embedded-pg] [--spawn-redis]\n');
  process.exit(args.has('--help') ? 0 : 64);
}

const log = (m) => process.stdout.write(`[cluster] ${m}\n`);

function runNode(name, script, env) {
  const res = spawnSync(process.execPath, [script], { cwd: ROOT, env, encoding: 'utf8' });
  for (const line of `${res.stdout ?? ''}${res.stderr ?? ''}`.split('\n'))
    if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  if (res.status !== 0) throw new Error(`${name} failed (exit code ${res.status})`);
}

async function main() {
  ensureDeps();
  const { haproxyBinary } = require('./lib/haproxy');
  if (!haproxyBinary()) {
    process.stderr.write('[cluster] haproxy is not installed: apt-get install haproxy (Debian/Ubuntu)\n');
    process.exit(69);
  }
  const { resolvePostgres, resolveRedis, persistentSecret } = require('./lib/stores');
  const { isPortFree } = require('./lib/ports');
  const { startCluster } = require('./lib/cluster');

  const stores = [];
  let cluster;
  let stopping = false;
  const stop = async (code, why) => {
    if (stopping) return;
    stopping = true;
    if (why) log(why);
    if (cluster) await cluster.stop();
    for (const s of [...stores].reverse()) await s.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0, 'SIGINT: stopping the cluster'));
  process.on('SIGTERM', () => void stop(0, 'SIGTERM: stopping the cluster'));

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

    const lbPort = Number(process.env.CLUSTER_PORT || 8080);
    if (!(await isPortFree(lbPort))) throw new Error(`CLUSTER_PORT=${lbPort} is in use: set another`);
    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      JWT_SECRET: process.env.JWT_SECRET || persistentSecret('dev-secret'),
      SHUTDOWN_DRAIN_MS: process.env.SHUTDOWN_DRAIN_MS || '1500',
    };
    log('running migrations');
    runNode('migrate', path.join(ROOT, 'dist/libs/persistence/src/cli/migrate.js'), env);
    const seeder = path.join(ROOT, 'dist/apps/api/src/cli/demo-seed.js');
    if (!args.has('--no-demo') && fs.existsSync(seeder)) runNode('demo', seeder, env);

    const entries = {
      api: 'dist/apps/api/src/main.js',
      worker: 'dist/apps/worker/src/main.js',
      gateway: 'dist/apps/gateway/src/main.js',
    };
    const count = (v) => Math.max(1, Number(process.env[v] || 2));
    log('starting 2 api, 2 worker, 2 gateway processes and HAProxy');
    cluster = await startCluster({
      env,
      entry: (kind) => [path.join(ROOT, entries[kind])],
      counts: {
        api: count('CLUSTER_APIS'),
        worker: count('CLUSTER_WORKERS'),
        gateway: count('CLUSTER_GATEWAYS'),
      },
      lbPort,
      lbHost: process.env.CLUSTER_HOST || '127.0.0.1',
      onLine: (name, line) => process.stdout.write(`[${name}]`.padEnd(11) + `${line}\n`),
    });
    for (const m of cluster.members)
      m.exited.then(({ code, signal }) => {
        if (!stopping) log(`${m.name} exited (code ${code}, signal ${signal}); the others carry on`);
      });
    const lines = [
      'Qatys cluster is running',
      '',
      `Open            ${cluster.url}/app/  (one URL: HAProxy -> 2 api, 2 gateways)`,
      `API docs        ${cluster.url}/docs`,
      ...cluster.members.map((m) => `${m.name.padEnd(16)}${m.url}  (/health/ready, /metrics)`),
      `PostgreSQL      ${pg.label}`,
      `Redis           ${redis.label}`,
      '',
      'Press Ctrl-C to stop.',
    ];
    const width = Math.max(...lines.map((l) => l.length)) + 2;
    const bar = `+${'-'.repeat(width + 2)}+`;
    process.stdout.write(`\n${bar}\n${lines.map((l) => `|  ${l.padEnd(width)}|`).join('\n')}\n${bar}\n\n`);
  } catch (e) {
    process.stderr.write(`[cluster] ${e.message}\n`);
    await stop(1);
  }
}

main().catch((e) => {
  process.stderr.write(`[cluster] ${e.stack || e.message}\n`);
  process.exit(1);
});
