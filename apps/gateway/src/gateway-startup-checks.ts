import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import { warnUnlessNoEviction } from '@qatys/observability';
import { GatewayMetrics } from './gateway.metrics';
import { GATEWAY_REDIS } from './gateway.tokens';

/**
 * Says loudly at start-up when Redis may evict keys (presence and the worker's queues share it),
 * and makes sure the gateway's gauges exist from the start.
 */
@Injectable()
export class GatewayStartupChecks implements OnApplicationBootstrap {
  private readonly logger = new Logger('Operations');

  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
    readonly metrics: GatewayMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await warnUnlessNoEviction(this.redis, (m) => this.logger.error(m));
  }
}
