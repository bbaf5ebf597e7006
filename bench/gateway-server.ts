/**
 * Our gateway under load, in its own process (as production runs it). Prints `{"port": N}` when
 * listening, then answers `{"cmd":"heap"}` with its settled heap and `{"cmd":"stop"}` by closing.
 */
import 'reflect-metadata';
import { gatewaySchema, loadConfig } from '@qatys/config';
import { createGatewayApp } from '../apps/gateway/src/gateway.bootstrap';
import { serveCommands, settledHeap } from './support/child-process';

async function main(): Promise<void> {
  const config = loadConfig(gatewaySchema, { ...process.env, LOG_LEVEL: 'silent', GATEWAY_PORT: '0' });
  const app = await createGatewayApp(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  serveCommands({
    heap: async () => ({ heapUsed: await settledHeap(), rss: process.memoryUsage().rss }),
    stop: async () => {
      await app.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
