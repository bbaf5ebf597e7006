/**
 * npm run bench:certificates — BENCH_CERTIFICATES (3,500) certificates issued for one program,
 * and the import of a BENCH_PEOPLE (5,000) person list.
 *
 * **Ours**: the real worker (dist, its own process) drains a `certificates.requested` event
 * recorded as the API records it: the handler reads the program report (3,500 completers), writes
 * the pending certificates; the relay makes the jobs; each job renders the PDF, stores it and
 * records `certificate.issued` (whose mails then go out as .eml files, in the same process, while
 * the rest are being issued). Timed from the event to the last certificate `issued`.
 * **Bare**: a loop in this process rendering the same PDFs with the same library, fonts and
 * content, and writing each to a file — no queue, no database.
 *
 * BENCH_ROUNDS (2) rounds alternating which goes first (the machine is shared: its load moves);
 * between rounds the program's certificates and the mails still planned are cleared. Prints each
 * round's times, the worker's peak RSS (VmHWM) and the import's time, and ends with
 * `ratio issue_vs_bare = median over the rounds of bare seconds / our seconds` (goal >= 0.7;
 * peak RSS goal < 512 MiB; import goal < 10 s).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import Redis from 'ioredis';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  certificateContent,
  DEFAULT_CERTIFICATE_FONT_DIR,
  ExpectedListsService,
  InvitationLinksModule,
  InvitationsModule,
  loadCertificateFonts,
  PASSWORD_HASH_COST,
  renderCertificatePdf,
} from '@qatys/domain';
import { dataSourceOptions } from '@qatys/persistence';
import { createBenchDatabase } from './support/bench-db';

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 3_500);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5_000);
const REDIS_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const FONT_DIR = process.env.CERTIFICATE_FONT_DIR ?? DEFAULT_CERTIFICATE_FONT_DIR;
const CONCURRENCY = Number(process.env.BENCH_CERTIFICATE_CONCURRENCY ?? 4);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const ROOT = join(__dirname, '..', '..');
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TITLE = {
  kk: 'Депутаттардың әлеуметтік желідегі жұмысы',
  ru: 'Работа депутатов в социальных сетях',
  en: "Deputies' work in social media",
};
const nameOf = (i: number) => `Әлия Ғабитқызы Құрманова ${i}`;

function childPeakRss(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** One program of two modules, one ended session each, COUNT people present throughout (all complete it). */
async function seed(c: Client): Promise<{ programId: string }> {
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const programId = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, $2, 'Asia/Almaty', 'kk', 'published') RETURNING id`,
      [org, TITLE],
    )
  ).rows[0].id;
  const modules = (
    await c.query(
      `INSERT INTO program_modules (program_id, position, title)
       VALUES ($1, 1, '{"kk":"Әлеуметтік желілер","ru":"Социальные сети"}'),
              ($1, 2, '{"kk":"Шешендік өнер","ru":"Ораторское искусство"}') RETURNING id`,
      [programId],
    )
  ).rows.map((r) => r.id as string);
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, language, time_zone, home_region_id)
     SELECT 'bench-' || g || '@cert.qatys', 'Әлия Ғабитқызы Құрманова ' || g, NULL,
            CASE WHEN g % 3 = 0 THEN 'ru' ELSE 'kk' END, 'Asia/Almaty', (SELECT id FROM regions WHERE code = 'KZ-55')
       FROM generate_series(1, $1::int) g`,
    [COUNT],
  );
  for (const [k, moduleId] of modules.entries()) {
    const sessionId = (
      await c.query(
        `INSERT INTO sessions (program_id, module_id, title, format, start_at, end_at, time_zone, status)
         VALUES ($1, $2, '{"kk":"Семинар"}', 'online', now() - make_interval(days => $3), now() - make_interval(days => $3) + interval '4 hours',
                 'Asia/Almaty', 'ended') RETURNING id`,
        [programId, moduleId, 2 - k],
      )
    ).rows[0].id;
    await c.query(
      `WITH r AS (
         INSERT INTO registrations (user_id, session_id, status, source)
         SELECT id, $1, 'registered', 'organizer' FROM users WHERE email LIKE 'bench-%@cert.qatys' RETURNING id, user_id
       )
       INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, joined_at, left_at, left_reason)
       SELECT gen_random_uuid(), $1, r.user_id, r.id, s.start_at, s.end_at, 'left' FROM r, sessions s WHERE s.id = $1`,
      [sessionId],
    );
  }
  await c.query('VACUUM ANALYZE users, registrations, attendance_intervals, sessions');
  return { programId };
}

