/**
 * npm run bench:api — GET /sessions (page of 50 with speakers over 2,000 sessions and 20 regions)
 * against two baselines in the same Nest app and the same run: a route answering the same JSON
 * from memory, and a route running one raw `pg` query. The three are measured in BENCH_ROUNDS
 * rounds (default 5), the order turned around every round, and each ratio is the median of the
 * rounds' ratios: the machine's drift between two measurements a minute apart otherwise decides
 * the ratio (0.62 to 0.83 on the same code, one measurement each). Ends with
 * `ratio list_vs_rawpg = <n>`.
 */
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { createBenchDatabase } from './support/bench-db';
import { load, LoadResult } from './support/load';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function seed(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const regions = (await c.query<{ id: number }>('SELECT id FROM regions ORDER BY id')).rows.map((r) => r.id);
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const user = (
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, roles, organization_id)
       VALUES ('bench@qatys.test', 'Bench', 'unused', '{organizer}', $1) RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const program = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{"en":"Webinar series","ru":"Серия вебинаров","kk":"Вебинарлар сериясы"}', 'Asia/Almaty', 'ru', 'published')
       RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const modules: string[] = [];
  for (let p = 1; p <= 4; p++) {
    modules.push(
      (
        await c.query(
          `INSERT INTO program_modules (program_id, position, title) VALUES ($1, $2, $3) RETURNING id`,
          [program, p, JSON.stringify({ en: `Module ${p}` })],
        )
      ).rows[0].id,
    );
  }
  await c.query(
    `INSERT INTO speakers (full_name, affiliation, bio)
     SELECT 'Speaker ' || g, 'Academy', '{"en":"Trainer"}' FROM generate_series(1, 100) g`,
  );
  // Deterministic spread: 2,000 four-hour sessions over 100 days, 1-2 target regions each.
  await c.query(
    `INSERT INTO sessions (program_id, module_id, title, start_at, end_at, time_zone, format, join_url, capacity, target_region_ids)
     SELECT $1, ($2::uuid[])[1 + g % 4], jsonb_build_object('en', 'Session ' || g, 'ru', 'Сессия ' || g),
            timestamptz '2024-06-15 04:00Z' + (g * interval '72 minutes'),
            timestamptz '2024-06-15 08:00Z' + (g * interval '72 minutes'),
            'Asia/Almaty', 'online', 'https://meet.example/' || g, 200,
            ARRAY[($3::int[])[1 + g % 20], ($3::int[])[1 + (g * 7) % 20]]
       FROM generate_series(1, $4::int) g`,
    [program, modules, regions, SESSIONS],
  );
  await c.query(
    `INSERT INTO session_speakers (session_id, speaker_id, position)
     SELECT s.id, sp.id, sp.rn FROM (SELECT id, row_number() OVER (ORDER BY start_at) AS n FROM sessions) s
       JOIN (SELECT id, row_number() OVER (ORDER BY full_name) AS rn FROM speakers) sp
         ON sp.rn IN (1 + s.n % 100, 1 + (s.n * 3 + 1) % 100) `,
  );
  await c.end();
  return user;
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'api-server.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        port,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

const fmt = (r: LoadResult) =>
  `${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms`;

async function main(): Promise<void> {
  console.log(
    `bench:api on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(
    `${SESSIONS} sessions, 20 regions, page of 50 with speakers; ${CONNECTIONS} connections, ${SECONDS} s per target, ${ROUNDS} rounds`,
  );
  const db = await createBenchDatabase();
  const secret = randomBytes(32).toString('hex');
  try {
    const userId = await seed(db.url);
    const token = await new JwtService({ secret }).signAsync(
      { sub: userId, roles: ['organizer'], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' },
      { issuer: 'qatys', expiresIn: 3600 },
    );
    const server = await startServer({
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_PREFIX: `qatys-bench-${randomBytes(3).toString('hex')}`,
      JWT_SECRET: secret,
      BENCH_TOKEN: token,
      DB_POOL_SIZE: '10',
      NODE_ENV: 'production',
    });
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${token}` };
    const targets = {
      memory: `${base}/bench/memory`,
      raw_pg: `${base}/bench/raw-pg`,
      ours: `${base}/sessions?pageSize=50&sort=startAt`,
    };
    for (const url of Object.values(targets)) await load(url, headers, 2, CONNECTIONS); // warm-up: JIT, pool, plan cache
    const vsMemory: number[] = [];
    const vsRawPg: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = Object.entries(targets);
      if (round % 2 === 0) order.reverse();
      const results: Record<string, LoadResult> = {};
      for (const [name, url] of order) {
        results[name] = await load(url, headers, SECONDS, CONNECTIONS);
        console.log(`round ${round}  ${name.padEnd(8)} ${fmt(results[name])}   (${url.replace(base, '')})`);
      }
      vsMemory.push(results.ours.requests.average / results.memory.requests.average);
      vsRawPg.push(results.ours.requests.average / results.raw_pg.requests.average);
      console.log(`round ${round}  list_vs_rawpg ${vsRawPg.at(-1)!.toFixed(3)}`);
    }
    await server.stop();
    console.log(`rounds list_vs_rawpg: ${vsRawPg.map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`ratio list_vs_memory = ${median(vsMemory).toFixed(3)}`);
    console.log(`ratio list_vs_rawpg = ${median(vsRawPg).toFixed(3)}`);
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
