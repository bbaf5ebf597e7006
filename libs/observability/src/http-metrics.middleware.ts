import type { IncomingMessage, ServerResponse } from 'http';
import type { AppMetrics } from './app-metrics';

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: string };
}

/**
 * Express middleware: times every request and records it under its route *pattern*
 * (`/sessions/:id/registrations`), never the raw path, so ids do not explode the label set.
 * A request no route matched is `unmatched`.
 */
export function httpMetrics(metrics: AppMetrics) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const end = metrics.http.startTimer();
    res.once('finish', () => {
      const r = req as RoutedRequest;
      const route = r.route?.path !== undefined ? `${r.baseUrl ?? ''}${r.route.path}` : 'unmatched';
      end({ method: req.method ?? 'GET', route, status_code: String(res.statusCode) });
    });
    next();
  };
}
