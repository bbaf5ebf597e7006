import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type AppName = 'api' | 'worker' | 'gateway';

/**
 * One Prometheus registry per app instance (not prom-client's global one: the tests run several
 * apps in one process, and each must show only its own figures). It starts with Node's runtime
 * metrics — event-loop lag, heap, GC pauses, handles — and the HTTP histogram every app fills.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly http: Histogram<'method' | 'route' | 'status_code'>;

  constructor(readonly app: AppName) {
    this.registry.setDefaultLabels({ app });
    // 10 ms resolution is what the event-loop lag histogram needs to show a stalled loop.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.http = new Histogram({
      name: 'qatys_http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status (rate, errors and duration: RED)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    new Gauge({
      name: 'qatys_process_info',
      help: 'Always 1: the app and process id, to tell processes of one app apart',
      labelNames: ['pid'],
      registers: [this.registry],
    }).set({ pid: String(process.pid) }, 1);
  }

  /** Prometheus text exposition of everything registered (collect callbacks run now). */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
