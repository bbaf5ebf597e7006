import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUES } from '@qatys/contracts';
import { outboxLag } from '@qatys/domain';
import { AppMetrics, registerQueueMetrics } from '@qatys/observability';

/**
 * The worker's own figures: how late reminders and notices go out (due → sent), deliveries by
 * channel and outcome, the outbox's lag, and the queue (depth, oldest waiting) — read from
 * Postgres and Redis at scrape time, so every worker process shows the shared state.
 */
@Injectable()
export class WorkerMetrics {
  /** Seconds from the due instant to the send; negative = released early (bursts). */
  readonly lateness: Histogram<'kind'>;
  readonly deliveries: Counter<'channel' | 'outcome'>;

  constructor(
    readonly app: AppMetrics,
    @InjectDataSource() ds: DataSource,
    @InjectQueue(QUEUES.notifications) queue: Queue,
  ) {
    const registers = [app.registry];
    this.lateness = new Histogram({
      name: 'qatys_notification_lateness_seconds',
      help: 'Due instant to sent, per kind (reminder, notice); negative when a burst was released early',
      labelNames: ['kind'],
      buckets: [-600, -60, -10, -1, 0, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
      registers,
    });
    this.deliveries = new Counter({
      name: 'qatys_deliveries_total',
      help: 'Delivery attempts by channel (email, webhook; none when nothing was to be sent) and outcome',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    const lag = outboxLag.bind(null, ds);
    let last: Promise<{ ageSeconds: number; pending: number }> | undefined;
    // Both gauges come from one query per scrape.
    const read = () => (last ??= lag().finally(() => setImmediate(() => (last = undefined))));
    new Gauge({
      name: 'qatys_outbox_lag_seconds',
      help: 'Age of the oldest domain event not yet handled (0 when none waits)',
      registers,
      async collect() {
        this.set((await read()).ageSeconds);
      },
    });
    new Gauge({
      name: 'qatys_outbox_pending_events',
      help: 'Domain events not yet handled',
      registers,
      async collect() {
        this.set((await read()).pending);
      },
    });
    registerQueueMetrics(app.registry, [queue]);
  }
}
