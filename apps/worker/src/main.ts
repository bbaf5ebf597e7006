import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, workerSchema } from '@qatys/config';
import { WorkerHealthServer } from './health.server';
import { createWorkerApp } from './worker.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('worker', workerSchema);
  const app = await createWorkerApp(config);
  // SIGTERM/SIGINT: workers stop taking jobs, running ones finish, then connections close.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  app.get(Logger).log(`worker running (health at ${app.get(WorkerHealthServer).url}/health)`);
}

main().catch((e: Error) => {
  process.stderr.write(`[worker] failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
