import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiSchema, ApiConfig, loadConfig } from '@qatys/config';
import {
  CertificateHandlers,
  CohortEnrolmentService,
  InvitationHandlers,
  DomainOutbox,
  IdentityService,
  NewUser,
  RegistrationHandlers,
  Role,
  SESSION_ENDED_SETTLE_MS,
} from '@qatys/domain';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { createTestDatabase, TestDatabase } from './database';
import { testEnv } from './env';
import { waitFor } from './wait';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface ApiHarness {
  app: NestExpressApplication;
  config: ApiConfig;
  db: TestDatabase;
  ds: DataSource;
  http: ReturnType<typeof request>;
  /** Creates a user straight through the domain (any roles) and signs in through the API. */
  signIn(input?: Partial<NewUser> & { roles?: Role[] }): Promise<SignedIn>;
  /**
   * Handles every domain event recorded so far (reminder plans, notices, waitlist promotion,
   * cohort enrolment), as the worker would, and returns how many; for suites without a worker.
   * Events that must settle first (session.ended) wait for their time.
   */
  drainOutbox(): Promise<number>;
  /**
   * Waits until a running worker has handled every domain event recorded so far (and, for suites
   * that look at jobs, relayed them to Redis itself — which drainOutbox would not).
   */
  outboxHandled(): Promise<void>;
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
    AUTH_RESET_IP_RATE: '1000000/1m',
    AUTH_RESET_EMAIL_RATE: '1000000/1m',
    PUBLIC_CATALOG_IP_RATE: '1000000/1m',
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.init();
  const server = app.getHttpServer();
  const identity = app.get(IdentityService);
  const http = request(server);
  let outbox: DomainOutbox | undefined;
  const outboxHandled = async (): Promise<void> => {
    await waitFor('every domain event handled', async () => {
      const [{ left }]: { left: number }[] = await app.get(DataSource).query(
        `SELECT count(*)::int AS left FROM domain_events
          WHERE processed_at IS NULL
            AND (type <> 'session.ended' OR occurred_at <= now() - make_interval(secs => $1::float8))`,
        [SESSION_ENDED_SETTLE_MS / 1000],
      );
      return left === 0;
    });
  };

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
    async drainOutbox() {
      // The worker's consumer, without its Redis relay: every event handled, as in production.
      outbox ??= new DomainOutbox(
        app.get(DataSource),
        app.get(RegistrationHandlers),
        app.get(CohortEnrolmentService),
        app.get(InvitationHandlers),
        app.get(CertificateHandlers),
      );
      let handled = 0;
      for (;;) {
        const batch = await outbox.processBatch(100);
        if (batch.failed.length) throw new Error(`outbox handlers failed: ${JSON.stringify(batch.failed)}`);
        handled += batch.processed.length;
        if (!batch.fetched) break;
      }
      await outboxHandled();
      return handled;
    },
    outboxHandled,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
