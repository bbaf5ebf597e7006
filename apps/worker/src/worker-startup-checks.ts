import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import { warnUnlessNoEviction } from '@qatys/observability';
import { WORKER_REDIS } from './worker.tokens';

/** Says loudly at start-up when Redis may evict keys: BullMQ would lose reminders. */
@Injectable()
export class WorkerStartupChecks implements OnApplicationBootstrap {
  private readonly logger = new Logger('Operations');

  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    await warnUnlessNoEviction(this.redis, (m) => this.logger.error(m));
  }
}
