/**
 * npm run bench:reminders — side by side on the same Redis and Postgres:
 *
 * 1. plan: reminders for 100,000 registrations of one session (3 offsets: 300,000 rows), planned
 *    by the real set-based planner and relayed to BullMQ by the worker's real relay, vs a bare
 *    script calling `addBulk` with the same number of jobs (same ids, payload size and options).
 * 2. deliver: 20,000 reminders due in the same second, sent by the real worker program (its own
 *    process) to a local SMTP sink (another process), vs a bare BullMQ worker process sending the
 *    same mails with nodemailer at the same concurrency and SMTP pool size.
 *
 * 3. crash: the same burst sent by two worker processes, one of them SIGKILLed once 30 % of the
 *    mails have arrived: every reminder must still arrive (lost = 0), late by as little as
 *    possible (the dead worker's in-flight sends are taken over once its claimant lock is gone
 *    and BullMQ sees its jobs stalled), and repeated at most once per send that was in flight.
 *
 * Ours releases the burst early (REMINDER_BURST_RATE, release.policy): lateness is still measured
 * against the due instant, and throughput for both from the first to the last mail accepted.
 *
 * Prints jobs/s, lateness p50/p99 after the due instant, peak RSS, and ends with
 * `ratio plan_vs_addbulk`, `ratio deliver_vs_bare` (throughput ours / bare), `lateness_p99_ms`,
 * and for the crash round `lateness_p100_after_crash_ms`, `takeover_p100_ms` (kill -> the last
 * taken-over mail), `lost` and `duplicates` (with the in-flight bound beside it).
 * BENCH_REGISTRATIONS, BENCH_BURST, BENCH_CONCURRENCY and BENCH_POOL change the sizes;
 * BENCH_PARTS (e.g. `crash` or `plan,deliver`) runs only some parts.
 */
import { ChildProcess, fork, spawn } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, workerSchema } from '@qatys/config';
import { QUEUES } from '@qatys/contracts';
import { planSessionReminders, releaseLeadMs, renderMessage } from '@qatys/domain';
import { dataSourceOptions } from '@qatys/persistence';
import { NotificationRelay, RELAY_PAGE } from '../apps/worker/src/notifications/notification-relay';
import { createBenchDatabase } from './support/bench-db';

