/**
 * npm run bench:web — the attendee page of the production build, measured in headless Debian
 * Chromium against the real api and gateway (each in its own process, production mode):
 *   1. the JavaScript the attendee page loads, gzipped (what a phone on a slow link downloads);
 *   2. the time from navigation to the live view being interactive (joined on the socket, the
 *      ask button enabled, the list showing all 2,000 questions of the session), cold cache;
 * side by side with a bare page doing the same work in the same run (no framework: fetch the
 * same questions, open the same socket, join, render the first 100 as text).
 * Ends with `web_attendee_js_gzip_kb = <n>` and `web_live_ready_ms = <n>`.
 */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { Client } from 'pg';
import { chromium, Page } from 'playwright-core';
import { signJoinToken } from '../libs/domain/src/attendance/join-token';
import { createBenchDatabase } from './support/bench-db';
import { measurePublicProgramPage } from './web-public.bench-part';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CHROMIUM = process.env.QATYS_CHROMIUM ?? '/usr/bin/chromium';
/** BENCH_TRACE=1: print each measured load's steps (document, scripts, first/last join view, ready). */
const TRACE = process.env.BENCH_TRACE === '1';
const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'dist', 'web');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface World {
  sessionId: string;
  registrationId: string;
  userId: string;
}

async function seed(url: string): Promise<World> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const region = (await c.query<{ id: number }>(`SELECT id FROM regions WHERE code = 'KZ-55'`)).rows[0].id;
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const attendee = (
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, home_region_id, organization_id)
       VALUES ('attendee@bench.qatys', 'Әйгерім', 'unused', $1, $2) RETURNING id`,
      [region, org],
    )
  ).rows[0].id;
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, home_region_id)
     SELECT 'asker' || g || '@bench.qatys', 'Қатысушы ' || g, 'unused', $1 FROM generate_series(1, 200) g`,
    [region],
  );
  const program = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{"kk":"Вебинарлар сериясы","ru":"Серия вебинаров"}', 'Asia/Almaty', 'kk', 'published') RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const session = (
    await c.query(
      `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, format, join_url, status, target_region_ids)
       VALUES ($1, '{"kk":"Шешендік өнер","ru":"Ораторское искусство"}', now() - interval '10 minutes',
               now() + interval '4 hours', 'Asia/Almaty', 'online', 'https://meet.example.kz/bench', 'live', '{}')
       RETURNING id`,
      [program],
    )
  ).rows[0].id;
  const registration = (
    await c.query(
      `INSERT INTO registrations (user_id, session_id, status, region_id) VALUES ($1, $2, 'registered', $3) RETURNING id`,
      [attendee, session, region],
    )
  ).rows[0].id;
  await c.query(`UPDATE sessions SET registered_count = 1 WHERE id = $1`, [session]);
  // Approved questions of different lengths and votes, asked by 200 people over the last 10 minutes.
  await c.query(
    `INSERT INTO questions (session_id, author_id, region_id, text, anonymous, status, pinned, upvotes, created_at)
     SELECT $1, u.id, $2,
            'Сұрақ ' || g || ': ' || repeat('бағдарлама өңір спикер ', 1 + g % 6),
            g % 5 = 0, 'approved', g <= 2, (g * 37) % 101, now() - (g * interval '300 milliseconds')
       FROM generate_series(1, $3::int) g
       JOIN LATERAL (SELECT id FROM users WHERE email = 'asker' || (1 + g % 200) || '@bench.qatys') u ON true`,
    [session, region, QUESTIONS],
  );
  await c.end();
  return { sessionId: session, registrationId: registration, userId: attendee };
}

function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The bare page: same fetches, same socket, same join, 100 questions as text; no framework. Its
 * script is a file of its own, as the app's are: the content security policy allows no inline script.
 */
function bareHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,"><script src="/app/bench-bare/socket.io.min.js"></script></head><body><h1 id="t"></h1><ul id="q"></ul>
<form><textarea id="a"></textarea><button id="b" disabled>Send</button></form>
<script src="/app/bench-bare/bare.js"></script></body></html>`;
}

/**
 * The bare pages' work, without drawing: the question pages and the socket's join, started at
 * once, handed over as `window.__benchWork` (the bare page draws by hand, the React floor with React).
 */
function bareWork(gatewayUrl: string): string {
  return `(() => {
  const token = new URLSearchParams(location.search).get('t');
  const view = (page) => fetch('/app/join-view', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, questionsPage: page }) }).then((r) => r.json());
  const socket = io(${JSON.stringify(gatewayUrl)} + '/live', { auth: { token }, transports: ['websocket'] });
  const connected = new Promise((resolve) => socket.once('connect', resolve));
  const first = view(1);
  const joined = Promise.all([first, connected]).then(([f]) => new Promise((resolve) =>
    socket.emit('session:join', { sessionId: f.session.id }, resolve)));
  const questions = first.then(async (f) => {
    const pages = Math.ceil(f.questions.total / f.questions.pageSize);
    const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => view(i + 2)));
    const all = [f, ...rest].flatMap((p) => p.questions.items).sort((x, y) => y.upvotes - x.upvotes);
    return { title: f.session.title.kk + ' (' + all.length + ')', items: all };
  });
  window.__benchWork = { questions, joined };
})();
`;
}

/** The bare page's script: the work, then 100 questions drawn as text by hand. */
function bareScript(gatewayUrl: string): string {
  return `${bareWork(gatewayUrl)}(async () => {
  const { title, items } = await window.__benchWork.questions;
  document.getElementById('t').textContent = title;
  const ul = document.getElementById('q');
  for (const q of items.slice(0, 100)) { const li = document.createElement('li'); li.textContent = q.text; ul.appendChild(li); }
  await window.__benchWork.joined;
  document.getElementById('b').disabled = false;
  window.__ready = true;
})();
`;
}

/** The bare page drawn by React (web-bare-react.page.mjs): the framework's own share of a load. */
function bareReactHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,"><script src="/app/bench-bare/socket.io.min.js"></script><script type="module" src="/app/bench-bare/react.js"></script></head>
<body><div id="root"></div><script src="/app/bench-bare/react-start.js"></script></body></html>`;
}

/** web-bare-react.page.mjs with the app's React, minified, production: one file, as the app's build makes them. */
async function bundleBareReact(): Promise<string> {
  // vite's types need the bundler module resolution the api's build does not use: its one call, typed here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require('vite') as { build: (config: object) => Promise<unknown> };
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: join(ROOT, 'bench'),
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: join(ROOT, 'bench', 'web-bare-react.page.mjs'), output: { format: 'es' } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{
    output: Array<{ type: string; code?: string }>;
  }>;
  const chunks = outputs.flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  if (chunks.length !== 1)
    throw new Error(`the bare React page bundled into ${chunks.length} files, not one`);
  return chunks[0].code!;
}

const OURS_READY = `(() => {
  const count = document.querySelector('.questions h2 .count');
  const button = document.querySelector('form button[type=submit]');
  return !!count && count.textContent === '(${QUESTIONS})' && !!button && !button.disabled &&
    document.querySelectorAll('.questions .qlist .q').length >= 100;
})()`;

async function timeToReady(page: Page, url: string, ready: string): Promise<number> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  try {
    // Polled on every animation frame inside the page. Not waitForFunction: it compiles the
    // predicate with eval, which the app's content security policy (script-src 'self') refuses;
    // an evaluated expression (CDP) is not subject to it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      page.evaluate(
        `new Promise((resolve) => { const tick = () => ((${ready}) ? resolve(true) : requestAnimationFrame(tick)); tick(); })`,
      ),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('not ready within 60 s')), 60_000);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    throw new Error(
      `${new URL(url).pathname} never got ready: ${problems.join(' | ') || (e as Error).message}`,
    );
  }
  const ms = performance.now() - t0;
  if (TRACE) console.log(`    ${new URL(url).pathname.slice(0, 16).padEnd(16)} ${await steps(page)}`);
  return ms;
}

