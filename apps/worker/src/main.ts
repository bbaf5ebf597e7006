import './tracing';
import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, workerSchema } from '@qatys/config';
import { DrainState, stopOnSignals } from '@qatys/observability';
import { WorkerHealthServer } from './health.server';
import { createWorkerApp } from './worker.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('worker', workerSchema);
  const app = await createWorkerApp(config);
  const logger = app.get(Logger);
  // SIGTERM/SIGINT: readiness 503 for SHUTDOWN_DRAIN_MS; then workers stop taking jobs, running
  // ones finish, and connections close.
  stopOnSignals(app, app.get(DrainState), config.SHUTDOWN_DRAIN_MS, (m) => logger.log(m));
  logger.log(`worker running (health at ${app.get(WorkerHealthServer).url}/health)`);
}

main().catch((e: Error) => {
  process.stderr.write(`[worker] failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