const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const REDIS_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PARTS = new Set((process.env.BENCH_PARTS ?? 'plan,deliver,crash').split(',').map((p) => p.trim()));
/** The crash round kills one of its two workers once this share of the burst has arrived. */
const KILL_AT = 0.3;
const ROOT = join(__dirname, '..', '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/** Peak RSS of this process while `work` runs (sampled every 50 ms). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** Peak RSS (VmHWM) of a child process, from /proc. */
function childPeakRss(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function wipePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function seed(url: string, registrations: number, startAt: Date): Promise<{ sessionId: string }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const org = (
      await c.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [`Bench ${randomUUID()}`])
    ).rows[0].id;
    const program = (
      await c.query(
        `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status, quiet_hours_start, quiet_hours_end)
         VALUES ($1, '{"ru":"Вебинары","en":"Webinars","kk":"Вебинарлар"}', 'Asia/Almaty', 'ru', 'published', NULL, NULL) RETURNING id`,
        [org],
      )
    ).rows[0].id;
    const session = (
      await c.query(
        `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, format, join_url)
         VALUES ($1, '{"ru":"Как проходят праймериз","en":"How primaries work","kk":"Праймериз қалай өтеді"}',
                 $2, $2::timestamptz + interval '4 hours', 'Asia/Almaty', 'online', 'https://meet.example/b')
         RETURNING id`,
        [program, startAt],
      )
    ).rows[0].id;
    const tag = randomBytes(3).toString('hex');
    await c.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, password_hash, language, time_zone)
         SELECT 'b' || g || '-' || $3 || '@bench.qatys.test', 'Attendee ' || g, 'unused',
                (ARRAY['kk','ru','en'])[1 + g % 3], (ARRAY['Asia/Almaty','Asia/Qostanay','Europe/Berlin'])[1 + g % 3]
           FROM generate_series(1, $2::int) g
         RETURNING id)
       INSERT INTO registrations (user_id, session_id, status) SELECT id, $1, 'registered' FROM u`,
      [session, registrations, tag],
    );
    await c.query(`UPDATE sessions SET registered_count = $2 WHERE id = $1`, [session, registrations]);
    await c.query('ANALYZE');
    return { sessionId: session };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------- part 1: plan

async function benchPlan(dbUrl: string, redis: Redis): Promise<{ ours: number; bare: number }> {
  const startAt = new Date(Date.now() + 10 * 86_400_000);
  const { sessionId } = await seed(dbUrl, REGISTRATIONS, startAt);
  const jobs = REGISTRATIONS * 3;
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const ds = new DataSource({
    ...dataSourceOptions({ url: dbUrl, poolSize: 4, applicationName: 'bench' }),
    entities: [],
  });
  await ds.initialize();
  const config = loadConfig(workerSchema, {
    NODE_ENV: 'test',
    NOTIFY_ATTEMPTS: '6',
    NOTIFY_BACKOFF_MS: '30000',
  });

  // Bare: the same number of jobs, same id shape, payload and options, addBulk in relay-sized chunks.
  const barePrefix = `qatys-bench-bare-${randomBytes(3).toString('hex')}`;
  const bareQueue = new Queue(QUEUES.notifications, { connection, prefix: barePrefix });
  await bareQueue.waitUntilReady();
  const due = startAt.getTime() - 3_600_000;
  const bare = await withPeakRss(async () => {
    const t0 = performance.now();
    for (let i = 0; i < jobs; i += RELAY_PAGE) {
      const now = Date.now();
      const batch = Array.from({ length: Math.min(RELAY_PAGE, jobs - i) }, (_, k) => ({
        name: 'reminder.send',
        data: { notificationId: String(i + k + 1), dueAt: new Date(due).toISOString() },
        opts: {
          jobId: `reminder-${randomUUID()}-60-v1-t${Math.floor(due / 1000)}`,
          delay: due - now,
          attempts: 6,
          backoff: { type: 'exponential', delay: 30000 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
        },
      }));
      await bareQueue.addBulk(batch);
    }
    return (performance.now() - t0) / 1000;
  });
  const bareDelayed = (await bareQueue.getJobCounts('delayed')).delayed;
  await bareQueue.close();
  await wipePrefix(redis, barePrefix);

  // Ours: the planner (one transaction, set-based) + the relay (rows streamed to addBulk).
  const oursPrefix = `qatys-bench-plan-${randomBytes(3).toString('hex')}`;
  const oursQueue = new Queue(QUEUES.notifications, { connection, prefix: oursPrefix });
  await oursQueue.waitUntilReady();
  const relay = new NotificationRelay(oursQueue, ds, config, redis);
  const ours = await withPeakRss(async () => {
    const t0 = performance.now();
    const planned = await ds.transaction((em) => planSessionReminders(em, sessionId));
    const tPlanned = performance.now();
    const offered = await relay.enqueue({ sessionIds: [sessionId] });
    const t1 = performance.now();
    return { planned, offered, seconds: (t1 - t0) / 1000, planSeconds: (tPlanned - t0) / 1000 };
  });
  const oursDelayed = (await oursQueue.getJobCounts('delayed')).delayed;
  await oursQueue.close();
  await wipePrefix(redis, oursPrefix);
  // Part 2's worker must not find these 300,000 planned rows (its reconciler would enqueue them).
  await ds.query(`TRUNCATE notification_deliveries, notifications`);
  await ds.destroy();
  if (ours.result.planned !== jobs || oursDelayed !== jobs || bareDelayed !== jobs) {
    throw new Error(
      `expected ${jobs} jobs: planned ${ours.result.planned}, ours ${oursDelayed}, bare ${bareDelayed}`,
    );
  }

  const oursRate = jobs / ours.result.seconds;
  const bareRate = jobs / bare.result;
  console.log(
    `\n1) plan ${REGISTRATIONS.toLocaleString('en')} registrations x 3 offsets = ${jobs.toLocaleString('en')} jobs`,
  );
  console.log(
    `   bare addBulk        ${bare.result.toFixed(2).padStart(7)} s  ${oursFmt(bareRate)} jobs/s   peak RSS ${mib(bare.peak)}`,
  );
  console.log(
    `   ours plan+enqueue   ${ours.result.seconds.toFixed(2).padStart(7)} s  ${oursFmt(oursRate)} jobs/s   peak RSS ${mib(ours.peak)}` +
      `   (planner SQL ${ours.result.planSeconds.toFixed(2)} s, relay ${(ours.result.seconds - ours.result.planSeconds).toFixed(2)} s)`,
  );
  return { ours: oursRate, bare: bareRate };
}

const oursFmt = (n: number) => n.toFixed(0).padStart(7);

// ---------------------------------------------------------------- part 2: deliver

interface Sink {
  child: ChildProcess;
  url: string;
  ask<T>(msg: object): Promise<T>;
}

async function startSink(): Promise<Sink> {
  const child = fork(join(__dirname, 'reminders-smtp-sink.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m: { port: number }) => resolve(m.port)),
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`))),
  );
  exited.catch(() => undefined);
  return {
    child,
    url: `smtp://127.0.0.1:${port}`,
    ask: <T>(msg: object) =>
      Promise.race([
        exited,
        new Promise<T>((resolve) => {
          child.once('message', (m) => resolve(m as T));
          child.send(msg);
        }),
      ]),
  };
}

