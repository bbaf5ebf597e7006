import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { ApiConfig } from '@qatys/config';
import { ApiModule } from './api.module';
import { BEARER_SCHEME, CALENDAR_FEED_SCHEME, ErrorResponse, METRICS_SCHEME } from './common/openapi';
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

  const doc = new DocumentBuilder()
    .setTitle('Qatys API')
    .setDescription(
      'Scheduling national training programs: regions, programs, modules, sessions, sections, speakers, registrations, rosters and calendars. ' +
        "Times are stored as UTC instants with the zone of record; responses carry the UTC instant and the time in the reader's zone. " +
        'Every error answer is an ErrorResponse whose `error` is a stable code.',
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'access token from POST /auth/login',
      },
      BEARER_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'query',
        name: 'token',
        description: 'calendar feed token from POST /me/calendar-token',
      },
      CALENDAR_FEED_SCHEME,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (GET /metrics, when one is set)' },
      METRICS_SCHEME,
    )
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => SwaggerModule.createDocument(app, doc, { extraModels: [ErrorResponse] }),
    {
      jsonDocumentUrl: 'docs-json',
      // Swagger UI would otherwise fetch a badge from validator.swagger.io: nothing leaves the install.
      swaggerOptions: { validatorUrl: null },
    },
  );
  return app;
}
