import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { DomainOutbox } from '@qatys/domain';
import { RecordingJobs } from '../recordings/recording-jobs';
import { NotificationListener } from './notification-listener';
import { NotificationRelay } from './notification-relay';
import { ReminderReconciler } from './reminder-reconciler';

const BATCH = 100;
/** An event whose handler failed is retried after this long (the rest of the outbox goes on). */
const FAILED_EVENT_RETRY_MS = 60_000;
/** ... unless the failure was a deadlock or a serialization failure: those are retried at once. */
const TRANSIENT_RETRY_MS = 200;
/**
 * Woken by an event, the consumer waits this long before taking a batch. A crowd records one
 * event per registration and every worker is woken by each: without the wait each event was a
 * batch of its own (its own transaction, relay read, Redis scripts and addBulk) and each other
 * worker ran an empty claim for it. Gathered, a batch carries the events of the window, and the
 * confirmation mail leaves at most this much later.
 */
export const OUTBOX_GATHER_MS = 50;

/**
 * Drains the domain_events outbox in batches (DomainOutbox: every consumer of the domain events),
 * then makes the jobs of what each batch planned. Woken by NOTIFY when an event is recorded, and
 * polled every OUTBOX_POLL_INTERVAL_MS anyway (settled events, retries).
 */
@Injectable()
export class OutboxConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxConsumer.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private readonly failedUntil = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly outbox: DomainOutbox,
    private readonly relay: NotificationRelay,
    private readonly listener: NotificationListener,
    private readonly reconciler: ReminderReconciler,
    private readonly recordings: RecordingJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.on(() => this.kick());
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
  }

  private kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      let more = false;
      try {
        more = (await this.step()).more;
      } catch (e) {
        this.logger.error({ err: (e as Error).message }, 'outbox step failed');
        await this.sleep(1000);
      }
      if (more || !this.running) continue;
      // Kicked during the step, or while idle: let the window's other events arrive first.
      const woken = this.kicked || (await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS));
      if (woken && this.running) await this.gather();
    }
  }

  private async step(): Promise<{ processed: number; more: boolean }> {
    const now = Date.now();
    for (const [id, until] of this.failedUntil) if (until <= now) this.failedUntil.delete(id);
    const batch = await this.outbox.processBatch(BATCH, [...this.failedUntil.keys()]);
    for (const f of batch.failed)
      this.failedUntil.set(f.id, now + (f.transient ? TRANSIENT_RETRY_MS : FAILED_EVENT_RETRY_MS));
    try {
      await this.relay.apply(batch.effects);
      await this.recordings.enqueue(batch.effects.convertRecordings);
    } catch (e) {
      // The rows are committed; without their jobs the reconciler's next pass restores them.
      this.reconciler.requestFullPass();
      this.logger.warn(
        { err: (e as Error).message },
        'relay to Redis failed; the reconciler will restore the jobs',
      );
    }
    return { processed: batch.processed.length, more: batch.fetched === BATCH };
  }

  /** Resolves true when kicked (an event was recorded), false when the poll interval passed. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const done = (kicked: boolean) => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(kicked);
      };
      this.wake = () => done(true);
    });
  }

  /** The gathering window; shutdown does not wait for it. */
  private gather(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, OUTBOX_GATHER_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        // Only shutdown cuts the window short; further events join it.
        if (!this.running) {
          this.wake = undefined;
          done();
        }
      };
    });
  }
}
