import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { TEST_JWT_SECRET } from '../../support/api-harness';
import { testEnv } from '../../support/env';
import { waitFor } from '../../support/wait';

const ROOT = join(__dirname, '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  healthUrl: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * The real worker program (apps/worker/src/main.ts, compiled on the fly by SWC like
 * scripts/lib/ts-register.js does for the config tests) as a child process, ready once its
 * /health answers 200.
 */
export async function spawnWorker(vars: Record<string, string>): Promise<WorkerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/lib/ts-register.js'), join(ROOT, 'apps/worker/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        REDIS_URL: testEnv.redisUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        PUBLIC_BASE_URL: 'http://qatys.test',
        WORKER_HEALTH_PORT: String(port),
        DB_POOL_SIZE: '6',
        DELIVERY_TIMEOUT_SECONDS: '3',
        NOTIFY_ATTEMPTS: '4',
        NOTIFY_BACKOFF_MS: '200',
        REMINDER_RECONCILE_INTERVAL_SECONDS: '1',
        OUTBOX_POLL_INTERVAL_MS: '200',
        WORKER_LOCK_DURATION_MS: '2000',
        ...vars,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const healthUrl = `http://127.0.0.1:${port}/health`;
  let dead = false;
  void exited.then(() => (dead = true));
  await waitFor(
    'the worker process to answer /health',
    async () => {
      if (dead) throw new Error(`worker exited during start:\n${output}`);
      return (await fetch(healthUrl).catch(() => undefined))?.status === 200;
    },
    { timeoutMs: 45000, everyMs: 200 },
  );
  return { child, healthUrl, output: () => output, exited };
}
