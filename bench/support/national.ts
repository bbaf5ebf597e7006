/**
 * The "national session" driven through the balancer, shared by `npm run bench:national` (full
 * size) and test/operations/cluster.e2e-spec.ts (small): sign-ups and registrations over HTTP
 * with retries (a killed api answers 502 or drops the connection), sockets that reconnect and
 * join again (a killed gateway), and reminders planted as rows (delivered by the workers).
 */
import { randomBytes, randomUUID } from 'crypto';
import { Agent, request as httpRequest } from 'http';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';

export interface NationalPlan {
  regionIds: number[];
  /** Capacity of the registration session; the rest of the sign-ups are waitlisted. */
  capacity: number;
  /** People seeded as registered in the live session (they open sockets). */
  liveAttendees: number;
  /** Reminder rows due at `reminderDueAt`, each for its own registration. */
  reminders: number;
  reminderDueAt: Date;
  /** The reminders' offset before their session (bounds how early a burst may go; default 10). */
  reminderOffsetMinutes?: number;
}

export interface NationalSeed {
  registrationSessionId: string;
  liveSessionId: string;
  liveUsers: { id: string; regionId: number }[];
  reminderSessionId: string;
}

/** Sessions and people as rows: the registration session, a live session, a reminders session. */
export async function seedNational(dbUrl: string, plan: NationalPlan): Promise<NationalSeed> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const org = (
      await c.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [`National ${randomUUID()}`])
    ).rows[0].id;
    const program = (
      await c.query(
        `INSERT INTO programs (organization_id, title, default_time_zone, default_language, status, quiet_hours_start, quiet_hours_end)
         VALUES ($1, '{"ru":"Национальная программа","en":"National program","kk":"Ұлттық бағдарлама"}', 'Asia/Almaty', 'ru', 'published', NULL, NULL)
         RETURNING id`,
        [org],
      )
    ).rows[0].id;
    const session = async (startAt: Date, capacity: number | null, offsets: number[]) =>
      (
        await c.query(
          `INSERT INTO sessions (program_id, title, start_at, end_at, time_zone, format, join_url, capacity, reminder_offsets_minutes)
           VALUES ($1, '{"ru":"Сессия","en":"Session","kk":"Сессия"}', $2, $2::timestamptz + interval '3 hours',
                   'Asia/Almaty', 'online', 'https://meet.example/n', $3, $4::int[]) RETURNING id`,
          [program, startAt, capacity, offsets],
        )
      ).rows[0].id as string;
    // Far enough ahead that its own reminders do not fall due during the run.
    const registrationSessionId = await session(new Date(Date.now() + 3 * 86400_000), plan.capacity, [1440]);
    const liveSessionId = await session(new Date(Date.now() - 5 * 60_000), null, []);
    // Questions reach the audience at once (no pre-moderation): each ask is a broadcast to all.
    await c.query(`INSERT INTO session_live_settings (session_id, qa_premoderation) VALUES ($1, false)`, [
      liveSessionId,
    ]);
    const offset = plan.reminderOffsetMinutes ?? 10;
    const reminderSessionId = await session(new Date(plan.reminderDueAt.getTime() + offset * 60_000), null, [
      offset,
    ]);
    const people = async (n: number, sessionId: string, kind: string) => {
      if (!n) return [] as { id: string; regionId: number }[];
      const tag = randomBytes(4).toString('hex');
      const rows = (
        await c.query(
          `WITH u AS (
             INSERT INTO users (email, display_name, password_hash, language, time_zone, home_region_id)
             SELECT $4 || g || '-' || $3 || '@national.qatys.test', 'Person ' || g, 'unused',
                    (ARRAY['kk','ru','en'])[1 + g % 3], 'Asia/Almaty', ($5::int[])[1 + g % array_length($5::int[], 1)]
               FROM generate_series(1, $2::int) g
             RETURNING id, home_region_id)
           INSERT INTO registrations (user_id, session_id, status, region_id)
           SELECT id, $1, 'registered', home_region_id FROM u
           RETURNING user_id, region_id`,
          [sessionId, n, tag, kind, plan.regionIds],
        )
      ).rows as { user_id: string; region_id: number }[];
      await c.query(`UPDATE sessions SET registered_count = registered_count + $2 WHERE id = $1`, [
        sessionId,
        n,
      ]);
      return rows.map((r) => ({ id: r.user_id, regionId: r.region_id }));
    };
    const liveUsers = await people(plan.liveAttendees, liveSessionId, 'live');
    await people(plan.reminders, reminderSessionId, 'rem');
    await c.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
       SELECT 'reminder', 'reminder-' || r.id || '-' || $3::int || '-v1', r.user_id, r.id, r.session_id, 1, $3::int, $2
         FROM registrations r WHERE r.session_id = $1`,
      [reminderSessionId, plan.reminderDueAt, offset],
    );
    await c.query('ANALYZE');
    return { registrationSessionId, liveSessionId, liveUsers, reminderSessionId };
  } finally {
    await c.end();
  }
}

export const percentile = (values: readonly number[], p: number): number => {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const RETRYABLE = new Set([502, 503, 504]);

/**
 * The crowd's client: plain node:http over kept-alive connections. The load generator shares the
 * machine's two cores with the cluster it measures, and fetch (undici, with an abort signal and
 * its timer per request) spent ~2.7 ms of CPU per person against ~1 ms this way (BENCHMARKS.md,
 * bench:national run 41 on): CPU the service under test never had in production, where the
 * 3,500 clients are phones.
 */
function request(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** POST with retries on what a dying or draining process causes (refused, reset, 502/503/504). */
async function post(
  agent: Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  onRetry: () => void = () => undefined,
): Promise<{ status: number; json: Record<string, unknown>; ms: number }> {
  const payload = JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    try {
      const res = await request(agent, url, payload, headers);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(res.text) as Record<string, unknown>;
      } catch {
        // not JSON (a balancer's error page): the status says enough
      }
      if (!RETRYABLE.has(res.status) || attempt >= 10)
        return { status: res.status, json, ms: performance.now() - t0 };
    } catch (e) {
      if (attempt >= 10) throw e;
    }
    onRetry();
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

export interface CrowdResult {
  /** Registration request latencies (ms), the successful attempt's. */
  latencies: number[];
  /** Sign-up (or sign-in after a 409) latencies (ms), including any retries. */
  signUpLatencies: number[];
  errors: string[];
  retries: number;
  /** email -> registration status the API answered. */
  statuses: Map<string, string>;
  /** email -> access token (signed up or in): a later burst can register them without signing up. */
  tokens: Map<string, string>;
  elapsedMs: number;
}

/**
 * `people` sign up with their home region (POST /auth/register; a 409 after a lost answer: sign
 * in instead) and register for the session (counted in that region), `concurrency` at a time,
 * through `baseUrl`. With `signedIn` (tokens of an earlier crowd), nobody signs up: registrations only.
 * With `arrivalWindowMs`, people arrive on their own clock instead (open loop): person i starts at
 * i x window / n whatever the server's answers, as a real crowd does ("3,500 in a minute"), and
 * `concurrency` is ignored. A closed loop of k clients measures only k / throughput (Little's law).
 */
export async function registerCrowd(
  baseUrl: string,
  sessionId: string,
  people: { email: string; regionId: number }[],
  concurrency: number,
  onProgress?: (done: number) => void,
  signedIn?: Map<string, string>,
  arrivalWindowMs?: number,
): Promise<CrowdResult> {
  // One pool of kept-alive connections per crowd, closed when it is done.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const r: CrowdResult = {
    latencies: [],
    signUpLatencies: [],
    errors: [],
    retries: 0,
    statuses: new Map(),
    tokens: new Map(),
    elapsedMs: 0,
  };
  const password = 'national run password 1';
  const retry = () => r.retries++;
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const signUp = async (p: { email: string; regionId: number }): Promise<string | undefined> => {
    const known = signedIn?.get(p.email);
    if (known) return known;
    const started = performance.now();
    let auth = await post(
      agent,
      `${baseUrl}/auth/register`,
      { email: p.email, password, displayName: 'Participant', language: 'ru', homeRegionId: p.regionId },
      {},
      retry,
    );
    if (auth.status === 409)
      auth = await post(agent, `${baseUrl}/auth/login`, { email: p.email, password }, {}, retry);
    if (auth.status !== 201 && auth.status !== 200)
      return void r.errors.push(`sign-up ${p.email}: ${auth.status} ${JSON.stringify(auth.json)}`);
    r.signUpLatencies.push(performance.now() - started);
    return auth.json.accessToken as string;
  };
  const one = async (p: { email: string; regionId: number }) => {
    const token = await signUp(p);
    if (!token) return;
    r.tokens.set(p.email, token);
    const reg = await post(
      agent,
      `${baseUrl}/sessions/${sessionId}/registrations`,
      {},
      { authorization: `Bearer ${token}` },
      retry,
    );
    if (reg.status !== 201 && reg.status !== 200)
      return void r.errors.push(`register ${p.email}: ${reg.status} ${JSON.stringify(reg.json)}`);
    r.latencies.push(reg.ms);
    r.statuses.set(p.email, String(reg.json.status));
  };
  if (arrivalWindowMs !== undefined) {
    const gap = arrivalWindowMs / Math.max(1, people.length);
    await Promise.all(
      people.map(async (p, i) => {
        const wait = t0 + i * gap - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await one(p).catch((e: Error) => r.errors.push(`${p.email}: ${e.message}`));
        onProgress?.(++done);
      }),
    );
    r.elapsedMs = performance.now() - t0;
    agent.destroy();
    return r;
  }
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < people.length) {
        const p = people[next++];
        await one(p).catch((e: Error) => r.errors.push(`${p.email}: ${e.message}`));
        onProgress?.(++done);
      }
    }),
  );
  r.elapsedMs = performance.now() - t0;
  agent.destroy();
  return r;
}

/**
 * Attendees' sockets on /live through the balancer: each joins the session on every connect, so
 * a socket whose gateway died comes back (Socket.IO reconnects) and joins again elsewhere.
 */
export class LiveCrowd {
  readonly sockets: Socket[] = [];
  private readonly joinedSet = new Set<Socket>();
  joinErrors: string[] = [];
  joinLatencies: number[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly sessionId: string,
  ) {}

  get joined(): number {
    return this.joinedSet.size;
  }

  async open(tokens: readonly string[], concurrency = 200): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < tokens.length) await this.openOne(tokens[next++]);
      }),
    );
  }

  private openOne(token: string): Promise<void> {
    const s = io(`${this.baseUrl}/live`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 300 + Math.floor(Math.random() * 700),
      reconnectionDelayMax: 3000,
      timeout: 30_000,
    });
    this.sockets.push(s);
    return new Promise<void>((resolve) => {
      s.on('disconnect', () => this.joinedSet.delete(s));
      s.on('connect', () => {
        const t0 = performance.now();
        s.timeout(60_000).emit(
          'session:join',
          { sessionId: this.sessionId },
          (err: Error | null, ack?: { ok: boolean; error?: { code: string } }) => {
            if (err || !ack?.ok) this.joinErrors.push(err?.message ?? ack?.error?.code ?? 'no ack');
            else {
              this.joinLatencies.push(performance.now() - t0);
              this.joinedSet.add(s);
            }
            resolve();
          },
        );
      });
      s.on('connect_error', () => undefined);
    });
  }

  close(): void {
    for (const s of this.sockets) s.disconnect();
  }
}

/** Live people per region as the gateways' shared presence says (Redis hash `live:s:<id>:live`). */
export async function livePerRegion(
  redis: { hgetall(key: string): Promise<Record<string, string>> },
  prefix: string,
  sessionId: string,
): Promise<Record<string, number>> {
  const h = await redis.hgetall(`${prefix}:live:s:${sessionId}:live`);
  return Object.fromEntries(
    Object.entries(h)
      .filter(([k]) => k !== '_t')
      .map(([k, v]) => [k, Number(v)]),
  );
}
