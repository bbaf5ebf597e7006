import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Params } from 'nestjs-pino';

/**
 * JSON logs with a request id per request (taken from X-Request-Id when a proxy set one, echoed
 * back), and every credential-bearing field redacted.
 */
export function loggerParams(app: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      name: app,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.query.token',
          'res.headers["set-cookie"]',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Query strings may carry feed tokens: log the path only.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
      },
      // Probes and scrapes come every few seconds from every balancer and Prometheus: not logged.
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? '') },
    },
  };
}
