import { JwtService } from '@nestjs/jwt';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppMetrics, httpMetrics } from '@qatys/observability';
import type { GatewayConfig } from '@qatys/config';
import { GatewayModule } from './gateway.module';
import { RedisIoAdapter } from './redis-adapter';

/** Builds the gateway exactly as production runs it (not yet listening); the end-to-end tests use this too. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(AppMetrics)));
  const adapter = new RedisIoAdapter(app, config, app.get(JwtService));
  await adapter.connect();
  app.useWebSocketAdapter(adapter);
  return app;
}
