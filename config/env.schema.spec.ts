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

  it('.env.example lists every variable of every app', () => {
    const example = readFileSync(join(__dirname, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const schema of [apiSchema, workerSchema, gatewaySchema]) {
      for (const name of Object.keys(schema)) expect(listed.has(name) ? name : `missing ${name}`).toBe(name);
    }
  });
});
