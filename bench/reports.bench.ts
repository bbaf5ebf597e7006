/**
 * npm run bench:reports — the attendance report of a program the size of the webinar series:
 * BENCH_ATTENDEES (3,500) people from 20 regions, each registered for the 4 sessions of its 4
 * modules, with about 3 attendance intervals per person and session (two tabs, reconnects, the
 * lobby before the start, no-shows). **Ours** is what `GET /programs/:id/attendance` and
 * `.../attendance.csv` run, in-process through Nest and TypeORM (load, merge and clip the
 * intervals, completion per person, region lines, the response mapping and JSON, or the CSV).
 * **The floor** is one SQL query with the bare `pg` driver computing the same per-person minutes
 * (overlaps merged with range_agg, clipped to the scheduled time, registered people only).
 * BENCH_ROUNDS (5) rounds alternating which goes first; in each round every target runs
 * BENCH_RUNS (3) times and its median counts. Ends with `ratio report_vs_sql = <median of the
 * rounds' ratios>` (and `ratio csv_vs_sql`). Checks that ours and the floor agree on every minute.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { cpus, totalmem } from 'os';
import { Client } from 'pg';
import { Actor, AttendanceModule, ProgramAttendanceReportService, AttendanceCsvService } from '@qatys/domain';
import { dataSourceOptions } from '@qatys/persistence';
import { ProgramAttendanceReportResponse } from '../apps/api/src/attendance/attendance.response';
import { createBenchDatabase } from './support/bench-db';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 3_500);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const MODULES = 4;
const REGIONS = 20;

/** Per person: minutes present inside the scheduled times of the program's sessions, registered people only. */
const FLOOR_SQL = `
  WITH spans AS (
    SELECT ai.user_id,
           unnest(range_agg(tstzrange(greatest(ai.joined_at, s.start_at),
                                      least(coalesce(ai.left_at, now()), s.end_at)))) AS r
      FROM attendance_intervals ai
      JOIN sessions s ON s.id = ai.session_id
      JOIN registrations reg ON reg.session_id = ai.session_id AND reg.user_id = ai.user_id
                            AND reg.status = 'registered'
     WHERE s.program_id = $1 AND s.status <> 'cancelled'
       AND ai.joined_at < s.end_at AND coalesce(ai.left_at, now()) > s.start_at
     GROUP BY ai.user_id, ai.session_id
  ), people AS (
    SELECT DISTINCT r.user_id FROM registrations r JOIN sessions s ON s.id = r.session_id
     WHERE s.program_id = $1 AND s.status <> 'cancelled' AND r.status = 'registered'
  )
  SELECT p.user_id, coalesce(sum(extract(epoch FROM upper(x.r) - lower(x.r))), 0)::float8 * 1000 AS ms
    FROM people p LEFT JOIN spans x ON x.user_id = p.user_id
   GROUP BY p.user_id`;

interface Seeded {
  programId: string;
  organizerId: string;
  intervals: number;
}

