import './tracing';
import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { gatewaySchema, loadConfigOrExit } from '@qatys/config';
import { DrainState, stopOnSignals } from '@qatys/observability';
import { createGatewayApp } from './gateway.bootstrap';
import { LIVE_NAMESPACE } from './redis-adapter';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', gatewaySchema);
  const app = await createGatewayApp(config);
  const logger = app.get(Logger);
  // SIGTERM/SIGINT: readiness 503 for SHUTDOWN_DRAIN_MS (the balancer stops sending new
  // connections), then sockets are told the server is going away and connections close.
  stopOnSignals(app, app.get(DrainState), config.SHUTDOWN_DRAIN_MS, (m) => logger.log(m));
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const url = await app.getUrl();
  logger.log(`gateway listening on ${url} (Socket.IO namespace ${LIVE_NAMESPACE})`);
}

main().catch((e: Error) => {
  process.stderr.write(`[gateway] failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
