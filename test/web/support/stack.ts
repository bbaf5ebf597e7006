/**
 * The real api (serving the built web app), gateway and worker on one fresh database and this
 * run's Redis prefix, listening on real ports so a browser can reach them: the same origins
 * `npm start` wires (the api tells the page where the gateway is; the gateway allows the api's
 * origin). The worker sends its e-mails (with the personal join links) to a real SMTP server
 * started here.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { GatewayConfig, gatewaySchema, loadConfig, workerSchema } from '@qatys/config';
import { createGatewayApp } from '../../../apps/gateway/src/gateway.bootstrap';
import { createWorkerApp } from '../../../apps/worker/src/worker.bootstrap';
import { SmtpSink, startSmtpSink } from '../../worker/support/smtp-sink';
import { ApiHarness, startApi, TEST_JWT_SECRET } from '../../support/api-harness';
import { testEnv } from '../../support/env';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface WebStack {
  api: ApiHarness;
  /** http://127.0.0.1:<port> of the api (and of the web app under /app). */
  baseUrl: string;
  gatewayUrl: string;
  gatewayConfig: GatewayConfig;
  /** Every e-mail the worker sent. */
  mail: SmtpSink;
  /** Stops the gateway (its sockets drop) and starts a new one on the same port. */
  restartGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebStack(): Promise<WebStack> {
  const [apiPort, gatewayPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const api = await startApi({ GATEWAY_PUBLIC_URL: gatewayUrl, PUBLIC_BASE_URL: baseUrl });
  const gatewayConfig = loadConfig(gatewaySchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: api.config.DATABASE_URL,
    REDIS_URL: testEnv.redisUrl,
    REDIS_PREFIX: api.config.REDIS_PREFIX,
    JWT_SECRET: TEST_JWT_SECRET,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_ALLOWED_ORIGINS: baseUrl,
    DB_POOL_SIZE: '5',
  });
  let gateway: NestExpressApplication | undefined;
  const startGateway = async () => {
    gateway = await createGatewayApp(gatewayConfig);
    await gateway.listen(gatewayPort, '127.0.0.1');
  };
  const stopGateway = async () => {
    await gateway?.close();
    gateway = undefined;
  };
  await startGateway();
  await api.app.listen(apiPort, '127.0.0.1');
  const mail = await startSmtpSink();
  const mailDir = mkdtempSync(join(tmpdir(), 'qatys-web-mail-'));
  const worker: INestApplicationContext = await createWorkerApp(
    loadConfig(workerSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: api.config.DATABASE_URL,
      REDIS_URL: testEnv.redisUrl,
      REDIS_PREFIX: api.config.REDIS_PREFIX,
      WORKER_HEALTH_PORT: '0',
      DB_POOL_SIZE: '4',
      JWT_SECRET: TEST_JWT_SECRET,
      PUBLIC_BASE_URL: baseUrl,
      SMTP_URL: mail.url,
      MAIL_DIR: mailDir,
      OUTBOX_POLL_INTERVAL_MS: '200',
      NOTIFY_BACKOFF_MS: '200',
    }),
  );
  return {
    api,
    baseUrl,
    gatewayUrl,
    gatewayConfig,
    mail,
    startGateway,
    stopGateway,
    async restartGateway() {
      await stopGateway();
      await startGateway();
    },
    async close() {
      await worker.close().catch(() => undefined);
      await mail.close().catch(() => undefined);
      rmSync(mailDir, { recursive: true, force: true });
      await stopGateway().catch(() => undefined);
      await api.close();
    },
  };
}
