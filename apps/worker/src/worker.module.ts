import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { QUEUES } from '@qatys/contracts';
import { createRedis, dataSourceOptions } from '@qatys/persistence';
import { WorkerHealthServer } from './health.server';
import { MaintenanceProcessor } from './maintenance.processor';
import { bullConnectionOptions } from './redis-connection';
import { WorkerLifecycle } from './worker-lifecycle';
import { workerLoggerParams } from './worker.logging';
import { WORKER_REDIS } from './worker.tokens';

/** The worker program: queues and their processors, Postgres, and a health endpoint. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot(workerLoggerParams(config.LOG_LEVEL)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.DATABASE_URL,
            poolSize: config.DB_POOL_SIZE,
            applicationName: 'qatys-worker',
          }),
          autoLoadEntities: true,
        }),
        BullModule.forRoot({
          connection: bullConnectionOptions(config.REDIS_URL),
          prefix: config.REDIS_PREFIX,
        }),
        BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: WORKER_REDIS,
          useFactory: () => createRedis(config.REDIS_URL, { maxRetriesPerRequest: 2 }),
        },
        WorkerHealthServer,
        WorkerLifecycle,
        MaintenanceProcessor,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
