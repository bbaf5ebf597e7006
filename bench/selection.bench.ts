/**
 * npm run bench:selection — rank and select 20,000 applications with 5 complete reviews each
 * (300,000 scores) into a cohort with nominated seats and per-region minimums and maximums, the
 * way the API does it (SelectionRunsService.preview: load, rank, apply the quotas, store the run with
 * its inputs hash), against the floor: one SQL query computing the same weighted means (per
 * reviewer weighted mean of the criteria, then the mean over reviewers) with the bare `pg`
 * driver. Prints time (median of the runs) and peak memory; ends with `ratio select_vs_sql = <n>`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { cpus, totalmem } from 'os';
import { Client } from 'pg';
import { Actor, RankingService, SelectionModule, SelectionRunsService } from '@qatys/domain';
import { dataSourceOptions } from '@qatys/persistence';
import { createBenchDatabase } from './support/bench-db';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 20_000);
const REVIEWERS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 2_000);

const FLOOR_SQL = `
  SELECT r.application_id, avg(r.mean)::float8 AS score, count(*)::int AS reviews
    FROM (SELECT s.application_id, s.reviewer_id, sum(s.value * w.weight) / sum(w.weight) AS mean
            FROM selection_scores s
            JOIN (VALUES ('career', 1), ('leadership', 1), ('motivation', 1)) AS w(criterion, weight)
              ON w.criterion = s.criterion
           WHERE s.call_id = $1
           GROUP BY s.application_id, s.reviewer_id
          HAVING count(*) = 3) r
   GROUP BY r.application_id
   ORDER BY score DESC`;

async function seed(url: string): Promise<{ callId: string; organizerId: string }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const regions = (await c.query<{ id: number }>('SELECT id FROM regions ORDER BY id')).rows.map((r) => r.id);
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const organizerId = (
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, roles, organization_id)
       VALUES ('organizer@bench.test', 'Organizer', 'unused', '{organizer}', $1) RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const program = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{"en":"Young Politician School"}', 'Asia/Almaty', 'ru', 'published') RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const quotas = { nominatedSeats: 200, regionMin: 20, regionMax: 200, regions: [] };
  const rubric = {
    criteria: ['career', 'leadership', 'motivation'].map((key) => ({ key, label: { en: key }, weight: 1 })),
    scale: { min: 0, max: 10 },
    tieBreakCriterion: 'motivation',
  };
  const callId = (
    await c.query(
      `INSERT INTO selection_calls (program_id, title, capacity, time_zone, opens_at, closes_at, age_on, rubric, quotas)
       VALUES ($1, '{"en":"Cohort"}', $2, 'Asia/Almaty', '2024-02-20T03:00Z', '2024-03-05T13:00Z', '2024-03-05', $3, $4)
       RETURNING id`,
      [program, CAPACITY, JSON.stringify(rubric), JSON.stringify(quotas)],
    )
  ).rows[0].id;
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, home_region_id)
     SELECT 'applicant' || g || '@bench.test', 'Applicant ' || g, 'unused', ($2::int[])[1 + g % 20]
       FROM generate_series(1, $1::int) g`,
    [APPLICATIONS, regions],
  );
  await c.query(
    `INSERT INTO selection_applications (call_id, user_id, region_id, birth_date, nominated, nominated_by, submitted_at)
     SELECT $1, u.id, u.home_region_id, '1995-05-05', n % 10 = 0, CASE WHEN n % 10 = 0 THEN 'Youth wing' END,
            timestamptz '2024-02-21T00:00Z' + n * interval '37 seconds'
       FROM (SELECT id, home_region_id, row_number() OVER (ORDER BY email) AS n
               FROM users WHERE email LIKE 'applicant%') u`,
    [callId],
  );
  const reviewers: string[] = [];
  for (let r = 1; r <= REVIEWERS; r++) {
    const id = (
      await c.query(
        `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, 'unused') RETURNING id`,
        [`reviewer${r}@bench.test`, `Reviewer ${r}`],
      )
    ).rows[0].id;
    reviewers.push(id);
    await c.query(`INSERT INTO selection_reviewers (call_id, user_id) VALUES ($1, $2)`, [callId, id]);
  }
  // Deterministic spread of scores 0-10 in halves.
  await c.query(
    `INSERT INTO selection_scores (call_id, application_id, reviewer_id, criterion, value)
     SELECT $1, a.id, r.id, k.criterion,
            ((abs(hashtext(a.id::text || r.id::text || k.criterion)) % 21) / 2.0)::numeric(6,2)
       FROM selection_applications a
      CROSS JOIN unnest($2::uuid[]) AS r(id)
      CROSS JOIN (VALUES ('career'), ('leadership'), ('motivation')) AS k(criterion)
      WHERE a.call_id = $1`,
    [callId, reviewers],
  );
  await c.query('ANALYZE');
  await c.end();
  return { callId, organizerId };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  console.log(
    `bench:selection on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(
    `${APPLICATIONS} applications, ${REVIEWERS} reviews each (${APPLICATIONS * REVIEWERS * 3} scores), 20 regions, ` +
      `cohort of ${CAPACITY}: 200 nominated seats, 20-200 per region; median of ${RUNS} runs after a warm-up`,
  );
  const db = await createBenchDatabase();
  try {
    const { callId, organizerId } = await seed(db.url);

    @Module({
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: db.url, poolSize: 4, applicationName: 'qatys-bench' }),
          autoLoadEntities: true,
        }),
        SelectionModule,
      ],
    })
    class SelectionBenchModule {}
    const app = await NestFactory.createApplicationContext(SelectionBenchModule, { logger: false });
    const selection = app.get(SelectionRunsService);
    const actor: Actor = {
      userId: organizerId,
      roles: ['organizer'],
      coordinatorRegionIds: [],
      timeZone: 'UTC',
      language: 'ru',
    };
    const floor = new Client({ connectionString: db.url });
    await floor.connect();

    // Warm-up: JIT, plan caches, the region cache, Postgres buffers.
    await floor.query(FLOOR_SQL, [callId]);
    const warm = await selection.preview(actor, callId);
    const rssBefore = process.memoryUsage().rss;

    const sqlTimes: number[] = [];
    const oursTimes: number[] = [];
    let heapPeak = 0;
    let floorRows = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = process.hrtime.bigint();
      floorRows = (await floor.query(FLOOR_SQL, [callId])).rowCount ?? 0;
      sqlTimes.push(Number(process.hrtime.bigint() - t) / 1e6);

      t = process.hrtime.bigint();
      const run = await selection.preview(actor, callId);
      oursTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      if (run.summary.selected !== CAPACITY || run.inputsHash !== warm.inputsHash) {
        throw new Error(`unexpected run: ${JSON.stringify(run.summary)}`);
      }
    }
    const maxRss = process.resourceUsage().maxRSS * 1024;
    if (floorRows !== APPLICATIONS) throw new Error(`floor returned ${floorRows} rows`);

    // The two agree on the scores (a sample from the top).
    const top = (await floor.query(FLOOR_SQL, [callId])).rows.slice(0, 5);
    const { rows } = await app.get(RankingService).ranking(actor, callId);
    for (const t of top) {
      const ours = rows.find((r) => r.id === t.application_id)!;
      if (Math.abs(ours.score! - t.score) > 1e-9) throw new Error(`score mismatch for ${t.application_id}`);
    }
    await floor.end();
    await app.close();

    const sql = median(sqlTimes);
    const ours = median(oursTimes);
    console.log(
      `sql floor   ${sql.toFixed(0).padStart(6)} ms   (one query: weighted means per application, ${floorRows} rows)`,
    );
    console.log(
      `ours        ${ours.toFixed(0).padStart(6)} ms   (load, rank, quotas, store the run + hash; ${warm.summary.selected} selected, ${warm.summary.waitlisted} waitlisted)`,
    );
    console.log(
      `memory      peak RSS ${mib(maxRss)} (${mib(rssBefore)} after seeding and warm-up), peak heap used ${mib(heapPeak)}`,
    );
    console.log(`ratio select_vs_sql = ${(ours / sql).toFixed(3)}`);
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
