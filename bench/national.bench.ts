/**
 * npm run bench:national — a national session on this machine, through the balancer, in one run:
 * the cluster of `npm run start:cluster` (2 api, 2 worker, 2 gateway processes, built, behind
 * HAProxy; several HAProxy processes on the one port, since one cannot hold 20,000 proxied
 * connections under this machine's open-file limit), every packet on loopback.
 *
 *  A. 3,500 sign-ups and registrations (real argon2id cost) for a session of 3,000 seats:
 *     registration_p99_ms, errors, capacity and waitlist exact.
 *  B. 20,000 sockets joining one live session across the two gateways: per-region live counts
 *     exact; heap_per_conn_vs_bare against a bare Socket.IO server (10,000 sockets, same run);
 *     broadcast_p99_ms (questions to the whole audience, timed at the clients of one load process).
 *  C. 100,000 reminders due at one instant, delivered by the two workers to a local SMTP sink:
 *     none lost, none twice, lateness_p99_ms (due -> accepted by the sink).
 *
 * Sizes: NATIONAL_SIGNUPS, NATIONAL_CAPACITY, NATIONAL_SOCKETS, NATIONAL_REMINDERS; phases:
 * NATIONAL_PHASES (default ABC).
 */
import { ChildProcess, fork } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import Redis from 'ioredis';
import { JwtService } from '@nestjs/jwt';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { createBenchDatabase } from './support/bench-db';
import { cpuSeconds, cpuSpent } from './support/cpu';
import { BenchChild } from './support/child-process';
import { livePerRegion, percentile, registerCrowd, seedNational } from './support/national';

/* eslint-disable @typescript-eslint/no-require-imports */
const { startCluster } = require('../../scripts/lib/cluster') as {
  startCluster(o: Record<string, unknown>): Promise<{
    url: string;
    members: { kind: string; name: string; url: string; child: ChildProcess }[];
    of(kind: string): { kind: string; name: string; url: string; child: ChildProcess }[];
    stop(): Promise<void>;
  }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = join(__dirname, '../..');
const SIGN_UPS = Number(process.env.NATIONAL_SIGNUPS ?? 3500);
const CAPACITY = Number(process.env.NATIONAL_CAPACITY ?? 3000);
const SOCKETS = Number(process.env.NATIONAL_SOCKETS ?? 20000);
const REMINDERS = Number(process.env.NATIONAL_REMINDERS ?? 100000);
const BARE_SOCKETS = Math.min(10000, SOCKETS);
/** Which phases to run (default all three in one run): NATIONAL_PHASES=B runs the sockets only. */
const PHASES = process.env.NATIONAL_PHASES ?? 'ABC';
/**
 * How the crowd of phase A arrives: over NATIONAL_SIGNUP_WINDOW_S seconds (default 60, the issue's
 * "3,500 in 60 s": person i starts at i x 60 / 3,500 s, open loop), or `burst` (48 clients as fast
 * as the cluster answers, the earlier runs' model: it measures 48 / throughput, not a latency).
 */
const SIGNUP_ARRIVAL = process.env.NATIONAL_SIGNUP_ARRIVAL ?? 'paced';
const SIGNUP_WINDOW_S = Number(process.env.NATIONAL_SIGNUP_WINDOW_S ?? 60);
const REGIONS = 20;
/** NATIONAL_IDLE_S: first measure the cluster's CPU with nobody on it for that many seconds. */
const IDLE_S = Number(process.env.NATIONAL_IDLE_S ?? 0);
const BURST_RATE = Number(process.env.REMINDER_BURST_RATE ?? 800);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const JWT_SECRET = randomBytes(32).toString('hex');
const METRICS_TOKEN = randomBytes(16).toString('hex');

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : String(n));
const f3 = (n: number) => n.toFixed(3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const figures: Record<string, string | number> = {};
const figure = (name: string, value: string | number) => {
  figures[name] = value;
  console.log(`${name} = ${value}`);
};

async function gatewayHeaps(pids: number[]): Promise<number> {
  const files = pids.map((pid) => join(tmpdir(), `qatys-heap-${pid}.json`));
  for (const f of files) rmSync(f, { force: true });
  for (const pid of pids) process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 300 && !files.every((f) => existsSync(f)); i++) await sleep(100);
  return files.reduce(
    (sum, f) => sum + (JSON.parse(readFileSync(f, 'utf8')) as { heapUsed: number }).heapUsed,
    0,
  );
}

