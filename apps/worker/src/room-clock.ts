import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { RoomLifecycleService } from '@qatys/domain';
import { RecordingJobs } from './recordings/recording-jobs';

/**
 * The rooms' clock in the worker: at start and every ROOMS_SWEEP_INTERVAL_MS, ends the rooms of
 * sessions that ended, takes expired grant tokens out of the rooms and makes sure every pending
 * recording conversion has its job. Idempotent, so several workers may run it.
 */
@Injectable()
export class RoomClock implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RoomClock.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly rooms: RoomLifecycleService,
    private readonly recordings: RecordingJobs,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.ROOMS_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  tick(now = new Date()): Promise<void> {
    this.current ??= this.rooms
      .sweep(now)
      .then((r) => {
        if (r.ended || r.revoked) this.logger.log(r, 'rooms swept');
      })
      // Pending conversions keep their job, whatever Redis lost (deterministic ids: a no-op otherwise).
      .then(async () => void (await this.recordings.reconcile()))
      .catch((e: Error) => this.logger.error({ err: e.message }, 'room sweep failed'))
      .finally(() => (this.current = undefined));
    return this.current;
  }
}