/**
 * Where a load's time went, from the page's own clock (ms after navigation start): the document's
 * response, the last script's response, the first join-view request's start and the last one's
 * end, the first paint, and when it was found ready (now); then each other file's fetch as
 * [started, request sent, response began, response ended] (a late "response began" is a busy api).
 */
async function steps(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const scripts = res.filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
    const views = res.filter((e) => ['join-view', '/gateway', '/config'].some((w) => e.name.includes(w)));
    const f = (x) => (x === undefined || x === -Infinity || x === Infinity ? '-' : Math.round(x));
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return 'doc ' + f(nav && nav.responseEnd) +
      ' scripts ' + f(Math.max(...scripts.map((e) => e.responseEnd))) + ' (' + scripts.length + ')' +
      ' views ' + f(Math.min(...views.map((e) => e.startTime))) + '..' + f(Math.max(...views.map((e) => e.responseEnd))) +
      ' (' + views.length + ': ' + views.map((e) => f(e.startTime) + '-' + f(e.responseEnd)).join(' ') + ')' +
      ' fcp ' + f(paint && paint.startTime) +
      performance.getEntriesByType('mark').map((m) => ' ' + m.name.replace('qatys.', '') + ' ' + f(m.startTime)).join('') +
      ' ready ' + f(performance.now()) +
      ' detail ' + res.filter((e) => !views.includes(e)).map((e) => new URL(e.name).pathname.slice(-14) + '[' + [e.startTime, e.requestStart, e.responseStart, e.responseEnd].map(f).join(',') + ']').join(' ') +
      ' other ' + res.filter((e) => !scripts.includes(e) && !views.includes(e)).map((e) => new URL(e.name).pathname.slice(-24) + '@' + f(e.startTime) + '-' + f(e.responseEnd)).join(',');
  })()`)) as string;
}

/** BENCH_CPU_BY_PROCESS=1: each page's CPU per load split by process (Chromium's, the api, ...). */
const BY_PROCESS = process.env.BENCH_CPU_BY_PROCESS === '1';
const byProcess: Partial<Record<Page3, Record<string, number>>> = {};

/** Every process's CPU so far (ms, /proc/<pid>/stat), keyed by pid, with a label saying what it is. */
function cpuByProcess(): Map<string, { label: string; ms: number }> {
  const seen = new Map<string, { label: string; ms: number }>();
  for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = () => readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      let label = comm;
      if (comm.startsWith('chrom')) {
        const args = cmdline();
        const type = /--type=([\w-]+)/.exec(args)?.[1] ?? 'browser';
        const utility = /--utility-sub-type=([\w.]+)/.exec(args)?.[1].split('.').pop();
        label = `chromium ${type}${utility ? ` ${utility}` : ''}`;
      } else if (comm === 'node' || comm === 'MainThread') {
        const args = cmdline();
        label = args.includes('apps/gateway') ? 'gateway' : args.includes('apps/api') ? 'api' : 'bench';
      } else if (comm.startsWith('postgres')) label = 'postgres';
      // utime + stime, in ticks of 10 ms
      seen.set(pid, { label, ms: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // the process ended meanwhile
    }
  }
  return seen;
}

function addCpuByProcess(
  into: Record<string, number>,
  before: Map<string, { label: string; ms: number }>,
  after: Map<string, { label: string; ms: number }>,
): void {
  for (const [pid, { label, ms }] of after)
    into[label] = (into[label] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
}

/**
 * The machine's busy CPU time so far, all cores, in ms (/proc/stat: user, nice, system, irq,
 * softirq, steal; 10 ms ticks). On two cores both pages are bound by CPU, not by waiting, so what
 * a load costs the whole machine (the browser's processes, the api, the gateway, the database)
 * says more, and varies less, than its time alone.
 */
function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

type Page3 = 'ours' | 'bare' | 'react';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error('dist/web is missing: run npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  console.log(
    `bench:web on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(
    `${QUESTIONS} approved questions in the session; ${RUNS} cold page loads per page, 360x740 phone viewport`,
  );
  const db = await createBenchDatabase();
  const secret = randomBytes(32).toString('hex');
  const bareDir = join(WEB, 'bench-bare');
  const children: ChildProcess[] = [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const world = await seed(db.url);
    const [apiPort, gatewayPort] = [await freePort(), await freePort()];
    const base = `http://127.0.0.1:${apiPort}`;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_PREFIX: `qatys-bench-web-${randomBytes(3).toString('hex')}`,
      JWT_SECRET: secret,
      API_PORT: String(apiPort),
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_PUBLIC_URL: gatewayUrl,
      GATEWAY_ALLOWED_ORIGINS: base,
      PUBLIC_BASE_URL: base,
    };
    children.push(startProcess('api', join(ROOT, 'dist/apps/api/src/main.js'), env));
    children.push(startProcess('gateway', join(ROOT, 'dist/apps/gateway/src/main.js'), env));
    await Promise.all([waitHealthy(`${base}/health`), waitHealthy(`${gatewayUrl}/health`)]);

    mkdirSync(bareDir, { recursive: true });
    copyFileSync(
      join(ROOT, 'node_modules/socket.io-client/dist/socket.io.min.js'),
      join(bareDir, 'socket.io.min.js'),
    );
    writeFileSync(join(bareDir, 'index.html'), bareHtml());
    writeFileSync(join(bareDir, 'bare.js'), bareScript(gatewayUrl));
    writeFileSync(join(bareDir, 'react-start.js'), bareWork(gatewayUrl));
    writeFileSync(join(bareDir, 'react.js'), await bundleBareReact());
    writeFileSync(join(bareDir, 'react.html'), bareReactHtml());

    const end = new Date(Date.now() + 5 * 3600_000);
    const { token } = signJoinToken(secret, {
      userId: world.userId,
      registrationId: world.registrationId,
      sessionId: world.sessionId,
      sessionEndAt: end,
    });
    const oursUrl = `${base}/join/${world.registrationId}?t=${token}`;
    const bareUrl = `${base}/app/bench-bare/index.html?t=${token}`;
    const bareReactUrl = `${base}/app/bench-bare/react.html?t=${token}`;

    // 1. What the attendee page downloads: every script the browser loads for it, gzipped.
    const sizes = new Map<string, { raw: number; gzip: number }>();
    {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      const page = await context.newPage();
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script') return;
        // A worker's script is a download too, but the browser keeps no body of it for
        // the protocol: that one is fetched again here, the same bytes.
        void res
          .body()
          .catch(() => fetch(res.url()).then(async (r) => Buffer.from(await r.arrayBuffer())))
          .then((b) =>
            sizes.set(new URL(res.url()).pathname, { raw: b.length, gzip: gzipSync(b, { level: 9 }).length }),
          );
      });
      await timeToReady(page, oursUrl, OURS_READY);
      await page.waitForLoadState('networkidle');
      await context.close();
    }
    let gzipTotal = 0;
    for (const [path, s] of [...sizes].sort()) {
      gzipTotal += s.gzip;
      console.log(
        `  script ${path.padEnd(44)} ${(s.raw / 1024).toFixed(1).padStart(7)} KB raw ${(s.gzip / 1024).toFixed(1).padStart(7)} KB gzip`,
      );
    }
    if (!sizes.size) throw new Error('the attendee page loaded no script');
    if ([...sizes.keys()].some((p) => /organizer/.test(p)))
      throw new Error('the attendee page loaded the organizer console');

    // 2. Navigation to interactive, cold cache each time, the three pages interleaved.
    const pages = [
      ['ours', oursUrl, OURS_READY],
      ['bare', bareUrl, 'window.__ready === true'],
      ['react', bareReactUrl, 'window.__ready === true'],
    ] as const;
    const times: Record<Page3, number[]> = { ours: [], bare: [], react: [] };
    const cpu: Record<Page3, number[]> = { ours: [], bare: [], react: [] };
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, url, ready] of pages) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
        const page = await context.newPage();
        const busy0 = machineBusyMs();
        const byProcess0 = BY_PROCESS ? cpuByProcess() : undefined;
        const ms = await timeToReady(page, url, ready);
        const busy = machineBusyMs() - busy0;
        if (byProcess0 && i > 0) addCpuByProcess((byProcess[name] ??= {}), byProcess0, cpuByProcess());
        await context.close();
        if (i > 0) {
          times[name].push(ms); // the first round warms the servers' JIT and pools
          cpu[name].push(busy);
        }
      }
    }
    for (const [name] of pages) {
      const xs = times[name];
      console.log(
        `${name.padEnd(5)} live view ready: median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}); CPU of the whole machine per load (browser, api, gateway, database) median ${median(cpu[name]).toFixed(0)} ms`,
      );
    }
    for (const [name, spent] of Object.entries(byProcess)) {
      const top = Object.entries(spent)
        .filter(([, ms]) => ms / RUNS >= 1)
        .sort((a, b) => b[1] - a[1])
        .map(([label, ms]) => `${label} ${(ms / RUNS).toFixed(0)}`);
      console.log(`  ${name} CPU per load by process (ms): ${top.join(', ')}`);
    }
    console.log(`CPU ratio ours/bare = ${(median(cpu.ours) / median(cpu.bare)).toFixed(3)}`);
    // The bare page drawn by React: what the framework alone costs, in the same run.
    console.log(`ratio react_floor_vs_bare = ${(median(times.react) / median(times.bare)).toFixed(3)}`);
    console.log(`ratio live_ready_vs_react_floor = ${(median(times.ours) / median(times.react)).toFixed(3)}`);
    console.log(`ratio live_ready_vs_bare = ${(median(times.ours) / median(times.bare)).toFixed(3)}`);
    console.log(`web_attendee_js_gzip_kb = ${(gzipTotal / 1024).toFixed(1)}`);
    console.log(`web_live_ready_ms = ${median(times.ours).toFixed(0)}`);
    // BENCH_CPU_PROFILE=<file>: one more cold load of ours with the page's CPU profile written
    // there (Chrome DevTools' .cpuprofile), to see what the main thread does until ready.
    if (process.env.BENCH_CPU_PROFILE) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      const ms = await timeToReady(page, oursUrl, OURS_READY);
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify(profile));
      console.log(`  profiled load: ready in ${ms.toFixed(0)} ms, ${await steps(page)}`);
      await context.close();
    }
    // BENCH_CHROME_TRACE=<prefix>: one more cold load of each page with Chromium's own trace
    // written to <prefix>-ours.json, -bare.json and -react.json (chrome://tracing, Perfetto), to
    // compare where each process's time goes: parse, compile, script, style, layout, paint.
    if (process.env.BENCH_CHROME_TRACE) {
      for (const [name, url, ready] of pages) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
        const page = await context.newPage();
        await browser.startTracing(page, {
          path: `${process.env.BENCH_CHROME_TRACE}-${name}.json`,
          categories: [
            'devtools.timeline',
            'v8',
            'v8.execute',
            'blink',
            'loading',
            'toplevel',
            'disabled-by-default-devtools.timeline',
            'disabled-by-default-v8.compile',
          ],
        });
        const ms = await timeToReady(page, url, ready);
        await browser.stopTracing();
        console.log(`  traced ${name}: ready in ${ms.toFixed(0)} ms`);
        await context.close();
      }
    }
    const publicReadyMs = await measurePublicProgramPage({ browser, dbUrl: db.url, base, runs: RUNS });
    console.log(`web_public_page_ready_ms = ${publicReadyMs.toFixed(0)}`);
  } finally {
    await browser.close();
    await Promise.all(children.map(stop));
    rmSync(bareDir, { recursive: true, force: true });
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
