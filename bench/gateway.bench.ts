/**
 * npm run bench:gateway — our gateway vs a bare Socket.IO server in the same run: BENCH_CLIENTS
 * (default 10,000) clients from 20 regions join one session, then BENCH_QUESTIONS question
 * broadcasts reach all of them. Each server and the load generator run in their own process with
 * a raised file-descriptor limit. Prints join rate, heap per connection, broadcast p50/p99 and
 * whether our live counts (Redis) and interval log (Postgres) were exact, then the ratios.
 * BENCH_ROUNDS (default 5) rounds of both, each ratio the median of the rounds' ratios.
 */
import { randomBytes } from 'crypto';
import { writeFileSync, unlinkSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { AttendanceUpdate } from '@qatys/contracts';
import { signJoinToken } from '@qatys/domain';
import { createBenchDatabase } from './support/bench-db';
import { BenchChild } from './support/child-process';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const REGIONS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

interface Seeded {
  sessionId: string;
  sessionEndAt: Date;
  organizerId: string;
  attendees: { userId: string; registrationId: string }[];
  regions: number[];
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
  const program = (
    await c.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{"en":"Webinar series"}', 'Asia/Almaty', 'ru', 'published') RETURNING id`,
      [org],
    )
  ).rows[0].id;
  const session = (
    await c.query(
      `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, format, join_url)
       VALUES ($1, '{"en":"Live bench"}', now() - interval '5 minutes', now() + interval '3 hours',
               'Asia/Almaty', 'online', 'https://meet.example/bench') RETURNING id, end_at`,
      [program],
    )
  ).rows[0];
  // Questions go straight to the audience (no pre-moderation), so each ask is a broadcast to all.
  await c.query(`INSERT INTO session_live_settings (session_id, qa_premoderation) VALUES ($1, false)`, [
    session.id,
  ]);
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, home_region_id)
     SELECT 'a' || g || '@bench.qatys', 'Attendee ' || g, 'unused', ($1::int[])[1 + g % $2]
       FROM generate_series(0, $3::int - 1) g`,
    [regions, REGIONS, CLIENTS],
  );
  const attendees = (
    await c.query<{ userId: string; registrationId: string }>(
      `INSERT INTO registrations (user_id, session_id, status, region_id, source)
       SELECT id, $1, 'registered', home_region_id, 'organizer' FROM users WHERE email LIKE 'a%@bench.qatys'
       RETURNING user_id AS "userId", id AS "registrationId"`,
      [session.id],
    )
  ).rows;
  await c.query(
    `INSERT INTO roster_entries (scope_type, scope_id, region_id, expected)
     SELECT 'session', $1, r, count(*) FROM registrations x JOIN unnest($2::int[]) r ON r = x.region_id
      WHERE x.session_id = $1 GROUP BY r`,
    [session.id, regions],
  );
  // As a database in service is: the bulk load analyzed. Otherwise autovacuum's first ANALYZE of
  // these fresh tables lands at a random moment, in one target's run and not the other's, and
  // changes the plans of the join queries mid-measurement.
  await c.query('VACUUM ANALYZE users, registrations, roster_entries, sessions, session_live_settings');
  // And the seeding's writes flushed now, not by the checkpointer in the middle of a measurement
  // (it was landing in the first target's run). Needs a superuser; without one, it is skipped.
  await c.query('CHECKPOINT').catch(() => undefined);
  await c.end();
  return { sessionId: session.id, sessionEndAt: session.end_at, organizerId, attendees, regions };
}

interface Run {
  join: {
    joined: number;
    failed: number;
    firstError: string | null;
    seconds: number;
    joinsPerSecond: number;
    meanConnectMs: number;
    meanJoinMs: number;
  };
  heapPerConn: number;
  broadcast: { samples: number; missing: number; p50: number; p99: number; max: number };
}

async function runTarget(
  name: string,
  server: BenchChild,
  tokensFile: string,
  sessionId: string,
  during?: { ready(port: number): Promise<void>; afterJoin(): Promise<void>; afterLeave(): Promise<void> },
): Promise<Run> {
  const { port } = await server.next<{ port: number }>();
  // Before the staff watcher joins: its join reads the session's roster into memory, and that
  // grows with the audience, so it belongs in the heap per connection.
  const before = await server.ask<{ heapUsed: number }>({ cmd: 'heap' });
  await during?.ready(port);
  const load = BenchChild.start(
    join(__dirname, 'support/gateway-load.js'),
    {
      ...process.env,
      LOAD_URL: `http://127.0.0.1:${port}`,
      LOAD_TOKENS_FILE: tokensFile,
      LOAD_SESSION_ID: sessionId,
      LOAD_CONCURRENCY: String(CONCURRENCY),
    },
    ['--max-old-space-size=8192'],
  );
  try {
    await load.next();
    const joinResult = await load.ask<Run['join']>({ cmd: 'connect' });
    if (joinResult.failed)
      console.log(`${name}: ${joinResult.failed} joins failed, first: ${joinResult.firstError}`);
    const after = await server.ask<{ heapUsed: number }>({ cmd: 'heap' });
    await during?.afterJoin();
    const broadcast = await load.ask<Run['broadcast']>({
      cmd: 'broadcast',
      count: QUESTIONS,
      spacingMs: 1000,
    });
    await load.ask({ cmd: 'disconnect' });
    await during?.afterLeave();
    return {
      join: joinResult,
      heapPerConn: (after.heapUsed - before.heapUsed) / Math.max(1, joinResult.joined),
      broadcast,
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}

/** A staff socket watching our attendance:update while the load runs. */
function watchAttendance(token: string, sessionId: string) {
  let latest: AttendanceUpdate | null = null;
  const waiters: { test: (u: AttendanceUpdate) => boolean; resolve: (u: AttendanceUpdate) => void }[] = [];
  let socket: ReturnType<typeof io> | undefined;
  return {
    async start(port: number) {
      socket = io(`http://127.0.0.1:${port}/live`, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket!.once('connect', () => resolve());
        socket!.once('connect_error', reject);
      });
      socket.on('attendance:update', (u: AttendanceUpdate) => {
        latest = u;
        for (let i = waiters.length - 1; i >= 0; i--) {
          if (waiters[i].test(u)) waiters.splice(i, 1)[0].resolve(u);
        }
      });
      const res = await socket.emitWithAck('session:join', { sessionId });
      if (!res.ok) throw new Error(`staff join: ${JSON.stringify(res)}`);
    },
    until(test: (u: AttendanceUpdate) => boolean, ms = 60_000): Promise<AttendanceUpdate | null> {
      if (latest && test(latest)) return Promise.resolve(latest);
      return Promise.race([
        new Promise<AttendanceUpdate>((resolve) => waiters.push({ test, resolve })),
        new Promise<null>((r) => setTimeout(() => r(null), ms)),
      ]);
    },
    get latest() {
      return latest;
    },
    stop() {
      socket?.disconnect();
    },
  };
}

