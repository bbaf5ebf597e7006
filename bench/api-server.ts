/**
 * The API under load, in its own process so the load generator does not share its event loop.
 * Prints `{"port": N}` on stdout when ready.
 */
import 'reflect-metadata';
import { apiSchema, loadConfig } from '@qatys/config';
import { createApiApp } from '../apps/api/src/api.bootstrap';
import { ApiBenchModule, memoryBody } from './api-bench.module';

async function main(): Promise<void> {
  const config = loadConfig(apiSchema, { ...process.env, LOG_LEVEL: 'silent', API_PORT: '0' });
  const app = await createApiApp(config, [ApiBenchModule]);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const res = await fetch(`http://127.0.0.1:${port}/sessions?pageSize=50&sort=startAt`, {
    headers: { authorization: `Bearer ${process.env.BENCH_TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET /sessions answered ${res.status}: ${await res.text()}`);
  memoryBody.json = await res.text();
  process.stdout.write(`${JSON.stringify({ port, bytes: memoryBody.json.length })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