async function bare(dir: string): Promise<number> {
  const fonts = loadCertificateFonts(FONT_DIR);
  const t0 = process.hrtime.bigint();
  for (let i = 1; i <= COUNT; i++) {
    const lang = i % 3 === 0 ? 'ru' : 'kk';
    const pdf = await renderCertificatePdf(
      certificateContent({
        lang,
        holderName: nameOf(i),
        programTitle: TITLE[lang],
        modules:
          lang === 'kk'
            ? ['Әлеуметтік желілер', 'Шешендік өнер']
            : ['Социальные сети', 'Ораторское искусство'],
        minutes: 240,
        completedAt: new Date(),
        timeZone: 'Asia/Almaty',
        number: `QTS-2026-${String(i).padStart(6, '0')}`,
        verifyUrl: `http://127.0.0.1:3000/verify/${randomBytes(10).toString('hex').slice(0, 16).toUpperCase()}`,
      }),
      fonts,
      new Date(),
    );
    writeFileSync(join(dir, `${i}.pdf`), pdf);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function ours(
  url: string,
  c: Client,
  programId: string,
  mailDir: string,
): Promise<{ seconds: number; rss: number }> {
  const prefix = `qatys-bench-cert-${randomBytes(3).toString('hex')}`;
  const worker: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: '',
      MAIL_DIR: mailDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      WORKER_HEALTH_PORT: '0',
      CERTIFICATE_FONT_DIR: FONT_DIR,
      CERTIFICATE_CONCURRENCY: String(CONCURRENCY),
      OUTBOX_POLL_INTERVAL_MS: '200',
      SESSION_AUTO_END_MINUTES: '0',
    },
  });
  const redis = new Redis(REDIS_URL);
  try {
    // The worker is up once its outbox consumer has run once: wait for its health port to be taken.
    await sleep(3000);
    if (worker.exitCode !== null) throw new Error('the worker exited');
    const t0 = process.hrtime.bigint();
    const started = Date.now();
    await c.query('BEGIN');
    const batchId = (
      await c.query(
        `INSERT INTO certificate_batches (program_id, reason) VALUES ($1, 'request') RETURNING id`,
        [programId],
      )
    ).rows[0].id;
    await c.query(
      `INSERT INTO domain_events (type, aggregate_type, aggregate_id, payload) VALUES ('certificates.requested', 'program', $1, $2)`,
      [programId, { programId, batchId }],
    );
    await c.query(`SELECT pg_notify('qatys_notifications', 'outbox')`);
    await c.query('COMMIT');
    for (;;) {
      const { rows } = await c.query(
        `SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued, count(*)::int AS total FROM certificates WHERE batch_id = $1`,
        [batchId],
      );
      if (rows[0].issued >= COUNT) break;
      if (Date.now() - started > 30 * 60_000) throw new Error(`only ${rows[0].issued} of ${COUNT} issued`);
      if (worker.exitCode !== null) throw new Error('the worker exited');
      await sleep(100);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const rss = childPeakRss(worker.pid);
    return { seconds, rss };
  } finally {
    if (worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

@Module({})
class ImportBenchModule {}

async function importList(url: string, programId: string): Promise<number> {
  const app = await NestFactory.createApplicationContext(
    {
      module: ImportBenchModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url, poolSize: 4, applicationName: 'bench' }),
          autoLoadEntities: true,
        }),
        InvitationLinksModule.forRoot({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1:3000' }),
        InvitationsModule,
      ],
      providers: [{ provide: PASSWORD_HASH_COST, useValue: 'default' }],
    },
    { logger: false },
  );
  try {
    const codes = ['KZ-55', 'KZ-39', 'KZ-35', 'KZ-71', 'KZ-75'];
    const csv =
      'name,email,phone,region_code,language,organization,position\n' +
      Array.from(
        { length: PEOPLE },
        (_, k) =>
          `Депутат ${k},list-${k}@import.qatys,+7701${String(k).padStart(7, '0')},${codes[k % codes.length]},${
            k % 2 ? 'ru' : 'kk'
          },Мәслихат,Депутат`,
      ).join('\n');
    const actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      roles: ['organizer'] as const,
      coordinatorRegionIds: [],
      timeZone: 'UTC',
      language: 'ru' as const,
    };
    const t0 = process.hrtime.bigint();
    const summary = await app
      .get(ExpectedListsService)
      .importFile(
        { ...actor, roles: [...actor.roles] },
        { type: 'program', id: programId },
        { format: 'csv', text: csv },
      );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (summary.added !== PEOPLE) throw new Error(`imported ${summary.added} of ${PEOPLE}`);
    return seconds;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:certificates — ${COUNT} certificates, ${PEOPLE}-person import; ${cpus().length} cores ${cpus()[0]?.model}, ${mib(totalmem())}, Node ${process.version}`,
  );
  const db = await createBenchDatabase();
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const dir = mkdtempSync(join(tmpdir(), 'qatys-bench-cert-'));
  const mailDir = mkdtempSync(join(tmpdir(), 'qatys-bench-mail-'));
  try {
    const { programId } = await seed(c);
    const ratios: number[] = [];
    let peak = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const runBare = async () => {
        const seconds = await bare(dir);
        console.log(
          `   round ${round} bare loop (render + write)   ${seconds.toFixed(2).padStart(7)} s  ${(COUNT / seconds).toFixed(1)} PDFs/s`,
        );
        return seconds;
      };
      const runOurs = async () => {
        const o = await ours(db.url, c, programId, mailDir);
        peak = Math.max(peak, o.rss);
        console.log(
          `   round ${round} ours (event -> issued)       ${o.seconds.toFixed(2).padStart(7)} s  ${(COUNT / o.seconds).toFixed(1)} PDFs/s   worker peak RSS ${mib(o.rss)}`,
        );
        // The next round starts from nothing: no certificate, no mail still to send, no event left.
        await c.query(`UPDATE notifications SET status = 'skipped' WHERE status = 'planned'`);
        await c.query(`UPDATE domain_events SET processed_at = now() WHERE processed_at IS NULL`);
        await c.query(`DELETE FROM certificates WHERE program_id = $1`, [programId]);
        return o.seconds;
      };
      let b: number;
      let o: number;
      if (round % 2) {
        b = await runBare();
        o = await runOurs();
      } else {
        o = await runOurs();
        b = await runBare();
      }
      ratios.push(b / o);
    }
    ratios.sort((x, y) => x - y);
    const median =
      ratios.length % 2
        ? ratios[(ratios.length - 1) / 2]
        : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    console.log(`   worker peak RSS ${mib(peak)} (goal < 512 MiB)`);
    const importSeconds = await importList(db.url, programId);
    console.log(`   import of ${PEOPLE} people      ${importSeconds.toFixed(2).padStart(7)} s (goal < 10 s)`);
    console.log(`ratio issue_vs_bare = ${median.toFixed(3)}`);
  } finally {
    await c.end();
    rmSync(dir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