async function dropRedisPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  await r.quit();
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function line(name: string, round: number, r: Run): string {
  return `${name} #${round}  join ${f0(r.join.joinsPerSecond).padStart(6)}/s (${r.join.joined} in ${f1(r.join.seconds)} s)   heap/conn ${f0(r.heapPerConn).padStart(6)} B   broadcast p50 ${f0(r.broadcast.p50)} ms p99 ${f0(r.broadcast.p99)} ms (${r.broadcast.samples} deliveries, ${r.broadcast.missing} missing; per client: handshake ${f0(r.join.meanConnectMs)} ms, join ${f0(r.join.meanJoinMs)} ms)`;
}

async function main(): Promise<void> {
  console.log(
    `bench:gateway on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(
    `${CLIENTS} clients in one session across ${REGIONS} regions, ${CONCURRENCY} joining at a time; ${QUESTIONS} question broadcasts, 1 s apart; ${ROUNDS} round(s) of bare and ours, alternating which goes first`,
  );
  const db = await createBenchDatabase();
  const secret = randomBytes(32).toString('hex');
  const prefixes: string[] = [];
  const tokensFile = join(tmpdir(), `qatys-bench-tokens-${process.pid}.json`);
  try {
    const world = await seed(db.url);
    const tokens = world.attendees.map(
      (a) =>
        signJoinToken(secret, {
          userId: a.userId,
          registrationId: a.registrationId,
          sessionId: world.sessionId,
          sessionEndAt: world.sessionEndAt,
        }).token,
    );
    writeFileSync(tokensFile, JSON.stringify(tokens));
    const gcArgs = ['--expose-gc'];
    // Diagnostics, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (both servers).
    const serverArgs = [...gcArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    const organizerToken = new JwtService({ secret }).sign(
      { sub: world.organizerId, roles: ['organizer'], rgn: [], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' },
      { issuer: 'qatys', expiresIn: 3600 },
    );
    const perRegion = CLIENTS / REGIONS;

    const runBare = () =>
      runTarget(
        'bare',
        BenchChild.start(join(__dirname, 'support/bare-live-server.js'), process.env, serverArgs),
        tokensFile,
        world.sessionId,
      );

    /** Our gateway, fresh process and fresh Redis prefix: each round counts from zero. */
    const runOurs = async (): Promise<Run & { checks: string[]; exact: boolean }> => {
      const prefix = `qatys-bench-${randomBytes(3).toString('hex')}`;
      prefixes.push(prefix);
      const ours = BenchChild.start(
        join(__dirname, 'gateway-server.js'),
        {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: db.url,
          REDIS_URL,
          REDIS_PREFIX: prefix,
          JWT_SECRET: secret,
          DB_POOL_SIZE: '10',
          GATEWAY_QA_QUESTIONS_PER_WINDOW: '1000',
        },
        serverArgs,
      );
      const c = new Client({ connectionString: db.url });
      await c.connect();
      // This round's intervals only (the session's log keeps the earlier rounds').
      const since: Date = (await c.query('SELECT clock_timestamp() AS t')).rows[0].t;
      const staff = watchAttendance(organizerToken, world.sessionId);
      const checks: string[] = [];
      try {
        const run = await runTarget('ours', ours, tokensFile, world.sessionId, {
          ready: (port) => staff.start(port),
          async afterJoin() {
            const u = await staff.until((x) => x.totals.live === CLIENTS);
            const exact =
              !!u &&
              u.totals.attended === CLIENTS &&
              world.regions.every((r) => {
                const l = u.regions.find((x) => x.regionId === r);
                return l && l.live === perRegion && l.attended === perRegion && l.expected === perRegion;
              });
            checks.push(
              `live after join: ${u ? u.totals.live : staff.latest?.totals.live} -> ${exact ? 'exact' : 'WRONG'}`,
            );
          },
          async afterLeave() {
            const u = await staff.until((x) => x.totals.live === 0);
            let rows = { n: 0, closed: 0 };
            for (let i = 0; i < 100; i++) {
              rows = (
                await c.query(
                  `SELECT count(*)::int AS n, count(left_at)::int AS closed FROM attendance_intervals
                    WHERE session_id = $1 AND joined_at >= $2`,
                  [world.sessionId, since],
                )
              ).rows[0];
              if (rows.n === CLIENTS && rows.closed === CLIENTS) break;
              await new Promise((r) => setTimeout(r, 100));
            }
            checks.push(
              `live after leave: ${u ? u.totals.live : staff.latest?.totals.live} (attended ${u?.totals.attended}, peak ${u?.totals.peak}) -> ${u && u.totals.attended === CLIENTS && u.totals.peak === CLIENTS ? 'exact' : 'WRONG'}`,
            );
            checks.push(
              `intervals in Postgres: ${rows.n} rows, ${rows.closed} closed -> ${rows.n === CLIENTS && rows.closed === CLIENTS ? 'exact' : 'WRONG'}`,
            );
          },
        });
        const exact =
          run.join.joined === CLIENTS &&
          run.broadcast.missing === 0 &&
          checks.length === 3 &&
          checks.every((x) => x.endsWith('exact'));
        return { ...run, checks, exact };
      } finally {
        staff.stop();
        await c.end();
      }
    };

    // Rounds alternate which target goes first, and each ratio is taken within a round: the two
    // runs of a round are a minute apart, while this machine's speed drifts from minute to minute
    // (the bare baseline alone moved between 1,330 and 2,350 joins/s across single runs).
    const rounds: { bare: Run; ours: Run; exact: boolean }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let bare: Run | undefined;
      let ours: (Run & { checks: string[]; exact: boolean }) | undefined;
      for (const target of round % 2 ? ['bare', 'ours'] : ['ours', 'bare']) {
        if (target === 'bare') {
          bare = await runBare();
          console.log(line('bare', round, bare));
        } else {
          ours = await runOurs();
          console.log(line('ours', round, ours));
          for (const c of ours.checks) console.log(`ours #${round}  ${c}`);
        }
      }
      rounds.push({ bare: bare!, ours: ours!, exact: ours!.exact });
      const r = rounds[rounds.length - 1];
      console.log(
        `round ${round}: join ${f3(r.ours.join.joinsPerSecond / r.bare.join.joinsPerSecond)}, heap ${f3(r.ours.heapPerConn / r.bare.heapPerConn)}, broadcast p99 ${f3(r.ours.broadcast.p99 / r.bare.broadcast.p99)}`,
      );
    }
    const ratio = (f: (r: Run) => number) => median(rounds.map((r) => f(r.ours) / f(r.bare)));
    if (ROUNDS > 1) console.log(`ratios below: the median of the ${ROUNDS} rounds' ratios`);
    console.log(`ratio join_vs_bare = ${f3(ratio((r) => r.join.joinsPerSecond))}`);
    console.log(`ratio heap_per_conn_vs_bare = ${f3(ratio((r) => r.heapPerConn))}`);
    console.log(`ratio broadcast_p99_vs_bare = ${f3(ratio((r) => r.broadcast.p99))}`);
    console.log(`counts_exact = ${rounds.every((r) => r.exact) ? 'yes' : 'no'}`);
  } finally {
    try {
      unlinkSync(tokensFile);
    } catch {
      /* not written */
    }
    for (const prefix of prefixes) await dropRedisPrefix(prefix).catch(() => undefined);
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
