import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { endSessions } from '@qatys/domain';

const EVERY_MS = 60_000;
/** Sessions that ended longer ago than this are not ended (nor followed up) any more. */
const MAX_AGE_HOURS = 24;

/**
 * Ends sessions nobody ended, SESSION_AUTO_END_MINUTES after their end time, so their follow-ups
 * go out and their reports close. One UPDATE per tick in each worker process: a session is ended
 * (and its event recorded) by whichever process gets its row first, once.
 */
@Injectable()
export class SessionCloser implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionCloser.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<string[]>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SESSION_AUTO_END_MINUTES) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** One pass (tests call it directly); returns the sessions it ended. */
  tick(now = new Date()): Promise<string[]> {
    this.current ??= this.ds
      .transaction((em) =>
        endSessions(em, {
          graceMinutes: this.config.SESSION_AUTO_END_MINUTES,
          maxAgeHours: MAX_AGE_HOURS,
          now,
        }),
      )
      .then((ended) => {
        if (ended.length) this.logger.log({ sessions: ended }, 'ended overdue sessions');
        return ended;
      })
      .catch((e: Error) => {
        this.logger.error({ err: e.message }, 'ending overdue sessions failed');
        return [];
      })
      .finally(() => (this.current = undefined));
    return this.current;
  }
}
