import { readFileSync } from 'fs';
import { join } from 'path';
import { apiSchema, ConfigError, gatewaySchema, loadConfig, secretNames, workerSchema } from './env.schema';

const base = { JWT_SECRET: 'x'.repeat(40) };

describe('configuration schema', () => {
  it('loads defaults and parses types', () => {
    const c = loadConfig(apiSchema, base);
    expect(c.API_PORT).toBe(3000);
    expect(c.DATABASE_URL).toMatch(/^postgres:/);
  });

  it('names every wrong or missing variable and never echoes a secret', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig(apiSchema, {
        API_PORT: 'abc',
        DATABASE_URL: 'mysql://secret-host/db',
        DEFAULT_TIME_ZONE: 'Mars/Base',
      });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^API_PORT must be an integer/),
        expect.stringMatching(/^DATABASE_URL must use postgres/),
        expect.stringMatching(/^JWT_SECRET is required/),
        expect.stringMatching(/^DEFAULT_TIME_ZONE must be an IANA time zone/),
      ]),
    );
    expect(err!.message).not.toContain('secret-host');
  });

  it('refuses the test-only password cost in production', () => {
    expect(() =>
      loadConfig(apiSchema, { ...base, NODE_ENV: 'production', PASSWORD_HASH_COST: 'low' }),
    ).toThrow(/PASSWORD_HASH_COST=low/);
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadConfig(gatewaySchema, { JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32/,
    );
  });

  it('refuses a claim lease a living send could outlast', () => {
    expect(loadConfig(workerSchema, { NODE_ENV: 'test' }).DELIVERY_CLAIM_LEASE_SECONDS).toBe(65);
    expect(() =>
      loadConfig(workerSchema, {
        NODE_ENV: 'test',
        DELIVERY_TIMEOUT_SECONDS: '30',
        DELIVERY_CLAIM_LEASE_SECONDS: '60',
      }),
    ).toThrow(/DELIVERY_CLAIM_LEASE_SECONDS must be more than 2 x DELIVERY_TIMEOUT_SECONDS \(60\)/);
  });

  it('marks connection URLs and secrets as secret', () => {
    expect(secretNames(apiSchema)).toEqual(
      expect.arrayContaining(['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL']),
    );
  });

  it('reads sign-in budgets as N/<window> and refuses anything else', () => {
    const c = loadConfig(apiSchema, {
      ...base,
      AUTH_REGISTER_IP_RATE: '20/10m',
      AUTH_REFRESH_IP_RATE: '5/30s',
    });
    expect(c.AUTH_REGISTER_IP_RATE).toEqual({ points: 20, seconds: 600 });
    expect(c.AUTH_REFRESH_IP_RATE).toEqual({ points: 5, seconds: 30 });
    expect(c.AUTH_LOGIN_IP_FAILURES).toEqual({ points: 100, seconds: 900 });
    for (const bad of ['20', '0/1m', '20/0s', '20/2d', '20/25h', 'many/1m'])
      expect(() => loadConfig(apiSchema, { ...base, AUTH_LOGIN_IP_RATE: bad })).toThrow(
        /AUTH_LOGIN_IP_RATE must be N\/<window>/,
      );
    expect(() =>
      loadConfig(apiSchema, { ...base, AUTH_LOGIN_LOCK_SECONDS: '60', AUTH_LOGIN_MAX_LOCK_SECONDS: '30' }),
    ).toThrow(/AUTH_LOGIN_MAX_LOCK_SECONDS must not be below/);
  });

  it('trusts no proxy unless told which, and never every one', () => {
    expect(loadConfig(apiSchema, base).API_TRUST_PROXY).toBe(false);
    expect(loadConfig(apiSchema, { ...base, API_TRUST_PROXY: '1' }).API_TRUST_PROXY).toBe(1);
    expect(loadConfig(apiSchema, { ...base, API_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).API_TRUST_PROXY).toBe(
      'loopback,10.0.0.0/8',
    );
    for (const bad of ['true', 'everyone', '10.0.0.300'])
      expect(() => loadConfig(apiSchema, { ...base, API_TRUST_PROXY: bad })).toThrow(
        /API_TRUST_PROXY must be/,
      );
  });

  it('.env.example lists every variable of every app', () => {
    const example = readFileSync(join(__dirname, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const schema of [apiSchema, workerSchema, gatewaySchema]) {
      for (const name of Object.keys(schema)) expect(listed.has(name) ? name : `missing ${name}`).toBe(name);
    }
  });
});
