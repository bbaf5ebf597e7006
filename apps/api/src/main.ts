import './tracing';
import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { apiSchema, loadConfigOrExit } from '@qatys/config';
import { DrainState, stopOnSignals } from '@qatys/observability';
import { createApiApp } from './api.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('api', apiSchema);
  const app = await createApiApp(config);
  const logger = app.get(Logger);
  // SIGTERM/SIGINT: readiness turns 503 for SHUTDOWN_DRAIN_MS, then requests finish and connections close.
  stopOnSignals(app, app.get(DrainState), config.SHUTDOWN_DRAIN_MS, (m) => logger.log(m));
  await app.listen(config.API_PORT, config.API_HOST);
  const url = await app.getUrl();
  logger.log(`api listening on ${url} (docs at ${url}/docs)`);
}

void main();
