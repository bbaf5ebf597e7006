import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { apiSchema, loadConfigOrExit } from '@qatys/config';
import { createApiApp } from './api.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('api', apiSchema);
  const app = await createApiApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  const url = await app.getUrl();
  app.get(Logger).log(`api listening on ${url} (docs at ${url}/docs)`);
}

void main();
