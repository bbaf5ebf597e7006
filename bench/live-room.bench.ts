/**
 * bench:live-room — N receivers (werift in Node: ICE, DTLS-SRTP, RTP, no decoding) join one room
 * on one Janus node, against the same receivers subscribing to a bare Janus room on the same
 * node in the same run:
 *   ours: grant from the api (join rights, room made or found, token added to the room's list)
 *         -> enter as a participant (private id) -> subscribe -> first complete keyframe;
 *   bare: subscribe straight to a room with no token list and no private id -> first keyframe.
 * Prints the p95 of join-to-first-frame of ours, its ratio to bare, and what each receiver costs
 * the Janus process in CPU (its utime+stime while every receiver gets the stream, minus the same
 * with the publisher alone), then what one node holds on this machine at that rate.
 * Janus and the receivers run in a network namespace made here; nothing leaves the machine.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiSchema, loadConfig } from '@qatys/config';
import { JanusHttp, RoomPresenceService } from '@qatys/domain';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/api.bootstrap';
import { createProgram, createSession } from '../test/support/factories';
import { JanusNetns, janusUnavailable } from '../test/support/janus-netns';
import { freePort } from '../test/web/support/stack';
import { createBenchDatabase } from './support/bench-db';

const ROOT = join(__dirname, '..');
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 50);
/** Receivers start this far apart: 50 joins in 5 s, a burst well above a join window's pace. */
const STAGGER_MS = Number(process.env.BENCH_STAGGER_MS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/**
 * Rounds of both kinds run first and not counted (BENCH_WARMUP_ROUNDS, 1), as bench:web and
 * bench:gateway warm their servers: the api starts inside this process for the bench, and its
 * first grants otherwise also paid for JIT compilation and the pool's first connections.
 */
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 1);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);
const SECRET = 'bench-secret-that-is-long-enough-0123456789';
const TICK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim() || 100);

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** The whole machine's busy and total jiffies (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

async function cpuPercent(pid: number, ms: number): Promise<number> {
  const [c0, t0] = [cpuSeconds(pid), Date.now()];
  await new Promise((r) => setTimeout(r, ms));
  return ((cpuSeconds(pid) - c0) / ((Date.now() - t0) / 1000)) * 100;
}

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

interface Round {
  mode: 'ours' | 'bare';
  ms: (number | null)[];
  phases: { granted: number; answered: number; connected: number | null; firstRtp: number | null }[];
  baselineCpu: number;
  loadedCpu: number;
  /** CPU of this process (the api, and the TCP relay into the namespace) from the first join to READY + 5 s. */
  apiCpuMs: number;
  /** The machine's CPU busy share over the same span (all cores), and its 1-minute load after it. */
  machineBusyPct: number;
  load1: number;
  /** Janus's event posts the api took over the same span: how many, their events, their time in the api. */
  posts: { n: number; events: number; ms: number };
}

/** Janus's event posts as the api takes them (counted around the service the controller calls). */
const posts = { n: 0, events: 0, ms: 0 };
function countPosts(presence: RoomPresenceService): void {
  const take = presence.janusEvents.bind(presence);
  presence.janusEvents = async (body: unknown) => {
    const t0 = performance.now();
    try {
      return await take(body);
    } finally {
      posts.n++;
      posts.events += Array.isArray(body) ? body.length : 1;
      posts.ms += performance.now() - t0;
    }
  };
}

