/**
 * The live world for the gateway suites: the real API (fresh database) plus gateway processes
 * built exactly as production builds them, all on this run's Redis prefix, with heartbeats, TTLs
 * and update intervals shortened so the suites stay fast. Users are created with SQL and given
 * access tokens signed like the API's (the auth suites cover signing in).
 */
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'crypto';
import { DateTime } from 'luxon';
import { io, Socket } from 'socket.io-client';
import type { DataSource } from 'typeorm';
import { GatewayConfig, gatewaySchema, loadConfig } from '@qatys/config';
import type { AttendanceUpdate, LiveAck } from '@qatys/contracts';
import { createGatewayApp } from '../../apps/gateway/src/gateway.bootstrap';
import { ApiHarness, startApi, TEST_JWT_SECRET } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';

export const FAST: Record<string, string> = {
  GATEWAY_HEARTBEAT_MS: '100',
  GATEWAY_PRESENCE_TTL_MS: '600',
  GATEWAY_ATTENDANCE_UPDATE_MS: '150',
  GATEWAY_INTERVAL_FLUSH_MS: '100',
  GATEWAY_CACHE_MS: '0',
};

export interface RunningGateway {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  token: string;
}

export interface UserSeed {
  roles?: string[];
  homeRegionId?: number | null;
  coordinatorRegionIds?: number[];
  displayName?: string;
  language?: string;
}

export class LiveHarness {
  readonly sockets: Socket[] = [];
  readonly gateways: RunningGateway[] = [];
  private readonly jwt = new JwtService({ secret: TEST_JWT_SECRET });
  private seq = 0;

  private constructor(
    readonly api: ApiHarness,
    readonly gatewayEnv: Record<string, string>,
  ) {}

  static async start(apiOverrides: Record<string, string> = {}): Promise<LiveHarness> {
    const api = await startApi(apiOverrides);
    const c = api.config;
    return new LiveHarness(api, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: c.DATABASE_URL,
      REDIS_URL: c.REDIS_URL,
      REDIS_PREFIX: c.REDIS_PREFIX,
      JWT_SECRET: TEST_JWT_SECRET,
      GATEWAY_PORT: '0',
      DB_POOL_SIZE: '4',
      ...FAST,
    });
  }

  get ds(): DataSource {
    return this.api.ds;
  }

  gatewayConfig(overrides: Record<string, string> = {}): GatewayConfig {
    return loadConfig(gatewaySchema, { ...this.gatewayEnv, ...overrides });
  }

  async startGateway(overrides: Record<string, string> = {}): Promise<RunningGateway> {
    const app = await createGatewayApp(this.gatewayConfig(overrides));
    await app.listen(0, '127.0.0.1');
    let closed = false;
    const g: RunningGateway = {
      app,
      url: await app.getUrl(),
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
      },
    };
    this.gateways.push(g);
    return g;
  }

  /** A user row and an access token as the API would sign it. */
  async user(seed: UserSeed = {}): Promise<TestUser> {
    const [u] = await this.users(1, seed);
    return u;
  }

  async users(n: number, seed: UserSeed = {}): Promise<TestUser[]> {
    const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const start = this.seq;
    this.seq += n;
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO users (email, display_name, password_hash, roles, home_region_id, coordinator_region_ids, language)
       SELECT 'live-' || $1 || '-' || g || '@test.qatys', COALESCE($2, 'Person ' || g), 'unused', $3::text[], $4, $5::int[], $6
         FROM generate_series($7::int, $8::int) g
       RETURNING id`,
      [
        tag,
        seed.displayName ?? null,
        seed.roles ?? ['attendee'],
        seed.homeRegionId ?? null,
        seed.coordinatorRegionIds ?? [],
        seed.language ?? 'ru',
        start + 1,
        start + n,
      ],
    );
    return rows.map((r) => ({ id: r.id, token: this.accessToken(r.id, seed) }));
  }

  accessToken(userId: string, seed: UserSeed = {}, expiresInSeconds = 3600): string {
    return this.jwt.sign(
      {
        sub: userId,
        roles: seed.roles ?? ['attendee'],
        rgn: seed.coordinatorRegionIds ?? [],
        tz: 'Asia/Almaty',
        lng: 'ru',
        typ: 'access',
      },
      { issuer: 'qatys', expiresIn: expiresInSeconds },
    );
  }

  auth(u: TestUser): { Authorization: string } {
    return { Authorization: `Bearer ${u.token}` };
  }

  async regionId(code: string): Promise<number> {
    return (await regionByCode(this.ds, code)).id;
  }

  /** A program with one session around now (live), aimed at the given regions. */
  async liveSession(
    opts: { targetRegionIds?: number[]; startInMinutes?: number; minutes?: number; programId?: string } = {},
  ) {
    const programId = opts.programId ?? (await createProgram(this.ds)).id;
    const start = DateTime.utc().plus({ minutes: opts.startInMinutes ?? -5 });
    return createSession(this.ds, programId, {
      startAt: start.toJSDate(),
      endAt: start.plus({ minutes: opts.minutes ?? 120 }).toJSDate(),
      targetRegionIds: opts.targetRegionIds ?? [],
    });
  }

  async register(
    sessionId: string,
    users: TestUser[],
    opts: { regionId?: number | null; status?: string; sectionId?: string } = {},
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO registrations (user_id, session_id, status, region_id, section_id, source, waitlisted_at)
       SELECT u, $2, $3::varchar, $4::int, $5::uuid, 'organizer', CASE WHEN $3::varchar = 'waitlisted' THEN now() END
         FROM unnest($1::uuid[]) u
       RETURNING id`,
      [
        users.map((u) => u.id),
        sessionId,
        opts.status ?? 'registered',
        opts.regionId ?? null,
        opts.sectionId ?? null,
      ],
    );
    return rows.map((r) => r.id);
  }

  async roster(scope: 'session' | 'program', scopeId: string, lines: Record<number, number>): Promise<void> {
    for (const [regionId, expected] of Object.entries(lines)) {
      await this.ds.query(
        `INSERT INTO roster_entries (scope_type, scope_id, region_id, expected) VALUES ($1, $2, $3, $4)`,
        [scope, scopeId, Number(regionId), expected],
      );
    }
  }

  /** Opens a socket to /live; resolves once connected (rejects with the connect_error message). */
  async connect(url: string, token: unknown, extra: Parameters<typeof io>[1] = {}): Promise<Socket> {
    const socket = this.socket(url, token, extra);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => reject(new Error(e.message)));
    });
    return socket;
  }

  socket(url: string, token: unknown, extra: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(`${url}/live`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...extra,
    });
    this.sockets.push(socket);
    return socket;
  }

  /** 'connected' or the connect_error message. */
  outcome(socket: Socket): Promise<string> {
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    });
  }

  disconnectAll(): void {
    for (const s of this.sockets.splice(0)) s.disconnect();
  }

  async close(): Promise<void> {
    this.disconnectAll();
    for (const g of this.gateways.splice(0)) await g.close().catch(() => undefined);
    await this.api.close();
  }
}

