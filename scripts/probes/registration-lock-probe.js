/**
 * Where a registration's time goes, and how long it holds the session row lock: times every
 * statement of RegistrationsService.register (from TypeScript sources, no build), first 20
 * registrations one by one (per-statement round trips), then N-20 with C in flight for one
 * session of CAP seats (throughput, latency, lock held from the granted lock to COMMIT).
 * A scratch database is made, migrated and dropped.
 *
 *   node scripts/probes/registration-lock-probe.js [repo root, default this checkout]
 *   env: PROBE_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), N=400, CAP=300, C=24
 *
 * A probe, not a bench: a figure to explain a bench (BENCHMARKS.md, bench:national phase A).
 */
const { join, resolve } = require('path');
const { performance } = require('perf_hooks');
const root = resolve(process.argv[2] ?? join(__dirname, '../..'));
process.chdir(root);
require(join(root, 'scripts/lib/ts-register.js'));
const pg = require(join(root, 'node_modules/pg'));

const log = []; // one entry per statement: client, text, start, end
const query = pg.Client.prototype.query;
let clients = 0;
pg.Client.prototype.query = function (config, values, cb) {
  if (!this.probeId) this.probeId = ++clients;
  const entry = {
    client: this.probeId,
    text: typeof config === 'string' ? config : config.text,
    t0: performance.now(),
    t1: 0,
  };
  log.push(entry);
  const r = query.call(this, config, values, cb);
  if (r && r.then)
    r.then(
      () => (entry.t1 = performance.now()),
      () => (entry.t1 = performance.now()),
    );
  return r;
};

(async () => {
  const adminUrl = process.env.PROBE_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `qatys_probe_${Date.now().toString(36)}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    const { migrate, dataSourceOptions } = require(join(root, 'libs/persistence/src'));
    await migrate(url);
    const { DataSource } = require(join(root, 'node_modules/typeorm'));
    const { RegistrationsService } = require(join(root, 'libs/domain/src'));
    const ds = new DataSource({
      ...dataSourceOptions({ url, poolSize: 10 }),
      entities: [join(root, 'libs/domain/src/**/*.entity.ts')],
    });
    await ds.initialize();
    const N = Number(process.env.N ?? 400),
      CAP = Number(process.env.CAP ?? 300),
      C = Number(process.env.C ?? 24);
    const [{ id: org }] = await ds.query(`INSERT INTO organizations (name) VALUES ('probe') RETURNING id`);
    const [{ id: prog }] = await ds.query(
      `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status)
       VALUES ($1, '{}', 'Asia/Almaty', 'ru', 'published') RETURNING id`,
      [org],
    );
    const [{ id: sid }] = await ds.query(
      `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, capacity)
       VALUES ($1, '{}', now() + interval '1 day', now() + interval '2 days', 'Asia/Almaty', $2) RETURNING id`,
      [prog, CAP],
    );
    const users = (
      await ds.query(
        `INSERT INTO users (email, display_name) SELECT 'p' || g || '@probe.test', 'p' FROM generate_series(1, $1) g RETURNING id`,
        [N],
      )
    ).map((r) => r.id);
    const svc = new RegistrationsService(ds);
    const actor = (id) => ({ userId: id, roles: ['attendee'], coordinatorRegionIds: [] });

    log.length = 0;
    for (let i = 0; i < 20; i++) await svc.register(actor(users[i]), sid, {});
    const per = new Map();
    for (const e of log) {
      const k = e.text.replace(/\s+/g, ' ').slice(0, 90);
      per.set(k, [...(per.get(k) ?? []), e.t1 - e.t0]);
    }
    console.log(`one by one: ${(log.length / 20).toFixed(1)} statements per registration`);
    for (const [k, a] of per)
      console.log(
        `  ${(a.reduce((s, x) => s + x, 0) / a.length).toFixed(2).padStart(6)} ms x${(a.length / 20).toFixed(1)}  ${k}`,
      );

    log.length = 0;
    let next = 20;
    const lat = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < N) {
          const user = users[next++];
          const s = performance.now();
          await svc.register(actor(user), sid, {});
          lat.push(performance.now() - s);
        }
      }),
    );
    const elapsed = performance.now() - t0;
    // Lock held: a transaction's lock from its FOR UPDATE's answer to its COMMIT's; a one-statement
    // placement (WITH s AS ...) counts the whole statement, its wait for the lock included (an upper bound).
    const holds = [];
    const open = new Map();
    for (const e of log) {
      if (/^WITH s AS/.test(e.text.trim())) holds.push(e.t1 - e.t0);
      else if (/FROM "sessions" "s".*FOR UPDATE/s.test(e.text)) open.set(e.client, e.t1);
      else if (/^(COMMIT|ROLLBACK)/.test(e.text) && open.has(e.client)) {
        holds.push(e.t1 - open.get(e.client));
        open.delete(e.client);
      }
    }
    const p = (a, q) =>
      a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * q) / 100))].toFixed(1);
    const counts = await ds.query(
      `SELECT status, count(*)::int AS n FROM registrations WHERE session_id = $1 GROUP BY 1 ORDER BY 1`,
      [sid],
    );
    const [{ n: seats }] = await ds.query(`SELECT registered_count AS n FROM sessions WHERE id = $1`, [sid]);
    console.log(
      `${N - 20} at ${C} in flight: ${(elapsed / 1000).toFixed(2)} s (${((N - 20) / (elapsed / 1000)).toFixed(0)}/s); ` +
        `latency p50 ${p(lat, 50)} / p99 ${p(lat, 99)} ms; session lock held p50 ${p(holds, 50)} / p99 ${p(holds, 99)} ms; ` +
        `rows ${counts.map((c) => `${c.status} ${c.n}`).join(', ')}; counter ${seats} of ${CAP}`,
    );
    await ds.destroy();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
