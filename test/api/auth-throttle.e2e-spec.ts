/**
 * Sign-in protection against the real API, Redis and argon2: per e-mail address (consecutive
 * failures, then a lock that doubles), per client address (failures, attempts, sign-ups,
 * refreshes), refused before any password hash is computed, identical for unknown addresses,
 * and shared by every api process through Redis. Small limits through config overrides; each
 * test signs in from its own client address (X-Forwarded-For, believed from loopback only).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { ApiHarness, startApi } from '../support/api-harness';
import { waitFor } from '../support/wait';

// The module object itself (an `import * as` copy would not see the spy): every password check
// of the api goes through its verify, so the spy counts the hashes computed.
const argon2 = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');

const PASSWORD = 'correct horse battery';
let ipSeq = 0;
const newIp = () => `198.51.100.${++ipSeq}`;

function expectTooMany(res: request.Response): number {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
  expect(res.body.message).toMatch(/try again in \d+ s/);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(res.body.details.retryAfterSeconds).toBe(retryAfter);
  return retryAfter;
}

describe('sign-in protection (e2e)', () => {
  let h: ApiHarness;
  let verifySpy: jest.SpyInstance;

  beforeAll(async () => {
    h = await startApi({
      API_TRUST_PROXY: 'loopback',
      AUTH_LOGIN_FREE_FAILURES: '3',
      AUTH_LOGIN_LOCK_SECONDS: '2',
      AUTH_LOGIN_MAX_LOCK_SECONDS: '60',
      AUTH_LOGIN_IP_FAILURES: '8/1h',
      AUTH_LOGIN_IP_RATE: '1000/1h',
      AUTH_REGISTER_IP_RATE: '3/1h',
      AUTH_REFRESH_IP_RATE: '3/1h',
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    verifySpy = jest.spyOn(argon2, 'verify');
  });
  afterEach(() => verifySpy.mockRestore());

  const login = (email: string, password: string, ip: string) =>
    h.http.post('/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('locks an address after consecutive failures, hashes nothing while locked, doubles the lock, and a success resets it', async () => {
    const u = await h.signIn({ password: PASSWORD });
    verifySpy.mockClear();
    const ip = newIp();
    for (let i = 0; i < 3; i++) await login(u.email, 'wrong password', ip).expect(401);
    expect(verifySpy).toHaveBeenCalledTimes(3);

    // Locked: the right password does not help, nor does another client address.
    const first = expectTooMany(await login(u.email, PASSWORD, ip));
    expect(first).toBeLessThanOrEqual(2);
    expectTooMany(await login(u.email.toUpperCase(), PASSWORD, newIp()));
    expect(verifySpy).toHaveBeenCalledTimes(3);

    // Once the lock lapses, one more failure locks it again, twice as long.
    await waitFor('the first lock to lapse', async () => {
      const res = await login(u.email, 'wrong password', ip);
      if (res.status !== 401) expect(res.status).toBe(429);
      return res.status === 401;
    });
    expect(verifySpy).toHaveBeenCalledTimes(4);
    expect(expectTooMany(await login(u.email, PASSWORD, ip))).toBeGreaterThan(2);

    // The right password once the second lock lapses; the count starts again from zero.
    await waitFor('the second lock to lapse', async () => {
      const res = await login(u.email, PASSWORD, ip);
      if (res.status !== 200) expect(res.status).toBe(429);
      return res.status === 200;
    });
    for (let i = 0; i < 3; i++) await login(u.email, 'wrong password', ip).expect(401);
    expect(expectTooMany(await login(u.email, PASSWORD, ip))).toBeLessThanOrEqual(2);
  });

  it('refuses a burst of parallel guesses after the free ones without hashing them', async () => {
    const u = await h.signIn({ password: PASSWORD });
    verifySpy.mockClear();
    const ip = newIp();
    const statuses = (
      await Promise.all(Array.from({ length: 30 }, () => login(u.email, 'wrong password', ip)))
    ).map((r) => r.status);
    const hashed = statuses.filter((s) => s === 401).length;
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // The three free failures and at most one held attempt past them.
    expect(hashed).toBeGreaterThanOrEqual(3);
    expect(hashed).toBeLessThanOrEqual(4);
    expect(verifySpy).toHaveBeenCalledTimes(hashed);
  });

  it('says nothing about whether an account exists: an unknown address is locked exactly alike', async () => {
    const u = await h.signIn({ password: PASSWORD });
    const run = async (email: string) => {
      const ip = newIp();
      const seen: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await login(email, 'wrong password', ip);
        seen.push({
          status: res.status,
          error: res.body.error,
          message: String(res.body.message).replace(/\d+ s$/, 'N s'),
          retryAfter: res.headers['retry-after'] !== undefined,
        });
      }
      return seen;
    };
    const known = await run(u.email);
    const unknown = await run(`nobody-${Date.now()}@test.qatys`);
    expect(unknown).toEqual(known);
    expect(known.map((s) => (s as { status: number }).status)).toEqual([401, 401, 401, 429, 429]);
  });

  it('stops a client address after too many failures across accounts, not other addresses', async () => {
    const u = await h.signIn({ password: PASSWORD });
    const ip = newIp();
    for (let i = 0; i < 8; i++)
      await login(`spray-${i}-${Date.now()}@test.qatys`, 'Password1!', ip).expect(401);
    verifySpy.mockClear();
    expectTooMany(await login(u.email, PASSWORD, ip));
    expect(verifySpy).not.toHaveBeenCalled();
    await login(u.email, PASSWORD, newIp()).expect(200);
  });

  it('limits sign-ups per client address', async () => {
    const ip = newIp();
    const register = (n: number, from = ip) =>
      h.http
        .post('/auth/register')
        .set('X-Forwarded-For', from)
        .send({ email: `reg-${n}-${Date.now()}@test.qatys`, password: PASSWORD, displayName: `R ${n}` });
    for (let i = 0; i < 3; i++) await register(i).expect(201);
    const hashesBefore = verifySpy.mock.calls.length;
    expectTooMany(await register(3));
    expect(verifySpy.mock.calls.length).toBe(hashesBefore);
    await register(4, newIp()).expect(201);
  });

  it('limits token refreshes per client address', async () => {
    const u = await h.signIn({ password: PASSWORD });
    const ip = newIp();
    let token = u.refreshToken;
    for (let i = 0; i < 3; i++) {
      const res = await h.http
        .post('/auth/refresh')
        .set('X-Forwarded-For', ip)
        .send({ refreshToken: token })
        .expect(200);
      token = res.body.refreshToken;
    }
    expectTooMany(
      await h.http.post('/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: token }),
    );
    await h.http
      .post('/auth/refresh')
      .set('X-Forwarded-For', newIp())
      .send({ refreshToken: token })
      .expect(200);
  });

  it('is shared by every api process: a lock set through one is honoured by another', async () => {
    const other: NestExpressApplication = await createApiApp(h.config);
    await other.init();
    try {
      const u = await h.signIn({ password: PASSWORD });
      const ip = newIp();
      for (let i = 0; i < 3; i++) await login(u.email, 'wrong password', ip).expect(401);
      const res = await request(other.getHttpServer())
        .post('/auth/login')
        .set('X-Forwarded-For', newIp())
        .send({ email: u.email, password: PASSWORD });
      expectTooMany(res);
    } finally {
      await other.close();
    }
  });
});

describe('sign-in attempts per client address (e2e)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    // No API_TRUST_PROXY: X-Forwarded-For is anybody's to write, so it must change nothing.
    h = await startApi({ AUTH_LOGIN_IP_RATE: '5/1h' });
  });
  afterAll(() => h.close());

  it('counts every attempt of a client address, whatever X-Forwarded-For claims', async () => {
    const u = await h.signIn({ password: PASSWORD }); // the first of the five
    for (let i = 0; i < 4; i++) {
      await h.http
        .post('/auth/login')
        .set('X-Forwarded-For', newIp())
        .send({ email: u.email, password: i % 2 ? PASSWORD : 'wrong password' })
        .expect(i % 2 ? 200 : 401);
    }
    const res = await h.http
      .post('/auth/login')
      .set('X-Forwarded-For', newIp())
      .send({ email: u.email, password: PASSWORD });
    expectTooMany(res);
  });
});
