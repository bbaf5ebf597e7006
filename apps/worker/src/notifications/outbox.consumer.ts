import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { NotificationOutboxService } from '@qatys/domain';
import { NotificationListener } from './notification-listener';
import { NotificationRelay } from './notification-relay';
import { ReminderReconciler } from './reminder-reconciler';

const BATCH = 100;
/** An event whose producer failed is retried after this long (the rest of the outbox goes on). */
const FAILED_EVENT_RETRY_MS = 60_000;

/**
 * Drains the domain_events outbox in batches (see NotificationOutboxService), then makes the jobs
 * of what each batch planned. Woken by NOTIFY, and polled every OUTBOX_POLL_INTERVAL_MS anyway.
 * Also relays the sessions that program-level re-plans announce (`s:<session id>`) and the
 * registrations a person's change of zone re-planned (`r:<registration id>`).
 */
@Injectable()
export class OutboxConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxConsumer.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private readonly failedUntil = new Map<string, number>();
  private readonly sessions = new Set<string>();
  private readonly registrations = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly outbox: NotificationOutboxService,
    private readonly relay: NotificationRelay,
    private readonly listener: NotificationListener,
    private readonly reconciler: ReminderReconciler,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.on((payload) => {
      if (payload.startsWith('s:')) this.sessions.add(payload.slice(2));
      else if (payload.startsWith('r:')) this.registrations.add(payload.slice(2));
      this.kick();
    });
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
      if (!more && !this.kicked && this.running) await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS);
    }
  }

  private async step(): Promise<{ processed: number; more: boolean }> {
    const now = Date.now();
    for (const [id, until] of this.failedUntil) if (until <= now) this.failedUntil.delete(id);
    const batch = await this.outbox.processBatch(BATCH, [...this.failedUntil.keys()]);
    for (const f of batch.failed) this.failedUntil.set(f.id, now + FAILED_EVENT_RETRY_MS);
    const sessions = [...this.sessions];
    const registrations = [...this.registrations];
    this.sessions.clear();
    this.registrations.clear();
    try {
      await this.relay.apply(batch.targets);
      if (sessions.length || registrations.length)
        await this.relay.enqueue({ sessionIds: sessions, registrationIds: registrations });
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

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
