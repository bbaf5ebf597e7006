import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiSchema, ApiConfig, loadConfig } from '@qatys/config';
import { IdentityService, NewUser, Role } from '@qatys/domain';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { createTestDatabase, TestDatabase } from './database';
import { testEnv } from './env';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface ApiHarness {
  app: NestExpressApplication;
  config: ApiConfig;
  db: TestDatabase;
  ds: DataSource;
  http: ReturnType<typeof request>;
  /** Creates a user straight through the domain (any roles) and signs in through the API. */
  signIn(input?: Partial<NewUser> & { roles?: Role[] }): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface SignedIn {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let seq = 0;

/** The real API (same bootstrap as production) on a fresh database and this run's Redis prefix. */
export async function startApi(overrides: Record<string, string> = {}): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const config = loadConfig(apiSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: testEnv.redisUrl,
    REDIS_PREFIX: `${testEnv.redisPrefix}:${db.name}`,
    JWT_SECRET: TEST_JWT_SECRET,
    PASSWORD_HASH_COST: 'low',
    API_PORT: '0',
    DB_POOL_SIZE: '20',
    // Suites sign hundreds of people in from 127.0.0.1 within seconds; the sign-in limits are
    // tested by suites that set small ones (test/api/auth-throttle.e2e-spec.ts).
    AUTH_LOGIN_FREE_FAILURES: '1000',
    AUTH_LOGIN_IP_FAILURES: '1000000/1m',
    AUTH_LOGIN_IP_RATE: '1000000/1m',
    AUTH_REGISTER_IP_RATE: '1000000/1m',
    AUTH_REFRESH_IP_RATE: '1000000/1m',
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.init();
  const server = app.getHttpServer();
  const identity = app.get(IdentityService);
  const http = request(server);
  return {
    app,
    config,
    db,
    ds: app.get(DataSource),
    http,
    async signIn(input = {}) {
      const email = input.email ?? `user${++seq}-${Date.now()}@test.qatys`;
      const password = input.password ?? 'correct horse battery';
      const user = await identity.createUser({ displayName: `User ${seq}`, ...input, email, password });
      const res = await request(server).post('/auth/login').send({ email, password }).expect(200);
      return {
        id: user.id,
        email,
        token: res.body.accessToken,
        refreshToken: res.body.refreshToken,
        auth: { Authorization: `Bearer ${res.body.accessToken}` },
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
