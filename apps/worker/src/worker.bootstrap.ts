import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { WorkerConfig } from '@qatys/config';
import { WorkerModule } from './worker.module';

/**
 * Builds and starts the worker exactly as production runs it (processors consuming, health
 * endpoint listening); the end-to-end tests use this too. No HTTP app: an application context.
 */
export async function createWorkerApp(config: WorkerConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
