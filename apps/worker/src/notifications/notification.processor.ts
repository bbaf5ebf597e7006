import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { JobMap, JobName, QUEUES } from '@qatys/contracts';
import { DeliveryFailedError, DeliveryOutcome, NotificationDeliveryService } from '@qatys/domain';
import { tracingEnabled } from '@qatys/observability';
import { BullMQOtel } from 'bullmq-otel';
import { bullConnectionOptions } from '../redis-connection';
import { WorkerMetrics } from '../worker.metrics';

type NotificationJob = Job<JobMap['reminder.send'] | JobMap['notice.send']>;

/**
 * The `notifications` queue's worker. Built here rather than with @Processor because its lock
 * and stall settings come from the validated config: WORKER_LOCK_DURATION_MS (5 s) decides how
 * soon a job of a killed worker runs again elsewhere — its lock lapses, and the stall check that
 * runs every half of it moves the job back (1 to 1.5 lock durations after the kill). That next
 * attempt finds the dead worker's ledger claim without its claimant lock and takes it over at
 * once (delivery.queries). A living worker that merely lost a lock (a stalled event loop) keeps
 * its claim: the other attempt looks again every second until it is sent.
 *
 * Each job calls one domain method (NotificationDeliveryService.deliver) and maps the outcome:
 * `defer` moves the job back to delayed without spending an attempt; a failure is rethrown, so
 * BullMQ retries it with exponential backoff (NOTIFY_ATTEMPTS, NOTIFY_BACKOFF_MS), and the last
 * one leaves the row `failed` with its reason. On SIGTERM close() lets running sends finish and
 * their marks commit.
 */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationProcessor.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly delivery: NotificationDeliveryService,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      QUEUES.notifications,
      (job: NotificationJob, token?: string) => this.process(job, token),
      {
        connection: bullConnectionOptions(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.WORKER_LOCK_DURATION_MS,
        stalledInterval: Math.max(500, Math.floor(this.config.WORKER_LOCK_DURATION_MS / 2)),
        maxStalledCount: 2,
        // Each job a span of the trace its producer stored (the request that made the notice).
        ...(tracingEnabled() ? { telemetry: new BullMQOtel({ tracerName: 'qatys' }) } : {}),
      },
    );
    this.worker.on('error', (e) => this.logger.error({ err: e.message }, 'notifications worker error'));
    this.worker.on('failed', (job, e) => {
      if (job && !(e instanceof DelayedError)) {
        this.logger.warn(
          { jobId: job.id, attempt: job.attemptsMade, err: e.message },
          'delivery attempt failed',
        );
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    // The last sends' "sent" marks are written behind their jobs: committed before we exit.
    await this.delivery.drain();
  }

  get bullWorker(): Worker | undefined {
    return this.worker;
  }

  async process(job: NotificationJob, token?: string): Promise<DeliveryOutcome> {
    const name = job.name as JobName;
    if (name !== 'reminder.send' && name !== 'notice.send') {
      throw new UnrecoverableError(`no handler for job "${job.name}" on queue ${QUEUES.notifications}`);
    }
    const { notificationId, dueAt } = job.data;
    if (typeof notificationId !== 'string' || !/^\d+$/.test(notificationId) || typeof dueAt !== 'string') {
      throw new UnrecoverableError(`malformed ${job.name} payload`);
    }
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let outcome: DeliveryOutcome;
    try {
      const sendFrom =
        'sendFrom' in job.data && typeof job.data.sendFrom === 'string' ? job.data.sendFrom : undefined;
      outcome = await this.delivery.deliver({ notificationId, dueAt, sendFrom, final });
    } catch (e) {
      if (final && !(e instanceof DeliveryFailedError)) {
        await this.delivery.fail(notificationId, (e as Error).message).catch(() => undefined);
      }
      throw e;
    }
    if (outcome.result === 'defer') {
      await job.moveToDelayed(Math.max(Date.now() + 10, outcome.until.getTime()), token);
      throw new DelayedError();
    }
    this.logger.debug({ jobId: job.id, ...outcome }, 'notification job done');
    this.observe(name, dueAt, outcome);
    return outcome;
  }

  private observe(name: JobName, dueAt: string, outcome: DeliveryOutcome): void {
    if (outcome.result === 'sent') {
      const kind = name === 'reminder.send' ? 'reminder' : 'notice';
      this.metrics.lateness.observe({ kind }, (Date.now() - Date.parse(dueAt)) / 1000);
    } else {
      this.metrics.deliveries.inc({ channel: 'none', outcome: outcome.result });
    }
  }
}
