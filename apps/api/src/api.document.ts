import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { apiSchema, loadConfig } from '@qatys/config';
import { ApiModule } from './api.module';
import { BEARER_SCHEME, CALENDAR_FEED_SCHEME, ErrorResponse, METRICS_SCHEME } from './common/openapi';

/** The OpenAPI document of an API app, as served at /docs-json. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
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
  return SwaggerModule.createDocument(app, doc, { extraModels: [ErrorResponse] });
}

/**
 * The same document without a database, Redis or a listening port: Nest's preview mode builds the
 * module graph (controllers and their decorators are all the document needs) and instantiates no
 * provider, so nothing connects. Used by `npm run web:api-types` to generate the web app's types.
 */
export async function buildApiDocumentOffline(): Promise<OpenAPIObject> {
  const config = loadConfig(apiSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Never dialled in preview mode; the schema only wants well-formed values.
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_SECRET: 'openapi-document-only-0123456789abcdef',
  });
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}
