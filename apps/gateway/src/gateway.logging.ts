import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Params } from 'nestjs-pino';

/**
 * JSON logs with a request id per HTTP request (X-Request-Id honoured and echoed), credentials
 * redacted. Socket.IO traffic does not pass through Express, so it is not request-logged here.
 */
export function gatewayLoggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      name: 'gateway',
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.password'],
        censor: '[redacted]',
      },
      serializers: {
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
