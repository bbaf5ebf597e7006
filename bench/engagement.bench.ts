/**
 * npm run bench:engagement — one poll answered by BENCH_CLIENTS (default 10,000) clients from 20
 * regions across TWO gateway processes, every client once, spread over BENCH_SPREAD_MS (default
 * 8,000: all within 10 s): our gateway (validation, rights from the join, the poll's status and one
 * answer per person checked and the answer queued by one Redis script, acknowledged then; the
 * gateways move the queue to Postgres in batches, tallies per region coalesced to the staff) against
 * a bare Socket.IO server pair with the same Redis adapter that only acks and increments a Redis
 * hash, in the same run. Prints the vote ack p50/p99 of each, ours's time from each vote to the
 * staff tally that includes it (p99, and for the last vote), whether every answer was counted
 * exactly once (per option, per region, in Postgres; repeats refused), then the ratio.
 * BENCH_ROUNDS (default 5) rounds, alternating which goes first; the ratio is the median of the
 * rounds' ratios. Diagnostics: BENCH_SERVER_NODE_ARGS (every server), BENCH_LOAD_NODE_ARGS (the
 * load generator), LOAD_DUMP (every ack, see support/engagement-load.ts).
 */
import { randomBytes } from 'crypto';
import { unlinkSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { PollResults } from '@qatys/contracts';
import { signJoinToken } from '@qatys/domain';
import { createBenchDatabase } from './support/bench-db';
import { cpuSeconds, cpuSpent } from './support/cpu';
import { BenchChild } from './support/child-process';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 8_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const REPEATS = Math.min(CLIENTS, 100);
const OPTIONS = 4;
const REGIONS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

interface Seeded {
  sessionId: string;
  sessionEndAt: Date;
  moderatorId: string;
  attendees: { userId: string; registrationId: string; regionId: number }[];
  regions: number[];
}

async function seed(c: Client): Promise<Seeded> {
  const regions = (
    await c.query<{ id: number }>('SELECT id FROM regions ORDER BY id LIMIT $1', [REGIONS])
  ).rows.map((r) => r.id);
  const org = (await c.query(`INSERT INTO organizations (name) VALUES ('Bench Academy') RETURNING id`))
    .rows[0].id;
  const moderatorId = (
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('moderator@bench.qatys', 'Moderator', 'unused', '{moderator}') RETURNING id`,
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
  await c.query(
    `INSERT INTO users (email, display_name, password_hash, home_region_id)
     SELECT 'a' || g || '@bench.qatys', 'Attendee ' || g, 'unused', ($1::int[])[1 + g % $2]
       FROM generate_series(0, $3::int - 1) g`,
    [regions, REGIONS, CLIENTS],
  );
  const attendees = (
    await c.query<{ userId: string; registrationId: string; regionId: number }>(
      `INSERT INTO registrations (user_id, session_id, status, region_id, source)
       SELECT id, $1, 'registered', home_region_id, 'organizer' FROM users WHERE email LIKE 'a%@bench.qatys'
       RETURNING user_id AS "userId", id AS "registrationId", region_id AS "regionId"`,
      [session.id],
    )
  ).rows;
  // As in bench:gateway: statistics and the seeding's writes settled before anything is measured.
  await c.query('VACUUM ANALYZE users, registrations, sessions');
  await c.query('CHECKPOINT').catch(() => undefined);
  return { sessionId: session.id, sessionEndAt: session.end_at, moderatorId, attendees, regions };
}

interface Votes {
  acked: number;
  failed: number;
  firstError: string | null;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  ackTimes: number[];
}

interface Run {
  joined: number;
  joinSeconds: number;
  votes: Votes;
  checks: string[];
  exact: boolean;
  /** Ours: from each vote's ack to the first staff tally that counts it. */
  resultsP99?: number;
  resultsLast?: number;
  /** CPU seconds each process used during the answers. */
  cpu: string;
}

async function withLoad(
  urls: string[],
  tokensFile: string,
  sessionId: string,
  work: (load: BenchChild) => Promise<Run>,
): Promise<Run> {
  const load = BenchChild.start(
    join(__dirname, 'support/engagement-load.js'),
    {
      ...process.env,
      LOAD_URLS: urls.join(','),
      LOAD_TOKENS_FILE: tokensFile,
      LOAD_SESSION_ID: sessionId,
      LOAD_CONCURRENCY: String(CONCURRENCY),
    },
    ['--max-old-space-size=8192', ...(process.env.BENCH_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean)],
  );
  try {
    await load.next();
    return await work(load);
  } finally {
    await load.ask({ cmd: 'disconnect' }).catch(() => undefined);
    await load.stop();
  }
}

async function connect(load: BenchChild): Promise<{ joined: number; seconds: number }> {
  const r = await load.ask<{ joined: number; failed: number; firstError: string | null; seconds: number }>({
    cmd: 'connect',
  });
  if (r.failed) console.log(`  ${r.failed} joins failed, first: ${r.firstError}`);
  return r;
}

/** Every client answers once; with the CPU seconds each process used meanwhile (servers, load, stores). */
async function vote(
  load: BenchChild,
  pollId: string,
  servers: (number | undefined)[],
): Promise<{ votes: Votes; cpu: string }> {
  const named = [
    ...servers.map((pid, i) => ({ name: `server-${i + 1}`, pid })),
    { name: 'load', pid: load.pid },
  ];
  // The bench's own garbage (10,000 signed tokens, the seed) is collected now, not by V8's
  // concurrent marking during the answers: it took 0.2-0.4 CPU s of the shared 2 cores in the first
  // window after it, which was always ours's first round.
  collectGarbage();
  const before = cpuSeconds(named);
  const votes = await load.ask<Votes>({ cmd: 'answer', pollId, options: OPTIONS, spreadMs: SPREAD_MS });
  return { votes, cpu: cpuSpent(before, cpuSeconds(named)) };
}

/** A full collection in this process (gc() made callable without a flag on the command line). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function startPair(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ urls: string[]; pids: (number | undefined)[]; stop(): Promise<void> }> {
  // Diagnostics, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (every server).
  const args = ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const children = [0, 1].map(() => BenchChild.start(script, env, args));
  const ports = await Promise.all(children.map((c) => c.next<{ port: number }>()));
  return {
    urls: ports.map((p) => `http://127.0.0.1:${p.port}`),
    pids: children.map((c) => c.pid),
    stop: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}

async function runBare(round: number, world: Seeded, tokensFile: string, redis: Redis): Promise<Run> {
  const prefix = `qatys-bench-bare-${randomBytes(3).toString('hex')}`;
  const pair = await startPair(join(__dirname, 'support/bare-engagement-server.js'), {
    ...process.env,
    BARE_REDIS_URL: REDIS_URL,
    BARE_PREFIX: prefix,
  });
  try {
    return await withLoad(pair.urls, tokensFile, world.sessionId, async (load) => {
      const j = await connect(load);
      const pollId = `p${round}`;
      const { votes, cpu } = await vote(load, pollId, pair.pids);
      const counted = Object.values(await redis.hgetall(`${prefix}:poll:${pollId}`)).reduce(
        (s, n) => s + Number(n),
        0,
      );
      const exact = votes.acked === CLIENTS && counted === CLIENTS;
      return {
        joined: j.joined,
        joinSeconds: j.seconds,
        votes,
        checks: [`hash total ${counted} -> ${exact ? 'exact' : 'WRONG'}`],
        exact,
        cpu,
      };
    });
  } finally {
    await pair.stop();
    await dropPrefix(redis, prefix);
  }
}

/** The staff's screen: a moderator socket on the first process, keeping every tally with its arrival time. */
async function watchResults(url: string, token: string, sessionId: string) {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const seen: { at: number; r: PollResults }[] = [];
  socket.on('poll:results', (r: PollResults) =>
    seen.push({ at: performance.timeOrigin + performance.now(), r }),
  );
  const res = await socket.emitWithAck('session:join', { sessionId });
  if (!res.ok) throw new Error(`staff join: ${JSON.stringify(res)}`);
  return {
    seen,
    async final(pollId: string, total: number, ms = 30_000): Promise<PollResults | null> {
      const until = Date.now() + ms;
      for (;;) {
        const hit = seen.find((x) => x.r.pollId === pollId && x.r.total >= total);
        if (hit) return hit.r;
        if (Date.now() > until) return null;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => socket.disconnect(),
  };
}

async function runOurs(
  world: Seeded,
  tokensFile: string,
  c: Client,
  dbUrl: string,
  secret: string,
  moderatorToken: string,
  redis: Redis,
): Promise<Run> {
  const prefix = `qatys-bench-${randomBytes(3).toString('hex')}`;
  const pollId = (
    await c.query(
      `INSERT INTO polls (session_id, kind, question, options, status, opened_at)
       VALUES ($1, 'single', '{"ru":"Готовы?"}', $2::jsonb, 'open', now()) RETURNING id`,
      [
        world.sessionId,
        JSON.stringify(Array.from({ length: OPTIONS }, (_, i) => ({ ru: `Вариант ${i + 1}` }))),
      ],
    )
  ).rows[0].id as string;
  const pair = await startPair(join(__dirname, 'gateway-server.js'), {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: secret,
    DB_POOL_SIZE: '10',
  });
  const staff = await watchResults(pair.urls[0], moderatorToken, world.sessionId);
  try {
    return await withLoad(pair.urls, tokensFile, world.sessionId, async (load) => {
      const j = await connect(load);
      const { votes, cpu } = await vote(load, pollId, pair.pids);
      const final = await staff.final(pollId, CLIENTS);
      const repeats = await load.ask<{ codes: Record<string, number> }>({
        cmd: 'repeat',
        pollId,
        count: REPEATS,
      });
      const rows = (
        await c.query(
          `SELECT region_id, choices[1] AS k, count(*)::int AS n FROM poll_answers WHERE poll_id = $1 GROUP BY 1, 2`,
          [pollId],
        )
      ).rows as { region_id: number; k: number; n: number }[];
      // What was sent: client i (a token of attendees[i]) chose option i % OPTIONS.
      const expected = new Map<string, number>();
      world.attendees.forEach((a, i) => {
        const key = `${a.regionId}|${i % OPTIONS}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      });
      const stored = rows.reduce((s, r) => s + r.n, 0);
      const pgExact = stored === CLIENTS && rows.every((r) => expected.get(`${r.region_id}|${r.k}`) === r.n);
      const tallyExact =
        !!final &&
        final.total === CLIENTS &&
        world.regions.every((region) => {
          const line = final.regions.find((x) => x.regionId === region);
          return line?.counts.every((n, k) => n === (expected.get(`${region}|${k}`) ?? 0));
        });
      const refused = repeats.codes.already_answered === REPEATS;
      const checks = [
        `acked ${votes.acked} of ${CLIENTS} -> ${votes.acked === CLIENTS ? 'exact' : 'WRONG'}`,
        `staff tally ${final?.total ?? 'none'} per option and region -> ${tallyExact ? 'exact' : 'WRONG'}`,
        `Postgres ${stored} answers per option and region -> ${pgExact ? 'exact' : 'WRONG'}`,
        `${REPEATS} second answers ${JSON.stringify(repeats.codes)} -> ${refused ? 'exact' : 'WRONG'}`,
      ];
      // Each vote (in ack order) against the first staff tally that counts it.
      const tallies = staff.seen.filter((x) => x.r.pollId === pollId);
      const lags: number[] = [];
      let t = 0;
      votes.ackTimes.forEach((ackAt, i) => {
        while (t < tallies.length && tallies[t].r.total < i + 1) t++;
        if (t < tallies.length) lags.push(Math.max(0, tallies[t].at - ackAt));
      });
      const sorted = [...lags].sort((a, b) => a - b);
      return {
        joined: j.joined,
        joinSeconds: j.seconds,
        votes,
        checks,
        exact: checks.every((x) => x.endsWith('exact')) && lags.length === votes.acked,
        resultsP99: sorted.length
          ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]
          : NaN,
        resultsLast: lags[lags.length - 1],
        cpu,
      };
    });
  } finally {
    staff.stop();
    await pair.stop();
    await dropPrefix(redis, prefix);
  }
}

async function dropPrefix(r: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
}

const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(0));
const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function line(name: string, round: number, r: Run): string {
  const results =
    r.resultsP99 === undefined
      ? ''
      : `   results to staff p99 ${f0(r.resultsP99)} ms, last vote ${f0(r.resultsLast)} ms`;
  return `${name} #${round}  votes ${r.votes.acked} in ${f1(r.votes.seconds)} s   ack p50 ${f1(r.votes.p50)} ms p99 ${f1(r.votes.p99)} ms max ${f0(r.votes.max)} ms${results}   (joined ${r.joined} in ${f1(r.joinSeconds)} s)`;
}

async function main(): Promise<void> {
  console.log(
    `bench:engagement on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(
    `${CLIENTS} clients across ${REGIONS} regions and 2 server processes answer one poll once each, spread over ${SPREAD_MS} ms; ${ROUNDS} round(s) of bare and ours, alternating which goes first`,
  );
  const db = await createBenchDatabase();
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const redis = new Redis(REDIS_URL);
  const secret = randomBytes(32).toString('hex');
  const tokensFile = join(tmpdir(), `qatys-bench-engagement-tokens-${process.pid}.json`);
  try {
    const world = await seed(c);
    writeFileSync(
      tokensFile,
      JSON.stringify(
        world.attendees.map(
          (a) =>
            signJoinToken(secret, {
              userId: a.userId,
              registrationId: a.registrationId,
              sessionId: world.sessionId,
              sessionEndAt: world.sessionEndAt,
            }).token,
        ),
      ),
    );
    const moderatorToken = new JwtService({ secret }).sign(
      { sub: world.moderatorId, roles: ['moderator'], rgn: [], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' },
      { issuer: 'qatys', expiresIn: 3600 },
    );
    const rounds: { bare: Run; ours: Run }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let bare: Run | undefined;
      let ours: Run | undefined;
      for (const target of round % 2 ? ['bare', 'ours'] : ['ours', 'bare']) {
        if (target === 'bare') {
          bare = await runBare(round, world, tokensFile, redis);
          console.log(line('bare', round, bare));
          console.log(`bare #${round}  cpu seconds during the answers: ${bare.cpu}`);
          for (const x of bare.checks) console.log(`bare #${round}  ${x}`);
        } else {
          ours = await runOurs(world, tokensFile, c, db.url, secret, moderatorToken, redis);
          console.log(line('ours', round, ours));
          console.log(`ours #${round}  cpu seconds during the answers: ${ours.cpu}`);
          for (const x of ours.checks) console.log(`ours #${round}  ${x}`);
        }
      }
      rounds.push({ bare: bare!, ours: ours! });
      console.log(`round ${round}: vote ack p99 ${f3(ours!.votes.p99 / bare!.votes.p99)}`);
    }
    if (ROUNDS > 1) console.log(`ratio below: the median of the ${ROUNDS} rounds' ratios`);
    console.log(
      `ratio vote_ack_p99_vs_bare = ${f3(median(rounds.map((r) => r.ours.votes.p99 / r.bare.votes.p99)))}`,
    );
    console.log(
      `results_update_p99_ms = ${f0(Math.max(...rounds.map((r) => r.ours.resultsP99 ?? NaN)))} (the worst round's)`,
    );
    console.log(
      `results_update_last_vote_ms = ${f0(Math.max(...rounds.map((r) => r.ours.resultsLast ?? NaN)))}`,
    );
    console.log(`counts_exact = ${rounds.every((r) => r.ours.exact && r.bare.exact) ? 'yes' : 'no'}`);
  } finally {
    try {
      unlinkSync(tokensFile);
    } catch {
      /* not written */
    }
    await c.end();
    redis.disconnect();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