async function waitForCount(sink: Sink, n: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await sink.ask<{ count: number }>({ cmd: 'count' });
    if (count >= n) return;
    if (Date.now() > until) throw new Error(`only ${count} of ${n} mails arrived`);
    await sleep(100);
  }
}

interface DeliveryResult {
  rate: number;
  first: number;
  p50: number;
  p99: number;
  peakRss: number;
  distinct: number;
}

async function report(sink: Sink, label: string, peakRss: number): Promise<DeliveryResult> {
  const r = await sink.ask<{ count: number; distinct: number; lateness: number[] }>({ cmd: 'report' });
  const last = Math.max(...r.lateness);
  const first = Math.min(...r.lateness);
  const result = {
    rate: r.count / (Math.max(1, last - first) / 1000),
    first,
    p50: percentile(r.lateness, 50),
    p99: percentile(r.lateness, 99),
    peakRss,
    distinct: r.distinct,
  };
  console.log(
    `   ${label.padEnd(20)} ${oursFmt(result.rate)} mails/s   lateness first ${String(first).padStart(6)} ms  p50 ${String(
      result.p50,
    ).padStart(
      6,
    )} ms  p99 ${String(result.p99).padStart(6)} ms   peak RSS ${mib(peakRss)}   (${r.count} mails, ${
      r.distinct
    } recipients)`,
  );
  return result;
}

/** The real worker program (the build), in production mode, sending to the sink. */
function spawnWorker(dbUrl: string, prefix: string, smtpUrl: string): ChildProcess {
  // BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof") profiles the worker.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/worker/src/main.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      SMTP_POOL_SIZE: String(POOL),
      WORKER_CONCURRENCY: String(CONCURRENCY),
      DB_POOL_SIZE: String(CONCURRENCY + 4),
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      WORKER_HEALTH_PORT: '0',
    },
  });
}

