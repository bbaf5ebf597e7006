import { createHash, timingSafeEqual } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { AppMetrics } from './app-metrics';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics. With METRICS_TOKEN set, only `Authorization: Bearer <token>` (compared
 * in constant time); empty, anyone who reaches the port — keep it internal then (the balancer of
 * `npm run start:cluster` refuses /metrics from outside, the chart scrapes pods directly).
 */
export function metricsAllowed(token: string, authorization: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}

/** Answers a /metrics request on a bare node:http response (the worker has no Express). */
export async function serveMetrics(
  metrics: AppMetrics,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!metricsAllowed(token, req.headers.authorization)) {
    const body = JSON.stringify({
      statusCode: 401,
      error: 'unauthorized',
      message: 'metrics token required',
    });
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'WWW-Authenticate': 'Bearer' });
    res.end(body);
    return;
  }
  const { contentType, body } = await metrics.text();
  res.writeHead(200, { 'Content-Type': contentType });
  res.end(body);
}
