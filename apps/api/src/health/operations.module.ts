import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { AppMetrics, DrainState, warnUnlessNoEviction } from '@qatys/observability';
import { REDIS } from '../core.module';
import { ApiProbeDeps } from './api-probe-deps';
import { MetricsController } from './metrics.controller';
import { ProbesController } from './probes.controller';

/** Probes (/health/live, /health/ready), /metrics and the start-up check of Redis. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [ProbesController, MetricsController],
  providers: [{ provide: AppMetrics, useValue: new AppMetrics('api') }, DrainState, ApiProbeDeps],
  exports: [AppMetrics, DrainState],
})
export class ApiOperationsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Operations');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    await warnUnlessNoEviction(this.redis, (m) => this.logger.error(m));
  }
}
