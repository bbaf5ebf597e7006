import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';
import type { AttendanceUpdate } from '@qatys/contracts';
import {
  attendanceWhere,
  collect,
  emit,
  eventually,
  FAST,
  LiveHarness,
  lineOf,
  okData,
  RunningGateway,
} from './live-harness';

const ROOT = join(__dirname, '../..');

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

/** The real gateway entry point as its own process (so it can be SIGKILLed). */
async function spawnGateway(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/lib/ts-register.js'), join(ROOT, 'apps/gateway/src/main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`gateway child exited: ${stderr}`);
      const res = await fetch(`${url}/health`);
      if (res.status !== 200) throw new Error(`health ${res.status}`);
    },
    { timeoutMs: 45_000, everyMs: 200 },
  );
  return { child, url };
}

describe('gateway: presence across tabs and processes (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    h = await LiveHarness.start();
    [a, b] = await Promise.all([h.startGateway(), h.startGateway()]);
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  async function staffOn(gw: RunningGateway, sessionId: string) {
    const organizer = await h.user({ roles: ['organizer'] });
    const s = await h.connect(gw.url, organizer.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }

  it('counts a person with two tabs once, until their last tab leaves', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar] });
    const u = await h.user({ homeRegionId: pavlodar });
    await h.register(session.id, [u]);
    const staff = await staffOn(a, session.id);

    const tab1 = await h.connect(a.url, u.token);
    const tab2 = await h.connect(b.url, u.token);
    const both = attendanceWhere(staff, (x) => x.totals.live === 1);
    await okData(tab1, 'session:join', { sessionId: session.id });
    await okData(tab2, 'session:join', { sessionId: session.id });
    const one = await both;
    expect(lineOf(one, pavlodar)).toMatchObject({ live: 1, peak: 1, attended: 1, registered: 1 });

    const afterFirstLeave = Date.now();
    await okData(tab1, 'session:leave', { sessionId: session.id });
    const still = await attendanceWhere(staff, (x) => new Date(x.at).getTime() > afterFirstLeave);
    expect(still.totals).toMatchObject({ live: 1, peak: 1, attended: 1 });

    tab2.disconnect();
    const gone = await attendanceWhere(staff, (x) => x.totals.live === 0);
    expect(lineOf(gone, pavlodar)).toMatchObject({ live: 0, peak: 1, attended: 1 });

    // Two connections, two intervals (reports merge them); both closed, each with its reason.
    const rows = await eventually(async () => {
      const r: { left_reason: string | null }[] = await h.ds.query(
        `SELECT left_reason FROM attendance_intervals WHERE session_id = $1 ORDER BY left_reason`,
        [session.id],
      );
      if (r.length !== 2 || r.some((x) => !x.left_reason)) throw new Error(JSON.stringify(r));
      return r;
    });
    expect(rows.map((r) => r.left_reason)).toEqual(['disconnected', 'left']);
  });

  it('gives the same numbers on two gateway processes, sent once per tick (no duplicates)', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    await h.roster('session', session.id, { [pavlodar]: 6, [kostanay]: 3 });
    const ps = await h.users(4, { homeRegionId: pavlodar });
    const ks = await h.users(2, { homeRegionId: kostanay });
    await h.register(session.id, [...ps, ...ks]);
    const staffA = await staffOn(a, session.id);
    const staffB = await staffOn(b, session.id);
    const onA = collect<AttendanceUpdate>(staffA, 'attendance:update');
    const onB = collect<AttendanceUpdate>(staffB, 'attendance:update');
    const doneA = attendanceWhere(staffA, (x) => x.totals.live === 6);
    const doneB = attendanceWhere(staffB, (x) => x.totals.live === 6);

    // ps[0] has a tab on each process; everyone else is spread over both.
    const plan: [(typeof ps)[0], RunningGateway][] = [
      [ps[0], a],
      [ps[0], b],
      [ps[1], a],
      [ps[2], b],
      [ps[3], a],
      [ks[0], b],
      [ks[1], a],
    ];
    await Promise.all(
      plan.map(async ([u, gw]) =>
        okData(await h.connect(gw.url, u.token), 'session:join', { sessionId: session.id }),
      ),
    );
    const [lastA, lastB] = await Promise.all([doneA, doneB]);
    expect(lastA).toEqual(lastB);
    expect(lineOf(lastA, pavlodar)).toEqual({
      regionId: pavlodar,
      live: 4,
      peak: 4,
      joined: 4,
      attended: 4,
      expected: 6,
      registered: 4,
      coveragePercent: 66.7,
    });
    expect(lineOf(lastA, kostanay)).toMatchObject({
      live: 2,
      attended: 2,
      expected: 3,
      coveragePercent: 66.7,
    });
    // Whichever process sent an update, both staff sockets got that one update, once.
    await eventually(() => expect(onA.items.map((x) => x.at)).toEqual(onB.items.map((x) => x.at)));
    onA.stop();
    onB.stop();
    expect(new Set(onA.items.map((x) => x.at)).size).toBe(onA.items.length);
  });

  it('heals within the TTL when a gateway process is SIGKILLed, closing its intervals at its last heartbeat', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar] });
    const people = await h.users(3, { homeRegionId: pavlodar });
    const stayer = await h.user({ homeRegionId: pavlodar });
    await h.register(session.id, [...people, stayer]);
    const staff = await staffOn(a, session.id);
    const { child, url } = await spawnGateway({ ...h.gatewayEnv, LOG_LEVEL: 'warn', ...FAST });
    children.push(child);

    const allIn = attendanceWhere(staff, (x) => x.totals.live === 4);
    await okData(await h.connect(b.url, stayer.token), 'session:join', { sessionId: session.id });
    for (const p of people)
      await okData(await h.connect(url, p.token), 'session:join', { sessionId: session.id });
    await allIn;
    // The child's batch writer has written the open intervals by now or the sweeper will.
    const killedAt = Date.now();
    child.kill('SIGKILL');
    const healed = await attendanceWhere(staff, (x) => x.totals.live === 1);
    expect(lineOf(healed, pavlodar)).toMatchObject({ live: 1, peak: 4, attended: 4 });

    const rows: { user_id: string; left_at: Date | null; left_reason: string | null }[] = await eventually(
      async () => {
        const r = await h.ds.query(
          `SELECT user_id, left_at, left_reason FROM attendance_intervals WHERE session_id = $1 AND user_id = ANY($2)`,
          [session.id, people.map((p) => p.id)],
        );
        if (r.length !== 3 || r.some((x: { left_reason: string | null }) => x.left_reason !== 'crashed')) {
          throw new Error(JSON.stringify(r));
        }
        return r;
      },
    );
    for (const r of rows) expect(r.left_at!.getTime()).toBeLessThanOrEqual(killedAt);
    const [open] = await h.ds.query(
      `SELECT left_at FROM attendance_intervals WHERE session_id = $1 AND user_id = $2`,
      [session.id, stayer.id],
    );
    expect(open.left_at).toBeNull();
  });

  it('takes a cleanly stopped process’s people out of the counts at once', async () => {
    const session = await h.liveSession();
    const people = await h.users(2, { homeRegionId: kostanay });
    await h.register(session.id, people);
    const staff = await staffOn(a, session.id);
    const c = await h.startGateway({ GATEWAY_PRESENCE_TTL_MS: '120000', GATEWAY_HEARTBEAT_MS: '60000' });
    const allIn = attendanceWhere(staff, (x) => x.totals.live === 2);
    for (const p of people)
      await okData(await h.connect(c.url, p.token), 'session:join', { sessionId: session.id });
    await allIn;
    const out = attendanceWhere(staff, (x) => x.totals.live === 0);
    await c.close();
    // Not the 2-minute TTL: the process said goodbye.
    expect((await out).totals).toMatchObject({ live: 0, attended: 2, peak: 2 });
    const reasons = await h.ds.query(
      `SELECT DISTINCT left_reason FROM attendance_intervals WHERE session_id = $1`,
      [session.id],
    );
    expect(reasons).toEqual([{ left_reason: 'shutdown' }]);
  });

  it('a repeated join on the same connection changes nothing', async () => {
    const session = await h.liveSession();
    const u = await h.user({ homeRegionId: pavlodar });
    await h.register(session.id, [u]);
    const staff = await staffOn(a, session.id);
    const s = await h.connect(a.url, u.token);
    const once = attendanceWhere(staff, (x) => x.totals.live === 1);
    await okData(s, 'session:join', { sessionId: session.id });
    await okData(s, 'session:join', { sessionId: session.id });
    expect((await once).totals).toMatchObject({ live: 1, attended: 1 });
    await eventually(async () => {
      const [{ n }] = await h.ds.query(
        `SELECT count(*)::int AS n FROM attendance_intervals WHERE session_id = $1`,
        [session.id],
      );
      if (n !== 1) throw new Error(`intervals: ${n}`);
    });
    expect(await emit(s, 'session:leave', { sessionId: session.id })).toEqual({
      ok: true,
      data: { sessionId: session.id },
    });
    expect((await attendanceWhere(staff, (x) => x.totals.live === 0)).totals.attended).toBe(1);
  });
});
