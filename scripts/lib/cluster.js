'use strict';

const { spawn } = require('child_process');
const http = require('http');
const readline = require('readline');
const { freePort } = require('./ports');
const { haproxyConfig, startHaproxy } = require('./haproxy');

const PORT_VAR = { api: 'API_PORT', worker: 'WORKER_HEALTH_PORT', gateway: 'GATEWAY_PORT' };

function status(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitReady(url, isAlive, what, timeoutMs = 120000) {
  const until = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < until) {
    if (!isAlive()) throw new Error(`${what} exited during start-up`);
    last = await status(url);
    if (last === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${what} was not ready at ${url} within ${timeoutMs / 1000}s (last status ${last || 'no answer'})`,
  );
}

/**
 * Starts one program as a process of the cluster: node with `nodeArgs` (its entry point last),
 * on a free loopback port, in its own process group, its output lines handed to `onLine`.
 */
function startMember(kind, index, nodeArgs, env, port, onLine) {
  const name = `${kind}-${index}`;
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...env, [PORT_VAR[kind]]: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (l) => {
      output = (output + l + '\n').slice(-200000);
      if (onLine) onLine(name, l);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    kind,
    index,
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    running,
    output: () => output,
    async stop(timeoutMs = 20000) {
      if (!running()) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

/**
 * The platform as a cluster on one machine: `counts` processes of each program behind HAProxy on
 * `lbPort` (loopback). `entry(kind)` gives node's arguments for a program (a built file, or the
 * TypeScript entry with a require hook in tests). Every process shares `env` (stores, secrets);
 * the public URLs point at the balancer. Resolves once every process is ready and the balancer
 * answers.
 */
async function startCluster({
  env,
  entry,
  counts = { api: 2, worker: 2, gateway: 2 },
  lbPort,
  lbHost = '127.0.0.1',
  onLine,
  maxconn,
  lbInstances = 1,
}) {
  const port = lbPort || (await freePort());
  const url = `http://${lbHost === '0.0.0.0' ? '127.0.0.1' : lbHost}:${port}`;
  const shared = {
    ...env,
    API_HOST: '127.0.0.1',
    GATEWAY_HOST: '127.0.0.1',
    WORKER_HEALTH_HOST: '127.0.0.1',
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL || url,
    // The web app opens its socket on the same origin: the balancer routes /socket.io/ to a gateway.
    GATEWAY_PUBLIC_URL: env.GATEWAY_PUBLIC_URL || url,
    // HAProxy on loopback sets X-Forwarded-For: the sign-in limits count the real client.
    API_TRUST_PROXY: env.API_TRUST_PROXY || 'loopback',
  };
  const members = [];
  const cluster = {
    url,
    members,
    haproxy: undefined,
    of: (kind) => members.filter((m) => m.kind === kind),
    async stop() {
      await Promise.all(members.map((m) => m.stop()));
      if (cluster.haproxy) await cluster.haproxy.stop();
    },
  };
  try {
    for (const kind of ['api', 'worker', 'gateway']) {
      for (let i = 1; i <= (counts[kind] || 0); i++) {
        members.push(startMember(kind, i, entry(kind), shared, await freePort(), onLine));
      }
    }
    await Promise.all(members.map((m) => waitReady(`${m.url}/health/ready`, m.running, m.name)));
    cluster.haproxy = startHaproxy(
      haproxyConfig({
        host: lbHost,
        port,
        apiPorts: cluster.of('api').map((m) => m.port),
        gatewayPorts: cluster.of('gateway').map((m) => m.port),
        maxconn,
      }),
      { onLine: onLine && ((l) => onLine('haproxy', l)), instances: lbInstances },
    );
    const lb = cluster.haproxy;
    await waitReady(`${url}/health/ready`, () => lb.running(), 'haproxy').catch((e) => {
      throw new Error(`${e.message}: ${lb.output()}`);
    });
    return cluster;
  } catch (e) {
    await cluster.stop().catch(() => undefined);
    throw e;
  }
}

module.exports = { startCluster, startMember, waitReady };