export async function emit<T = unknown>(
  socket: Socket,
  event: string,
  ...args: unknown[]
): Promise<LiveAck<T>> {
  return socket.timeout(15_000).emitWithAck(event, ...args) as Promise<LiveAck<T>>;
}

/**
 * Sends an event as a hand-written frame (`body`: the JSON array after the ack id, e.g.
 * `["question:ask",{...}]`) and resolves with its acknowledgement: for payloads socket.io-client
 * cannot encode itself (it walks them recursively), as any other client could send them.
 */
export function emitRaw<T = unknown>(socket: Socket, body: string, ms = 15_000): Promise<LiveAck<T>> {
  const inner = socket as unknown as {
    ids: number;
    acks: Record<number, (...args: unknown[]) => void>;
    nsp: string;
    io: { engine: { write(data: string): void } };
  };
  const id = inner.ids++;
  return new Promise<LiveAck<T>>((resolve, reject) => {
    const timer = setTimeout(() => {
      delete inner.acks[id];
      reject(new Error(`no ack within ${ms} ms`));
    }, ms);
    inner.acks[id] = (reply: unknown) => {
      clearTimeout(timer);
      resolve(reply as LiveAck<T>);
    };
    inner.io.engine.write(`2${inner.nsp},${id}${body}`);
  });
}

/** The data of an ok ack (fails the test with the error otherwise). */
export async function okData<T = unknown>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const res = await emit<T>(socket, event, ...(payload === undefined ? [] : [payload]));
  if (!res.ok) throw new Error(`${event} answered ${JSON.stringify(res.error)}`);
  return res.data;
}

/** Resolves with the first event that satisfies the predicate; rejects after `ms` so a test fails instead of hanging. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  ms = 15_000,
): Promise<T> {
  const p = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
  // A test that failed before awaiting this must not crash the run with an unhandled rejection.
  p.catch(() => undefined);
  return p;
}

/** Collects every event of a name until stopped. */
export function collect<T = unknown>(socket: Socket, event: string): { items: T[]; stop(): void } {
  const items: T[] = [];
  const handler = (p: T) => items.push(p);
  socket.on(event, handler);
  return { items, stop: () => socket.off(event, handler) };
}

/** The line of one region in an attendance update. */
export const lineOf = (u: AttendanceUpdate, regionId: number | null) =>
  u.regions.find((l) => l.regionId === regionId);

/** Waits for an attendance:update whose totals/lines satisfy the predicate. */
export function attendanceWhere(
  socket: Socket,
  predicate: (u: AttendanceUpdate) => boolean,
  ms = 15_000,
): Promise<AttendanceUpdate> {
  return nextEvent<AttendanceUpdate>(socket, 'attendance:update', predicate, ms);
}

export { eventually } from '../support/wait';