/** A burst of BURST reminder rows due at one instant, late enough for the relay to queue them first. */
async function plantBurst(
  dbUrl: string,
): Promise<{ sessionId: string; due: Date; lead: number; rate: number }> {
  const rate = loadConfig(workerSchema, {
    NODE_ENV: 'test',
    REMINDER_BURST_RATE: process.env.REMINDER_BURST_RATE,
  }).REMINDER_BURST_RATE;
  const lead = releaseLeadMs(BURST, rate, 10);
  const due = new Date(Date.now() + 45_000 + lead);
  const { sessionId } = await seed(dbUrl, BURST, new Date(due.getTime() + 600_000));
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
       SELECT 'reminder', 'reminder-' || r.id || '-10-v1', r.user_id, r.id, r.session_id, 1, 10, $2
         FROM registrations r WHERE r.session_id = $1`,
      [sessionId, due],
    );
  } finally {
    await c.end();
  }
  return { sessionId, due, lead, rate };
}

/** Waits until the workers' reconciler has queued the whole burst, before its release instant. */
async function burstQueued(queue: Queue, due: Date, lead: number, workers: ChildProcess[]): Promise<void> {
  for (;;) {
    if ((await queue.getJobCounts('delayed')).delayed >= BURST) return;
    if (Date.now() > due.getTime() - lead - 1000)
      throw new Error('the burst was not queued before its release instant');
    if (workers.some((w) => w.exitCode !== null)) throw new Error('a worker exited');
    await sleep(200);
  }
}

async function benchDeliver(
  dbUrl: string,
  redis: Redis,
): Promise<{ ours: DeliveryResult; bare: DeliveryResult }> {
  console.log(
    `\n2) ${BURST.toLocaleString('en')} reminders due in the same second -> local SMTP sink (concurrency ${CONCURRENCY}, SMTP pool ${POOL})`,
  );
  const sink = await startSink();
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const children: ChildProcess[] = [sink.child];
  try {
    // Bare first: a BullMQ worker process + nodemailer, the same rendered mails as ready-made jobs.
    const barePrefix = `qatys-bench-mail-${randomBytes(3).toString('hex')}`;
    const bareWorker = fork(join(__dirname, 'reminders-bare-worker.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        REDIS_URL,
        REDIS_PREFIX: barePrefix,
        BENCH_QUEUE: 'bare-mail',
        BENCH_SMTP_URL: sink.url,
        BENCH_CONCURRENCY: String(CONCURRENCY),
        BENCH_POOL: String(POOL),
      },
    });
    children.push(bareWorker);
    await new Promise((resolve) => bareWorker.once('message', resolve));
    const bareQueue = new Queue('bare-mail', { connection, prefix: barePrefix });
    const bareDue = Date.now() + 15_000;
    const startAt = new Date(bareDue + 600_000);
    const langs = ['kk', 'ru', 'en'] as const;
    const mails = langs.map((lang) =>
      renderMessage({
        kind: 'reminder',
        lang,
        recipientName: 'Attendee',
        sessionTitle: 'Как проходят праймериз',
        programTitle: null,
        startAt,
        sessionZone: 'Asia/Almaty',
        attendeeZone: 'Asia/Qostanay',
        joinLink: `http://127.0.0.1:3000/join/${randomUUID()}?t=${randomBytes(180).toString('base64url')}`,
        now: new Date(bareDue),
      }),
    );
    for (let i = 0; i < BURST; i += 1000) {
      await bareQueue.addBulk(
        Array.from({ length: Math.min(1000, BURST - i) }, (_, k) => ({
          name: 'mail',
          data: { to: `bare${i + k}@bench.qatys.test`, ...mails[(i + k) % 3] },
          opts: { jobId: `mail-${i + k}`, delay: bareDue - Date.now(), removeOnComplete: true },
        })),
      );
    }
    if (Date.now() > bareDue - 1000) throw new Error('the bare burst was not queued before its due instant');
    await sink.ask({ cmd: 'reset', dueAt: bareDue });
    await waitForCount(sink, BURST, 300_000);
    const bare = await report(sink, 'bare BullMQ+mailer', childPeakRss(bareWorker.pid));
    bareWorker.kill('SIGTERM');
    await bareQueue.close();
    await wipePrefix(redis, barePrefix);

    // Ours: the real worker program, reminders planned as rows due in the same second.
    // The worker releases this burst early (by up to a tenth of the 10-minute offset): due late
    // enough that every job is still delayed when the relay is done.
    const { sessionId, due, lead, rate } = await plantBurst(dbUrl);
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    const oursPrefix = `qatys-bench-deliver-${randomBytes(3).toString('hex')}`;
    const worker = spawnWorker(dbUrl, oursPrefix, sink.url);
    children.push(worker);
    const oursQueue = new Queue(QUEUES.notifications, { connection, prefix: oursPrefix });
    // The reconciler's first (full) pass turns the rows into delayed jobs.
    await burstQueued(oursQueue, due, lead, [worker]);
    await sink.ask({ cmd: 'reset', dueAt: due.getTime() });
    console.log(
      `   (ours: released up to ${(lead / 1000).toFixed(1)} s early at REMINDER_BURST_RATE=${rate}/s)`,
    );
    await waitForCount(sink, BURST, 600_000);
    const ours = await report(sink, 'ours (worker)', childPeakRss(worker.pid));
    // The last "sent" marks commit just after the server's 250: give them a moment.
    let sent = 0;
    for (let i = 0; i < 100 && sent < BURST; i++) {
      sent = (
        await c.query(
          `SELECT count(*)::int AS sent FROM notifications WHERE session_id = $1 AND status = 'sent'`,
          [sessionId],
        )
      ).rows[0].sent;
      if (sent < BURST) await sleep(100);
    }
    await c.end();
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    if (ours.distinct !== BURST || sent !== BURST) {
      throw new Error(`expected ${BURST} once each: ${ours.distinct} distinct, ${sent} rows sent`);
    }
    await oursQueue.close();
    await wipePrefix(redis, oursPrefix);
    return { ours, bare };
  } finally {
    // Whatever happened, leave no process behind.
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

interface CrashResult {
  latenessP100: number;
  takeoverP100: number;
  takenOver: number;
  lost: number;
  duplicates: number;
  killedAt: number;
}

// ---------------------------------------------------------------- part 3: crash

async function benchCrash(dbUrl: string, redis: Redis): Promise<CrashResult> {
  console.log(
    `\n3) ${BURST.toLocaleString('en')} reminders due at once, two workers, one SIGKILLed at ${KILL_AT * 100} % (concurrency ${CONCURRENCY} each)`,
  );
  const sink = await startSink();
  const children: ChildProcess[] = [sink.child];
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const prefix = `qatys-bench-crash-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(QUEUES.notifications, { connection, prefix });
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const { sessionId, due, lead } = await plantBurst(dbUrl);
    const workers = [spawnWorker(dbUrl, prefix, sink.url), spawnWorker(dbUrl, prefix, sink.url)];
    children.push(...workers);
    await burstQueued(queue, due, lead, workers);
    await sink.ask({ cmd: 'reset', dueAt: due.getTime() });
    await waitForCount(sink, Math.ceil(BURST * KILL_AT), 600_000);
    workers[0].kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => workers[0].once('exit', r));
    // Until every row is sent and no job is left that could send anything more.
    const until = Date.now() + 600_000;
    for (;;) {
      const { planned } = (
        await c.query(
          `SELECT count(*) FILTER (WHERE status <> 'sent')::int AS planned FROM notifications WHERE session_id = $1`,
          [sessionId],
        )
      ).rows[0];
      const left = await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized');
      if (planned === 0 && Object.values(left).every((n) => n === 0)) break;
      if (Date.now() > until)
        throw new Error(`not settled: ${planned} rows unsent, jobs ${JSON.stringify(left)}`);
      await sleep(200);
    }
    const r = await sink.ask<{ count: number; distinct: number; lateness: number[] }>({ cmd: 'report' });
    const { times } = await sink.ask<{ times: Record<string, number[]> }>({ cmd: 'times' });
    // The sends the dead worker had claimed: their ledger rows were claimed a second time.
    const taken: { email: string }[] = (
      await c.query(
        `SELECT u.email FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
           JOIN users u ON u.id = n.user_id WHERE n.session_id = $1 AND d.attempts > 1`,
        [sessionId],
      )
    ).rows;
    const takeover = taken.map((t) => Math.max(...(times[t.email] ?? [NaN])) - killedAt);
    const result: CrashResult = {
      latenessP100: Math.max(...r.lateness),
      takeoverP100: takeover.length ? Math.max(...takeover) : 0,
      takenOver: taken.length,
      lost: BURST - r.distinct,
      duplicates: r.count - r.distinct,
      killedAt: killedAt - due.getTime(),
    };
    console.log(
      `   killed worker 1 at ${result.killedAt} ms after the due instant; ${taken.length} of its sends taken over, ` +
        `the last ${result.takeoverP100} ms after the kill; lateness p50 ${percentile(r.lateness, 50)} ms, ` +
        `p100 ${result.latenessP100} ms; ${r.count} mails, ${r.distinct} recipients`,
    );
    workers[1].kill('SIGTERM');
    await new Promise((res) => (workers[1].exitCode !== null ? res(null) : workers[1].once('exit', res)));
    return result;
  } finally {
    await c.end();
    await queue.close();
    await wipePrefix(redis, prefix);
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:reminders on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  const db = await createBenchDatabase();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const started = Date.now();
  try {
    const plan = PARTS.has('plan') ? await benchPlan(db.url, redis) : null;
    const deliver = PARTS.has('deliver') ? await benchDeliver(db.url, redis) : null;
    const crash = PARTS.has('crash') ? await benchCrash(db.url, redis) : null;
    console.log(`\n(took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (plan) console.log(`ratio plan_vs_addbulk = ${(plan.ours / plan.bare).toFixed(3)}`);
    if (deliver) {
      console.log(`ratio deliver_vs_bare = ${(deliver.ours.rate / deliver.bare.rate).toFixed(3)}`);
      console.log(`lateness_p99_ms = ${deliver.ours.p99}`);
    }
    if (crash) {
      console.log(`lateness_p100_after_crash_ms = ${crash.latenessP100}`);
      console.log(`takeover_p100_ms = ${crash.takeoverP100}`);
      console.log(`lost = ${crash.lost}`);
      console.log(`duplicates = ${crash.duplicates} (in-flight bound ${CONCURRENCY})`);
    }
  } finally {
    redis.disconnect();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
