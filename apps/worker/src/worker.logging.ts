import type { Params } from 'nestjs-pino';

/**
 * JSON logs like the other apps (pino through nestjs-pino). The worker serves no HTTP traffic,
 * so only the base logger is used; credential-bearing fields are redacted all the same.
 */
export function workerLoggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      name: 'worker',
      redact: {
        paths: ['*.password', '*.token', '*.refreshToken', '*.accessToken', '*.secret'],
        censor: '[redacted]',
      },
    },
  };
}
