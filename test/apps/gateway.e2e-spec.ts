import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'crypto';
import { io, Socket } from 'socket.io-client';
import { GatewayConfig, gatewaySchema, loadConfig } from '@qatys/config';
import type { AccessTokenClaims } from '@qatys/contracts';
import { createGatewayApp } from '../../apps/gateway/src/gateway.bootstrap';
import { LiveGateway } from '../../apps/gateway/src/live.gateway';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testEnv } from '../support/env';

const SECRET = 'gateway-test-secret-that-is-long-enough-42';

interface Running {
  app: NestExpressApplication;
  url: string;
}

describe('gateway (e2e)', () => {
  let db: TestDatabase;
  let config: GatewayConfig;
  let a: Running;
  let b: Running;
  const sockets: Socket[] = [];
  const jwt = new JwtService({ secret: SECRET, signOptions: { issuer: 'qatys', expiresIn: 300 } });
  const claims = (over: Partial<AccessTokenClaims> = {}): AccessTokenClaims => ({
    sub: randomUUID(),
    roles: ['attendee'],
    tz: 'Asia/Almaty',
    lng: 'ru',
    typ: 'access',
    ...over,
  });

  async function start(): Promise<Running> {
    const app = await createGatewayApp(config);
    await app.listen(0, '127.0.0.1');
    return { app, url: await app.getUrl() };
  }

  function connect(
    url: string,
    auth: Record<string, unknown> = {},
    extra: Parameters<typeof io>[1] = {},
  ): Socket {
    const socket = io(`${url}/live`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...extra,
    });
    sockets.push(socket);
    return socket;
  }

  /** Resolves 'connected' or the connect_error message. */
  function outcome(socket: Socket): Promise<string> {
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig(gatewaySchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: testEnv.redisUrl,
      REDIS_PREFIX: `${testEnv.redisPrefix}:${db.name}`,
      JWT_SECRET: SECRET,
      GATEWAY_PORT: '0',
      DB_POOL_SIZE: '2',
    });
    [a, b] = await Promise.all([start(), start()]);
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    await Promise.all([a?.app.close(), b?.app.close()]);
    await db?.drop();
  });

  it('answers GET /health with Postgres and Redis up, without a token', async () => {
    const res = await fetch(`${a.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      app: 'gateway',
      checks: { postgres: 'up', redis: 'up' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/[\w-]{8,}/);
  });

  it('accepts a valid access token on /live and acknowledges ping with the user id', async () => {
    const c = claims();
    const socket = connect(a.url, { token: jwt.sign(c) });
    expect(await outcome(socket)).toBe('connected');
    expect(await socket.emitWithAck('ping')).toEqual({ ok: true, data: { userId: c.sub } });
    expect(await socket.emitWithAck('ping', { at: 'now' })).toEqual({ ok: true, data: { userId: c.sub } });
  });

  it('refuses a connection without a token', async () => {
    const socket = connect(a.url);
    expect(await outcome(socket)).toBe('unauthorized: missing token');
    expect(socket.connected).toBe(false);
  });

  it('refuses forged, expired, refresh-type and non-string tokens', async () => {
    const forged = new JwtService({
      secret: 'another-secret-of-sufficient-length-000',
      signOptions: { issuer: 'qatys' },
    });
    const [head, body] = jwt.sign(claims()).split('.');
    const cases: [unknown, string][] = [
      [forged.sign(claims()), 'unauthorized: invalid token'],
      [`${head}.${body}.forgedsignature`, 'unauthorized: invalid token'],
      ['not.a.jwt', 'unauthorized: invalid token'],
      [jwt.sign(claims(), { issuer: 'someone-else' }), 'unauthorized: invalid token'],
      [jwt.sign(claims(), { expiresIn: -10 }), 'unauthorized: token expired'],
      [jwt.sign({ ...claims(), typ: 'refresh' }), 'unauthorized: not an access token'],
      [12345, 'unauthorized: missing token'],
    ];
    for (const [token, message] of cases) {
      expect(await outcome(connect(a.url, { token }))).toBe(message);
    }
  });

  it('answers a malformed payload and an unknown event with ok:false and keeps the socket connected', async () => {
    const socket = connect(a.url, { token: jwt.sign(claims()) });
    expect(await outcome(socket)).toBe('connected');
    const bad = await socket.emitWithAck('ping', 'not-an-object');
    expect(bad).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'ping takes no payload or a JSON object' },
    });
    expect(await socket.emitWithAck('ping', [1, 2])).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await socket.emitWithAck('session:teleport', { id: 1 })).toEqual({
      ok: false,
      error: { code: 'unknown_event', message: 'Unknown event "session:teleport"' },
    });
    expect(socket.connected).toBe(true);
    expect((await socket.emitWithAck('ping')).ok).toBe(true);
  });

  it('drops a connection that sends a message over 64 KB', async () => {
    const socket = connect(a.url, { token: jwt.sign(claims()) });
    expect(await outcome(socket)).toBe('connected');
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('ping', { blob: 'x'.repeat(70 * 1024) });
    expect(await closed).toMatch(/transport close|transport error/);
  });

  it('serves only /live: the default namespace is refused', async () => {
    const socket = io(a.url, {
      auth: { token: jwt.sign(claims()) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    expect(await outcome(socket)).toBe('unknown namespace: connect to /live');
  });

  it('refuses browser origins other than its own host when no origins are configured', async () => {
    const token = jwt.sign(claims());
    const foreign = connect(a.url, { token }, { extraHeaders: { origin: 'http://evil.example' } });
    expect(await outcome(foreign)).not.toBe('connected');
    const own = connect(a.url, { token }, { extraHeaders: { origin: a.url } });
    expect(await outcome(own)).toBe('connected');
  });

  it('shares /live across gateway processes through the Redis adapter', async () => {
    const onA = connect(a.url, { token: jwt.sign(claims()) });
    const onB = connect(b.url, { token: jwt.sign(claims()) });
    expect(await Promise.all([outcome(onA), outcome(onB)])).toEqual(['connected', 'connected']);
    const gwA = a.app.get(LiveGateway);
    const ids = (await gwA.namespace.fetchSockets()).map((s) => s.id).sort();
    expect(ids).toEqual([onA.id, onB.id].sort());
    const received = new Promise((resolve) => onB.once('session:state', resolve));
    gwA.namespace.emit('session:state', { state: 'live' });
    expect(await received).toEqual({ state: 'live' });
  });
});
