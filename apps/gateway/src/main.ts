import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { gatewaySchema, loadConfigOrExit } from '@qatys/config';
import { createGatewayApp } from './gateway.bootstrap';
import { LIVE_NAMESPACE } from './redis-adapter';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', gatewaySchema);
  const app = await createGatewayApp(config);
  // SIGTERM/SIGINT: sockets are told the server is going away, then connections close.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const url = await app.getUrl();
  app.get(Logger).log(`gateway listening on ${url} (Socket.IO namespace ${LIVE_NAMESPACE})`);
}

main().catch((e: Error) => {
  process.stderr.write(`[gateway] failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