function startLoad(url: string, tokensFile: string, sessionId: string): BenchChild {
  return BenchChild.start(
    join(__dirname, 'support/gateway-load.js'),
    {
      ...process.env,
      LOAD_URL: url,
      LOAD_TOKENS_FILE: tokensFile,
      LOAD_SESSION_ID: sessionId,
      LOAD_CONCURRENCY: '150',
      LOAD_REPORT_JOINED: '1',
    },
    ['--max-old-space-size=8192'],
  );
}

async function main(): Promise<void> {
  const machine = `${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
  console.log(`bench:national on ${machine}`);
  const db = await createBenchDatabase();
  const prefix = `qatys-national-${randomBytes(3).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const work = mkdtempSync(join(tmpdir(), 'qatys-national-'));
  const sink = fork(join(__dirname, 'reminders-smtp-sink.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(m: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      sink.once('message', (r) => resolve(r as T));
      sink.send(m);
    });
  const sinkPort = await new Promise<number>((resolve) =>
    sink.once('message', (m: { port: number }) => resolve(m.port)),
  );
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    const regionIds = (await pg.query(`SELECT id FROM regions ORDER BY id LIMIT ${REGIONS}`)).rows.map(
      (r) => r.id as number,
    );
    console.log(`seeding: ${SOCKETS.toLocaleString('en')} live attendees`);
    const seed = await seedNational(db.url, {
      regionIds,
      capacity: CAPACITY,
      liveAttendees: SOCKETS,
      reminders: 0,
      reminderDueAt: new Date(Date.now() + 86400_000),
    });

    const dist = (kind: string) => join(ROOT, `dist/apps/${kind}/src/main.js`);
    // NATIONAL_CPU_PROF_DIR: every cluster process writes a V8 CPU profile there when it stops
    // (where the per-person CPU goes; the profiler itself costs a few per cent).
    const prof = process.env.NATIONAL_CPU_PROF_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NATIONAL_CPU_PROF_DIR}`]
      : [];
    cluster = await startCluster({
      entry: (kind: string) =>
        kind === 'gateway'
          ? [...prof, '--expose-gc', '-r', join(__dirname, 'support/heap-probe.js'), dist(kind)]
          : [...prof, dist(kind)],
      lbInstances: Math.max(1, Math.ceil((SOCKETS + 2000) / 8000)),
      onLine: (name: string, line: string) => {
        if (/"level":(50|60)/.test(line)) console.log(`[${name}] ${line}`);
      },
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        JWT_SECRET,
        METRICS_TOKEN,
        SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
        SMTP_POOL_SIZE: '10',
        WORKER_CONCURRENCY: '20',
        REMINDER_BURST_RATE: String(BURST_RATE),
        REMINDER_RECONCILE_INTERVAL_SECONDS: '5',
        DB_POOL_SIZE: '10',
        AUTH_REGISTER_IP_RATE: '1000000/1m',
        AUTH_LOGIN_IP_RATE: '1000000/1m',
        AUTH_LOGIN_IP_FAILURES: '1000000/1m',
        GATEWAY_QA_QUESTIONS_PER_WINDOW: '1000',
        GATEWAY_MAX_SOCKETS_PER_PERSON: '5',
      },
    });
    const c = cluster;
    console.log(`cluster up at ${c.url}: ${c.members.map((m) => m.name).join(', ')}`);

    if (IDLE_S > 0) {
      // What the cluster costs with nobody on it (probes, pollers, metrics): the floor under every
      // per-person figure below.
      await sleep(5000);
      const named = c.members.map((m) => ({ name: m.name, pid: m.child.pid }));
      const before = cpuSeconds(named, 'bench (idle)');
      await sleep(IDLE_S * 1000);
      const after = cpuSeconds(named, 'bench (idle)');
      console.log(`idle cpu seconds over ${IDLE_S} s: ${cpuSpent(before, after)}`);
      let servers = 0;
      for (const [name, v] of after) if (!name.startsWith('bench')) servers += v - (before.get(name) ?? 0);
      figure('idle_cluster_cores', (servers / IDLE_S).toFixed(3));
    }

    if (PHASES.includes('A')) {
      // A. sign-ups and registrations
      const people = Array.from({ length: SIGN_UPS }, (_, i) => ({
        email: `citizen-${i}-${prefix}@national.qatys.test`,
        regionId: regionIds[i % regionIds.length],
      }));
      console.log(
        `\nA) ${SIGN_UPS.toLocaleString('en')} sign-ups + registrations through the balancer (capacity ${CAPACITY.toLocaleString('en')}), ` +
          (SIGNUP_ARRIVAL === 'burst'
            ? '48 clients as fast as answered'
            : `arriving evenly over ${SIGNUP_WINDOW_S} s`),
      );
      const cpuBefore = cpuSeconds(
        c.members.map((m) => ({ name: m.name, pid: m.child.pid })),
        'bench (load)',
      );
      const crowd = await registerCrowd(
        c.url,
        seed.registrationSessionId,
        people,
        48,
        undefined,
        undefined,
        SIGNUP_ARRIVAL === 'burst' ? undefined : SIGNUP_WINDOW_S * 1000,
      );
      const rows = (
        await pg.query(
          `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered,
                  count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
                  count(DISTINCT user_id)::int AS people, count(*)::int AS total
             FROM registrations WHERE session_id = $1`,
          [seed.registrationSessionId],
        )
      ).rows[0];
      figure('registrations_seconds', (crowd.elapsedMs / 1000).toFixed(1));
      // Where the two cores went during the crowd: CPU seconds per process (utime + stime).
      const cpuAfter = cpuSeconds(
        c.members.map((m) => ({ name: m.name, pid: m.child.pid })),
        'bench (load)',
      );
      console.log(`  cpu seconds during A: ${cpuSpent(cpuBefore, cpuAfter)}`);
      figure('registration_p50_ms', f0(percentile(crowd.latencies, 50)));
      figure('registration_p99_ms', f0(percentile(crowd.latencies, 99)));
      figure('sign_up_p50_ms', f0(percentile(crowd.signUpLatencies, 50)));
      figure('sign_up_p99_ms', f0(percentile(crowd.signUpLatencies, 99)));
      figure('registration_errors', crowd.errors.length);
      if (crowd.errors.length) console.log(`  first errors: ${crowd.errors.slice(0, 3).join(' | ')}`);
      figure(
        'capacity_and_waitlist_exact',
        String(
          rows.registered === Math.min(CAPACITY, SIGN_UPS) &&
            rows.waitlisted === Math.max(0, SIGN_UPS - CAPACITY) &&
            rows.people === rows.total &&
            rows.total === SIGN_UPS,
        ),
      );

      // The registrations alone: the same people, signed in, register for a second session at
      // once (no argon2 hashing competing for the cores).
      const second = (
        await pg.query(
          `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, format, join_url, capacity)
           SELECT program_id, title, start_at, end_at, time_zone, format, join_url, capacity FROM sessions WHERE id = $1
           RETURNING id`,
          [seed.registrationSessionId],
        )
      ).rows[0].id as string;
      const burst = await registerCrowd(c.url, second, people, 48, undefined, crowd.tokens);
      const rows2 = (
        await pg.query(
          `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered,
                  count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted, count(*)::int AS total
             FROM registrations WHERE session_id = $1`,
          [second],
        )
      ).rows[0];
      figure('registrations_only_seconds', (burst.elapsedMs / 1000).toFixed(1));
      figure('registration_only_p50_ms', f0(percentile(burst.latencies, 50)));
      figure('registration_only_p99_ms', f0(percentile(burst.latencies, 99)));
      figure('registration_only_errors', burst.errors.length);
      figure(
        'registration_only_exact',
        String(
          rows2.registered === Math.min(CAPACITY, SIGN_UPS) &&
            rows2.waitlisted === Math.max(0, SIGN_UPS - CAPACITY) &&
            rows2.total === SIGN_UPS,
        ),
      );
    }
    if (PHASES.includes('B')) {
      // B. sockets: the bare baseline, then ours through the balancer
      const jwt = new JwtService({ secret: JWT_SECRET });
      const tokens = seed.liveUsers.map((u) =>
        jwt.sign(
          { sub: u.id, roles: ['attendee'], rgn: [], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' },
          { issuer: 'qatys', expiresIn: 7200 },
        ),
      );
      const half = Math.ceil(tokens.length / 2);
      const files = [tokens.slice(0, half), tokens.slice(half), tokens.slice(0, BARE_SOCKETS)].map((t, i) => {
        const f = join(work, `tokens-${i}.json`);
        writeFileSync(f, JSON.stringify(t));
        return f;
      });
      console.log(`\nB) bare Socket.IO: ${BARE_SOCKETS.toLocaleString('en')} sockets`);
      const bare = BenchChild.start(join(__dirname, 'support/bare-live-server.js'), process.env, [
        '--expose-gc',
      ]);
      const { port: barePort } = await bare.next<{ port: number }>();
      const bareBefore = await bare.ask<{ heapUsed: number }>({ cmd: 'heap' });
      const bareLoad = startLoad(`http://127.0.0.1:${barePort}`, files[2], seed.liveSessionId);
      await bareLoad.next();
      const bareJoin = await bareLoad.ask<{ joined: number; seconds: number }>({ cmd: 'connect' });
      const bareAfter = await bare.ask<{ heapUsed: number }>({ cmd: 'heap' });
      const bareBroadcast = await bareLoad.ask<{ p99: number; missing: number }>({
        cmd: 'broadcast',
        count: 10,
        spacingMs: 1000,
      });
      await bareLoad.ask({ cmd: 'disconnect' });
      await bareLoad.stop();
      await bare.stop();
      const bareHeapPerConn = (bareAfter.heapUsed - bareBefore.heapUsed) / Math.max(1, bareJoin.joined);
      console.log(
        `  bare: ${bareJoin.joined} joined in ${bareJoin.seconds.toFixed(1)} s, heap/conn ${f0(bareHeapPerConn)} B, broadcast p99 ${f0(bareBroadcast.p99)} ms`,
      );

      console.log(`   ours: ${SOCKETS.toLocaleString('en')} sockets through HAProxy to 2 gateways`);
      const gwPids = c.of('gateway').map((m) => m.child.pid!);
      const oursBefore = await gatewayHeaps(gwPids);
      const loads = files.slice(0, 2).map((f) => startLoad(c.url, f, seed.liveSessionId));
      await Promise.all(loads.map((l) => l.next()));
      const joins = await Promise.all(
        loads.map((l) =>
          l.ask<{
            joined: number;
            failed: number;
            seconds: number;
            firstError: string | null;
            joinedIdx: number[];
          }>({
            cmd: 'connect',
          }),
        ),
      );
      const joined = joins.reduce((a, j) => a + j.joined, 0);
      const oursAfter = await gatewayHeaps(gwPids);
      // Exact = each region's live count is the number of its people whose socket joined.
      const expected: Record<string, number> = {};
      joins.forEach((j, part) => {
        for (const i of j.joinedIdx) {
          const u = seed.liveUsers[part * half + i];
          expected[u.regionId] = (expected[u.regionId] ?? 0) + 1;
        }
      });
      let live: Record<string, number> = {};
      for (let i = 0; i < 100; i++) {
        live = await livePerRegion(redis, prefix, seed.liveSessionId);
        if (JSON.stringify(live) === JSON.stringify(expected)) break;
        await sleep(200);
      }
      const perGateway = await Promise.all(
        c.of('gateway').map(async (m) => {
          const t = await (
            await fetch(`${m.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
          ).text();
          return Number(/^qatys_live_sockets\{[^}]*\} (\d+)/m.exec(t)?.[1] ?? NaN);
        }),
      );
      const broadcast = await loads[0].ask<{ p50: number; p99: number; missing: number; samples: number }>({
        cmd: 'broadcast',
        count: 10,
        spacingMs: 1000,
      });
      for (const l of loads) await l.ask({ cmd: 'disconnect' });
      await Promise.all(loads.map((l) => l.stop()));
      const oursHeapPerConn = (oursAfter - oursBefore) / Math.max(1, joined);
      figure('sockets_joined', joined);
      figure('join_seconds', Math.max(...joins.map((j) => j.seconds)).toFixed(1));
      if (joins.some((j) => j.failed))
        console.log(`  join failures: ${joins.map((j) => `${j.failed} (${j.firstError})`).join(', ')}`);
      figure('sockets_per_gateway', perGateway.join(' / '));
      figure('per_region_counts_exact', String(JSON.stringify(live) === JSON.stringify(expected)));
      figure('heap_per_conn_bare_bytes', f0(bareHeapPerConn));
      figure('heap_per_conn_ours_bytes', f0(oursHeapPerConn));
      figure('heap_per_conn_vs_bare', f3(oursHeapPerConn / bareHeapPerConn));
      figure('broadcast_p50_ms', f0(broadcast.p50));
      figure('broadcast_p99_ms', f0(broadcast.p99));
      figure('broadcast_missing', broadcast.missing);
      figure('broadcast_p99_bare_ms', f0(bareBroadcast.p99));
    }
    if (PHASES.includes('C')) {
      // C. reminders
      const leadS = Math.min(REMINDERS / BURST_RATE, 0.1 * 60 * 60, 15 * 60);
      const due = new Date(Date.now() + 45_000 + leadS * 1000);
      console.log(
        `\nC) ${REMINDERS.toLocaleString('en')} reminders due at ${due.toISOString()} (burst released up to ${leadS.toFixed(0)} s early at ${BURST_RATE}/s)`,
      );
      const rem = await seedNational(db.url, {
        regionIds,
        capacity: 1,
        liveAttendees: 0,
        reminders: REMINDERS,
        reminderDueAt: due,
        reminderOffsetMinutes: 60,
      });
      await ask({ cmd: 'reset', dueAt: due.getTime() });
      await redis.del(`${prefix}:notifications:reconciled`);
      const deadline = due.getTime() + 15 * 60_000;
      let count = 0;
      while (Date.now() < deadline) {
        count = (await ask<{ count: number }>({ cmd: 'count' })).count;
        if (count >= REMINDERS) break;
        await sleep(1000);
      }
      for (let i = 0; i < 20; i++) {
        const sent = (
          await pg.query(
            `SELECT count(*)::int AS n FROM notifications WHERE session_id = $1 AND status = 'sent'`,
            [rem.reminderSessionId],
          )
        ).rows[0].n;
        if (sent >= REMINDERS) break;
        await sleep(500);
      }
      await sleep(3000); // a late duplicate would arrive now
      const report = await ask<{ count: number; distinct: number; lateness: number[] }>({ cmd: 'report' });
      const sentRows = (
        await pg.query(
          `SELECT count(*)::int AS n FROM notifications WHERE session_id = $1 AND status = 'sent'`,
          [rem.reminderSessionId],
        )
      ).rows[0].n;
      figure('reminders_accepted', report.count);
      figure('reminders_lost', REMINDERS - report.distinct);
      figure('reminders_twice', report.count - report.distinct);
      figure('reminder_rows_sent', sentRows);
      figure('lateness_p50_ms', f0(percentile(report.lateness, 50)));
      figure('lateness_p99_ms', f0(percentile(report.lateness, 99)));
      figure('lateness_max_ms', f0(Math.max(...report.lateness)));
      const spanS = (Math.max(...report.lateness) - Math.min(...report.lateness)) / 1000;
      figure('reminders_per_second', f0(report.count / Math.max(1, spanS)));
    }
    // What /metrics of each app says about the run.
    for (const m of c.members) {
      const t = await (
        await fetch(`${m.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      const pick = (re: RegExp) => re.exec(t)?.[1] ?? '-';
      if (m.kind === 'worker')
        console.log(
          `  ${m.name}: reminders sent ${pick(/^qatys_notification_lateness_seconds_count\{[^}]*kind="reminder"[^}]*\} (\S+)/m)}, waiting ${pick(/^qatys_queue_jobs\{[^}]*state="waiting"[^}]*\} (\S+)/m)}`,
        );
      if (m.kind === 'api')
        console.log(
          `  ${m.name}: registrations ${pick(/^qatys_http_request_duration_seconds_count\{[^}]*route="\/sessions\/:sessionId\/registrations"[^}]*\} (\S+)/m)}`,
        );
    }
    console.log(`\nmachine: ${machine}`);
    console.log(JSON.stringify(figures));
  } finally {
    await cluster?.stop().catch(() => undefined);
    sink.kill('SIGTERM');
    await pg.end();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