async function seed(url: string): Promise<Seeded> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const regions = (
    await c.query<{ id: number }>('SELECT id FROM regions ORDER BY id LIMIT $1', [REGIONS])
  ).rows.map((r) => r.id);
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const organizerId = (
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, roles, organization_id)
       VALUES ('organizer@bench.qatys', 'Organizer', 'unused', '{organizer}', $1) RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const programId = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{"en":"Primaries webinar series"}', 'Asia/Almaty', 'ru', 'published') RETURNING id`,
      [org],
    )
  ).rows[0].id;
  await c.query(
    `INSERT INTO program_modules (program_id, position, title)
     SELECT $1, p, jsonb_build_object('en', 'Module ' || p) FROM generate_series(1, $2::int) p`,
    [programId, MODULES],
  );
  // One four-hour session per module, a week apart, all over (10:00-14:00 in Astana).
  await c.query(
    `INSERT INTO sessions (program_id, module_id, title, start_at, end_at, time_zone, format, join_url, status)
     SELECT $1, m.id, jsonb_build_object('en', 'Module ' || m.position),
            timestamptz '2024-06-17 05:00Z' + (m.position - 1) * interval '7 days',
            timestamptz '2024-06-17 09:00Z' + (m.position - 1) * interval '7 days',
            'Asia/Almaty', 'online', 'https://meet.example/bench', 'ended'
       FROM program_modules m WHERE m.program_id = $1`,
    [programId],
  );
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, home_region_id)
     SELECT 'a' || g || '@bench.qatys', 'Attendee ' || g, 'unused', ($1::int[])[1 + g % $2]
       FROM generate_series(0, $3::int - 1) g`,
    [regions, REGIONS, ATTENDEES],
  );
  await c.query(
    `INSERT INTO registrations (user_id, session_id, status, region_id, source)
     SELECT u.id, s.id, 'registered', u.home_region_id, 'organizer'
       FROM users u CROSS JOIN sessions s
      WHERE u.email LIKE 'a%@bench.qatys' AND s.program_id = $1`,
    [programId],
  );
  await c.query(
    `INSERT INTO roster_entries (scope_type, scope_id, region_id, expected)
     SELECT 'program', $1, r, $2::int FROM unnest($3::int[]) r`,
    [programId, Math.ceil((ATTENDEES * 1.1) / REGIONS), regions],
  );
  // About 3 intervals per person and session, deterministic: one in ten a no-show; the first
  // joins in the lobby up to 10 minutes early, the second overlaps it (a second tab or a
  // reconnect), the third comes back after a break and leaves up to an hour early.
  const intervals = await c.query(
    `INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, region_id, joined_at, left_at, left_reason)
     SELECT gen_random_uuid(), r.session_id, r.user_id, r.id, r.region_id,
            s.start_at + make_interval(mins => CASE k WHEN 1 THEN -(h % 11) WHEN 2 THEN 50 + h % 30 ELSE 140 + h % 20 END),
            s.start_at + make_interval(mins => CASE k WHEN 1 THEN 60 + h % 30 WHEN 2 THEN 120 + h % 20 ELSE 180 + h % 60 END),
            'left'
       FROM registrations r
       JOIN sessions s ON s.id = r.session_id
      CROSS JOIN generate_series(1, 3) k
      CROSS JOIN LATERAL (SELECT abs(hashtext(r.id::text || k)) AS h) x
      WHERE s.program_id = $1 AND abs(hashtext(r.id::text)) % 10 <> 0`,
    [programId],
  );
  // As a database in service is: analyzed, and the seeding's writes flushed before measuring.
  await c.query('VACUUM ANALYZE users, registrations, sessions, attendance_intervals, roster_entries');
  await c.query('CHECKPOINT').catch(() => undefined);
  await c.end();
  return { programId, organizerId, intervals: intervals.rowCount ?? 0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f0 = (n: number) => n.toFixed(0);
const f3 = (n: number) => n.toFixed(3);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  console.log(
    `bench:reports on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  const db = await createBenchDatabase();
  try {
    const world = await seed(db.url);
    console.log(
      `${ATTENDEES} attendees x ${MODULES} modules (one session each), ${world.intervals} intervals, ${REGIONS} regions; ` +
        `${ROUNDS} round(s) of sql / json / csv, alternating which goes first, median of ${RUNS} runs per target per round`,
    );

    @Module({
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: db.url, poolSize: 10, applicationName: 'qatys-bench' }),
          autoLoadEntities: true,
        }),
        AttendanceModule,
      ],
    })
    class ReportsBenchModule {}
    const app = await NestFactory.createApplicationContext(ReportsBenchModule, { logger: false });
    const reports = app.get(ProgramAttendanceReportService);
    const csvs = app.get(AttendanceCsvService);
    const actor: Actor = {
      userId: world.organizerId,
      roles: ['organizer'],
      coordinatorRegionIds: [],
      timeZone: 'Asia/Almaty',
      language: 'ru',
    };
    const floor = new Client({ connectionString: db.url });
    await floor.connect();

    const targets = {
      sql: async () =>
        (await floor.query(FLOOR_SQL, [world.programId])).rows as { user_id: string; ms: number }[],
      json: async () =>
        JSON.stringify(
          ProgramAttendanceReportResponse.of(
            await reports.programReport(actor, world.programId),
            'Asia/Almaty',
          ),
        ),
      csv: async () => csvs.programCsv(actor, world.programId),
    };

    // Both must say the same: every person's minutes (one decimal), and nobody missing.
    const floorRows = await targets.sql();
    const report = await reports.programReport(actor, world.programId);
    const ours = new Map(report.attendees.map((a) => [a.userId, a.minutes]));
    const wrong = floorRows.filter((r) => ours.get(r.user_id) !== Math.round(r.ms / 6000) / 10);
    if (floorRows.length !== ATTENDEES || report.attendees.length !== ATTENDEES || wrong.length) {
      throw new Error(
        `ours and the floor disagree: ${floorRows.length} vs ${report.attendees.length} people, ${wrong.length} with other minutes`,
      );
    }
    const bytes = { json: (await targets.json()).length, csv: (await targets.csv()).length };
    // Warm-up: JIT, plan caches, Postgres buffers.
    for (const fn of Object.values(targets)) await fn();

    const rounds: Record<keyof typeof targets, number>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order: (keyof typeof targets)[] = round % 2 ? ['sql', 'json', 'csv'] : ['csv', 'json', 'sql'];
      const times = {} as Record<keyof typeof targets, number>;
      for (const name of order) {
        const runs: number[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await timed(targets[name]));
        times[name] = median(runs);
      }
      rounds.push(times);
      console.log(
        `round ${round}: sql ${f0(times.sql)} ms, json ${f0(times.json)} ms, csv ${f0(times.csv)} ms -> ` +
          `report ${f3(times.json / times.sql)}, csv ${f3(times.csv / times.sql)}`,
      );
    }
    await floor.end();
    await app.close();

    const of = (name: keyof typeof targets) => median(rounds.map((r) => r[name]));
    console.log(
      `sql floor  ${f0(of('sql')).padStart(6)} ms   (one query: per-person minutes, ${ATTENDEES} rows)`,
    );
    console.log(
      `ours json  ${f0(of('json')).padStart(6)} ms   (GET /programs/:id/attendance, ${(bytes.json / 2 ** 20).toFixed(1)} MiB)`,
    );
    console.log(
      `ours csv   ${f0(of('csv')).padStart(6)} ms   (GET /programs/:id/attendance.csv, ${(bytes.csv / 2 ** 20).toFixed(1)} MiB)`,
    );
    if (ROUNDS > 1) console.log(`ratios below: the median of the ${ROUNDS} rounds' ratios`);
    console.log(`ratio report_vs_sql = ${f3(median(rounds.map((r) => r.json / r.sql)))}`);
    console.log(`ratio csv_vs_sql = ${f3(median(rounds.map((r) => r.csv / r.sql)))}`);
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
