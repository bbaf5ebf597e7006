import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { ApiConfig } from '@qatys/config';
import { ApiModule } from './api.module';
import { createApiDocument } from './api.document';
import { validationPipe } from './common/validation';
import { bodyParserErrors } from './common/domain-exception.filter';
import { requestHygiene } from './common/request-hygiene';
import { securityHeaders } from './common/security-headers';
import { json, text } from 'express';
import { AppMetrics, httpMetrics } from '@qatys/observability';

/** Builds the API exactly as production runs it; the end-to-end tests use this too. */
export async function createApiApp(config: ApiConfig, extra: Type[] = []): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, extra), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Before anything reads req.ip: the sign-in limits count per client address.
  app.set('trust proxy', config.API_TRUST_PROXY);
  app.use(httpMetrics(app.get(AppMetrics)));
  app.use(securityHeaders(config));
  app.use(json({ limit: config.BODY_LIMIT }));
  app.use(text({ limit: '2mb', type: ['text/csv', 'text/plain'] }));
  app.use(bodyParserErrors);
  app.use(requestHygiene);
  app.useGlobalPipes(validationPipe);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  SwaggerModule.setup('docs', app, () => createApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    // Swagger UI would otherwise fetch a badge from validator.swagger.io: nothing leaves the install.
    swaggerOptions: { validatorUrl: null },
  });
  return app;
}
