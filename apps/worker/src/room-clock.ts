import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { RoomLifecycleService } from '@qatys/domain';

/**
 * The rooms' clock in the worker: every ROOMS_SWEEP_INTERVAL_MS, ends the rooms of sessions that
 * ended and takes expired grant tokens out of the rooms. Idempotent, so several workers may run it.
 */
@Injectable()
export class RoomClock implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RoomClock.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly rooms: RoomLifecycleService,
  ) {}

  onApplicationBootstrap(): void {
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
      .catch((e: Error) => this.logger.error({ err: e.message }, 'room sweep failed'))
      .finally(() => (this.current = undefined));
    return this.current;
  }
}