/** One process of receivers inside the namespace, driven line by line (see receivers.ts). */
function receiverProcess(janus: JanusNetns, cfg: Record<string, unknown>) {
  const child: ChildProcess = spawn(
    'ip',
    [
      'netns',
      'exec',
      janus.name,
      process.execPath,
      '-r',
      join(ROOT, 'scripts/lib/ts-register.js'),
      join(ROOT, 'bench/live-room/receivers.ts'),
      JSON.stringify(cfg),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  return {
    expect: (word: string, timeoutMs: number) =>
      new Promise<string>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`no ${word} from the receivers within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const on = (l: string) => {
          if (l.startsWith('FAILED')) reject(new Error(l));
          if (!l.startsWith(word)) return;
          clearTimeout(t);
          lines.off('line', on);
          resolve(l.slice(word.length).trim());
        };
        lines.on('line', on);
      }),
    send: (line: string) => child.stdin!.write(`${line}\n`),
    kill: () => child.kill('SIGTERM'),
  };
}

/**
 * A round: the publisher and the receivers spread over PROCESSES processes (one event loop per
 * ten receivers, so a receiver's clock is not held up by its siblings' packets), the receivers
 * started STAGGER_MS apart across all of them.
 */
async function round(janus: JanusNetns, janusPid: number, cfg: Record<string, unknown>): Promise<Round> {
  const per = Math.ceil(RECEIVERS / PROCESSES);
  const slice = (k: number) => ({
    ...cfg,
    receivers: Math.max(0, Math.min(per, RECEIVERS - k * per)),
    offset: k * per,
    staggerMs: STAGGER_MS * PROCESSES,
  });
  const first = receiverProcess(janus, slice(0));
  const children = [first];
  try {
    const feed = Number(await first.expect('PUBLISHING', 60_000));
    for (let k = 1; k < PROCESSES; k++) children.push(receiverProcess(janus, { ...slice(k), feed }));
    await Promise.all(children.slice(1).map((c) => c.expect('PUBLISHING', 60_000)));
    await new Promise((r) => setTimeout(r, 1000));
    const baselineCpu = await cpuPercent(janusPid, 3000);
    const api0 = process.cpuUsage();
    const m0 = machineJiffies();
    const posts0 = { ...posts };
    // Interleaved start: process k begins k staggers after process 0.
    for (const [k, c] of children.entries()) setTimeout(() => c.send('go'), k * STAGGER_MS);
    await Promise.all(children.map((c) => c.expect('READY', 120_000)));
    const loadedCpu = await cpuPercent(janusPid, 5000);
    const api = process.cpuUsage(api0);
    const m1 = machineJiffies();
    children.forEach((c) => c.send('stop'));
    const results = await Promise.all(
      children.map(async (c) => JSON.parse(await c.expect('RESULT', 30_000)) as Pick<Round, 'ms' | 'phases'>),
    );
    return {
      mode: cfg.mode as 'ours' | 'bare',
      ms: results.flatMap((r) => r.ms),
      phases: results.flatMap((r) => r.phases),
      baselineCpu,
      loadedCpu,
      apiCpuMs: (api.user + api.system) / 1000,
      machineBusyPct: ((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100,
      load1: loadavg()[0],
      posts: { n: posts.n - posts0.n, events: posts.events - posts0.events, ms: posts.ms - posts0.ms },
    };
  } finally {
    children.forEach((c) => c.kill());
    stopStrays(janus);
  }
}

/** Whatever a round left running inside the namespace besides Janus (an ffmpeg whose parent died). */
function stopStrays(janus: JanusNetns): void {
  const pids = spawnSync('ip', ['netns', 'pids', janus.name]).stdout.toString().trim().split('\n');
  for (const pid of pids.filter(Boolean)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === 'ffmpeg')
        process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

async function main(): Promise<void> {
  const why =
    janusUnavailable() ?? (spawnSync('ffmpeg', ['-version']).error ? 'ffmpeg is not installed' : null);
  if (why) {
    console.log(`bench:live-room skipped: ${why}`);
    return;
  }
  const db = await createBenchDatabase();
  const apiPort = await freePort();
  const janus = await JanusNetns.start({ apiPort, nodeId: 'b1', debugLevel: 2 });
  let api: NestExpressApplication | undefined;
  try {
    const config = loadConfig(apiSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_PREFIX: `qatys-bench-live-${process.pid}`,
      JWT_SECRET: SECRET,
      API_PORT: String(apiPort),
      JANUS_NODES: `b1=${janus.url}`,
      JANUS_ADMIN_KEY: janus.adminKey,
      JANUS_EVENTS_SECRET: janus.eventsSecret,
      VIDEO_DEFAULT_PROVIDER: 'builtin',
      AUTH_REFRESH_IP_RATE: '1000000/1m',
      DB_POOL_SIZE: process.env.BENCH_DB_POOL ?? '10',
    });
    api = await createApiApp(config);
    countPosts(api.get(RoomPresenceService));
    await api.listen(apiPort, '127.0.0.1');
    const apiBase = await janus.relay(apiPort);
    const { sessionId, tokens } = await seed(api.get(DataSource), RECEIVERS);
    const janusPid = janusPidOf(janus);

    const bareRoom = 900000 + Math.floor(Math.random() * 99999);
    await new JanusHttp(janus.url).withVideoRoom((req) =>
      req({
        request: 'create',
        admin_key: janus.adminKey,
        room: bareRoom,
        permanent: false,
        publishers: 6,
        videocodec: 'vp8',
        audiocodec: 'opus',
        bitrate: 1_000_000,
        fir_freq: 10,
      }),
    );

    const rounds: Round[] = [];
    for (let i = -WARMUP_ROUNDS; i < ROUNDS; i++) {
      for (const mode of ['ours', 'bare'] as const) {
        const cfg =
          mode === 'ours'
            ? { mode, janusUrl: janus.url, room: 0, apiBase, sessionId, tokens }
            : { mode, janusUrl: janus.url, room: bareRoom };
        const r = await round(janus, janusPid, cfg);
        if (i < 0) {
          const got = r.ms.filter((x): x is number => x !== null);
          console.log(
            `warm-up ${mode}: ${got.length}/${RECEIVERS} first frames, p95 ${p(got, 0.95).toFixed(0)} ms (not counted)`,
          );
          continue;
        }
        rounds.push(r);
        const got = r.ms.filter((x): x is number => x !== null);
        const med = (f: (x: Round['phases'][number]) => number | null, q = 0.5) =>
          p(
            r.phases.map(f).filter((x): x is number => x !== null),
            q,
          ).toFixed(0);
        console.log(
          `round ${i + 1} ${mode}: ${got.length}/${RECEIVERS} first frames, p50 ${p(got, 0.5).toFixed(0)} ms, p95 ${p(got, 0.95).toFixed(0)} ms; janus cpu ${r.baselineCpu.toFixed(1)}% publisher alone, ${r.loadedCpu.toFixed(1)}% with ${RECEIVERS} receivers; median grant ${med((x) => x.granted)} ms, signalling ${med((x) => x.answered)} ms, connected ${med((x) => x.connected)} ms, first rtp ${med((x) => x.firstRtp)} ms, then the keyframe wait ${p(
            r.ms
              .map((ms, k) =>
                ms !== null && r.phases[k].firstRtp !== null ? ms - r.phases[k].firstRtp! : null,
              )
              .filter((x): x is number => x !== null),
            0.5,
          ).toFixed(
            0,
          )} ms (p95: grant ${med((x) => x.granted, 0.95)}, signalling ${med((x) => x.answered, 0.95)}, first rtp ${med((x) => x.firstRtp, 0.95)} ms); api process cpu ${(r.apiCpuMs / RECEIVERS).toFixed(1)} ms per receiver; janus event posts ${r.posts.n} (${r.posts.events} events, ${r.posts.ms.toFixed(0)} ms in the api); machine ${r.machineBusyPct.toFixed(0)}% busy, load ${r.load1.toFixed(2)}`,
        );
      }
    }
    report(rounds);
  } finally {
    await api?.close();
    await janus.close();
    await db.drop();
  }
}

function janusPidOf(janus: JanusNetns): number {
  const out = spawnSync('ip', ['netns', 'pids', janus.name]).stdout.toString().trim().split('\n');
  for (const pid of out) {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.startsWith('janus')) return Number(pid);
  }
  throw new Error('no janus process in the namespace');
}

function report(rounds: Round[]): void {
  const all = (mode: string) => rounds.filter((r) => r.mode === mode).flatMap((r) => r.ms);
  const ok = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const [ours, bare] = [all('ours'), all('bare')];
  const oursP95 = p(ok(ours), 0.95);
  const bareP95 = p(ok(bare), 0.95);
  const perReceiver = (mode: string) => {
    const rs = rounds.filter((r) => r.mode === mode);
    return rs.reduce((s, r) => s + (r.loadedCpu - r.baselineCpu) / RECEIVERS, 0) / rs.length;
  };
  const cpuEach = (perReceiver('ours') + perReceiver('bare')) / 2;
  const cores = cpus().length;
  console.log('');
  console.log(
    `machine ${cpus()[0]?.model ?? '?'} x${cores}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`receivers_per_round ${RECEIVERS} rounds ${rounds.length} (alternating ours/bare)`);
  console.log(`first_frames ours ${ok(ours).length}/${ours.length} bare ${ok(bare).length}/${bare.length}`);
  console.log(
    `join_to_first_frame_p50_ms ours ${p(ok(ours), 0.5).toFixed(0)} bare ${p(ok(bare), 0.5).toFixed(0)}`,
  );
  console.log(`join_to_first_frame_p95_ms ${oursP95.toFixed(0)} (goal < 1500; bare ${bareP95.toFixed(0)})`);
  console.log(`ratio join_to_first_frame_vs_bare ${(oursP95 / bareP95).toFixed(2)} (p95; goal <= 1.3)`);
  console.log(
    `janus_cpu_per_receiver_pct ours ${perReceiver('ours').toFixed(2)} bare ${perReceiver('bare').toFixed(2)} (of one core)`,
  );
  console.log(
    `one_node_holds ~${Math.floor((cores * 100 * 0.7) / cpuEach)} receivers of this stream on this machine (70% of ${cores} cores at ${cpuEach.toFixed(2)}% each)`,
  );
}

/** A live session, its registered receivers and an organizer (the speaker), with access tokens. */
async function seed(ds: DataSource, n: number): Promise<{ sessionId: string; tokens: string[] }> {
  const program = await createProgram(ds);
  const start = new Date(Date.now() - 5 * 60_000);
  const session = await createSession(ds, program.id, {
    startAt: start,
    endAt: new Date(start.getTime() + 2 * 3600_000),
  });
  const users: { id: string; roles: string[] }[] = await ds.query(
    `INSERT INTO users (email, display_name, password_hash, roles, language)
     SELECT 'bench-live-' || g || '-' || $2 || '@bench.qatys', 'Viewer ' || g, 'unused',
            CASE WHEN g = $1 + 1 THEN ARRAY['organizer'] ELSE ARRAY['attendee'] END, 'ru'
       FROM generate_series(1, $1 + 1) g RETURNING id, roles`,
    [n, process.pid],
  );
  const viewers = users.filter((u) => !u.roles.includes('organizer'));
  await ds.query(
    `INSERT INTO registrations (user_id, session_id, status, source) SELECT u, $2, 'registered', 'organizer' FROM unnest($1::uuid[]) u`,
    [viewers.map((u) => u.id), session.id],
  );
  const jwt = new JwtService({ secret: SECRET });
  const sign = (u: { id: string; roles: string[] }) =>
    jwt.sign(
      { sub: u.id, roles: u.roles, rgn: [], tz: 'Asia/Almaty', lng: 'ru', typ: 'access' },
      { issuer: 'qatys', expiresIn: 3600 },
    );
  const organizer = users.find((u) => u.roles.includes('organizer'))!;
  return { sessionId: session.id, tokens: [...viewers.map(sign), sign(organizer)] };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
