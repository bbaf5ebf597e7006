/**
 * The balancer's health checks against a busy api: HAProxy (Debian's, as `npm run start:cluster`
 * runs it) in front of a server whose readiness answer is slow but within the probe's own store
 * budget (1.5 s) must keep that server in rotation, while a server that is gone leaves it.
 * bench:national found the first broken: checks timed out after `inter` (500 ms), a saturated api
 * was marked down, its load went to the other one and the crowd got 503s.
 */
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { waitFor } from '../support/wait';

/* eslint-disable @typescript-eslint/no-require-imports */
const { haproxyBinary, haproxyConfig, startHaproxy } = require('../../scripts/lib/haproxy') as {
  haproxyBinary(): string | null;
  haproxyConfig(o: {
    port: number;
    apiPorts: number[];
    gatewayPorts: number[];
    maxconn?: number;
    apiMaxconn?: number;
  }): string;
  startHaproxy(text: string): { stop(): Promise<void> };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const hasHaproxy = !!haproxyBinary();
if (!hasHaproxy)
  console.warn(
    '\n!!!!! [balancer] NO HAPROXY: the balancer check suite is SKIPPED (apt-get install haproxy) !!!!!\n',
  );
const maybe = hasHaproxy ? describe : describe.skip;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** HAProxy's own view of a backend server, from its CSV statistics page. */
async function serverState(statsPort: number, backend: string, server: string) {
  const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
  const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
  const cols = header.split(',');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === backend && r[1] === server);
  if (!row) throw new Error(`no ${backend}/${server} in the statistics`);
  const at = (name: string) => row[cols.indexOf(name)];
  return { status: at('status'), checkStatus: at('check_status'), checks: Number(at('chkfail') || 0) };
}

maybe('balancer health checks (real HAProxy)', () => {
  const servers: Server[] = [];
  let haproxy: { stop(): Promise<void> } | undefined;
  let readyChecks = 0;

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('keeps a busy api whose readiness answers in 0.9 s in rotation, and drops a dead one', async () => {
    // A busy api: readiness answers after 900 ms (slower than the 500 ms check interval, inside
    // the probe's 1.5 s store budget); everything else answers at once.
    const busy = createServer((req, res) => {
      if (req.url === '/health/ready') {
        setTimeout(() => {
          readyChecks++;
          res.end('{"status":"ok"}');
        }, 900);
      } else res.end('busy api');
    });
    const doomed = createServer((_req, res) => res.end('other api'));
    servers.push(busy, doomed);
    const [busyPort, doomedPort, gatewayPort, port, statsPort] = [
      await listen(busy),
      await listen(doomed),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const config =
      haproxyConfig({ port, apiPorts: [busyPort, doomedPort], gatewayPorts: [gatewayPort], maxconn: 256 }) +
      `\nlisten stats\n  bind 127.0.0.1:${statsPort}\n  stats enable\n  stats uri /stats\n`;
    haproxy = startHaproxy(config);
    await waitFor(
      'HAProxy statistics',
      async () => (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`).catch(() => null))?.ok,
    );

    // Several completed checks of the busy server: each one must have passed.
    await waitFor('four readiness checks of the busy api', () => readyChecks >= 4, 20_000);
    const state = await serverState(statsPort, 'apis', 'api1');
    expect(state.checkStatus).toBe('L7OK');
    expect(state.status).toBe('UP');
    expect(state.checks).toBe(0);

    // The other api dies: it leaves the rotation, the busy one takes every request.
    await new Promise((resolve) => doomed.close(resolve));
    doomed.closeAllConnections();
    await waitFor(
      'the dead api marked down',
      async () => (await serverState(statsPort, 'apis', 'api2')).status === 'DOWN',
      20_000,
    );
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/anything`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('busy api');
    }
  });

  it('queues a crowd larger than an api takes at the balancer instead of piling it onto the api', async () => {
    // One api that holds each request 40 ms and counts how many it holds at once.
    let inFlight = 0;
    let most = 0;
    const api = createServer((req, res) => {
      if (req.url === '/health/ready') return void res.end('{"status":"ok"}');
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 40);
    });
    servers.push(api);
    const [apiPort, gatewayPort, port] = [await listen(api), await freePort(), await freePort()];
    const lb = startHaproxy(haproxyConfig({ port, apiPorts: [apiPort], gatewayPorts: [gatewayPort] }));
    try {
      await waitFor(
        'the balancer',
        async () => (await fetch(`http://127.0.0.1:${port}/x`).catch(() => null))?.ok,
      );
      // 400 at once, each on its own connection, as a crowd of phones arrives.
      const statuses = await Promise.all(
        Array.from({ length: 400 }, () =>
          fetch(`http://127.0.0.1:${port}/register`, { headers: { connection: 'close' } }).then(
            (r) => r.status,
          ),
        ),
      );
      expect(statuses.filter((st) => st !== 200)).toEqual([]);
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(64);
    } finally {
      await lb.stop();
    }
  });

  it('lets a queued registration go before queued sign-ups that came earlier', async () => {
    // One api that takes one request at a time and holds each until the test lets it go.
    const seen: string[] = [];
    const held: Array<() => void> = [];
    const api = createServer((req, res) => {
      if (req.url === '/health/ready') return void res.end('{"status":"ok"}');
      seen.push(`${req.method} ${req.url}`);
      held.push(() => res.end('ok'));
    });
    servers.push(api);
    const [apiPort, gatewayPort, port, statsPort] = [
      await listen(api),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const lb = startHaproxy(
      haproxyConfig({ port, apiPorts: [apiPort], gatewayPorts: [gatewayPort], apiMaxconn: 1 }) +
        `\nlisten stats\n  bind 127.0.0.1:${statsPort}\n  stats enable\n  stats uri /stats\n`,
    );
    const queued = async () => {
      const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
      const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
      const row = rows.map((r) => r.split(',')).find((r) => r[0] === 'apis' && r[1] === 'BACKEND')!;
      return Number(row[header.split(',').indexOf('qcur')]);
    };
    const post = (path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { connection: 'close' } }).then(
        (r) => r.status,
      );
    try {
      await waitFor(
        'the api in rotation',
        async () => (await serverState(statsPort, 'apis', 'api1').catch(() => null))?.status === 'UP',
      );
      const answers = [post('/auth/register')];
      await waitFor('the first sign-up at the api', () => seen.length === 1);
      for (let i = 0; i < 3; i++) answers.push(post('/auth/register'));
      await waitFor('three sign-ups queued at the balancer', async () => (await queued()) === 3);
      answers.push(post('/sessions/s1/registrations'));
      await waitFor('the registration queued after them', async () => (await queued()) === 4);
      for (let served = 1; served <= 5; served++) {
        held.shift()!();
        if (served < 5) await waitFor(`request ${served + 1} at the api`, () => seen.length === served + 1);
      }
      expect(await Promise.all(answers)).toEqual([200, 200, 200, 200, 200]);
      expect(seen).toEqual([
        'POST /auth/register',
        'POST /sessions/s1/registrations',
        'POST /auth/register',
        'POST /auth/register',
        'POST /auth/register',
      ]);
    } finally {
      await lb.stop();
    }
  });
});
