import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { QUEUES } from '@qatys/contracts';
import {
  DELIVERY_CHANNELS,
  DELIVERY_SETTINGS,
  DeliverySettings,
  DomainOutboxModule,
  NotificationDeliveryService,
  NotificationsModule,
  RoomsModule,
  roomsOptionsFrom,
} from '@qatys/domain';
import { createRedis, dataSourceOptions } from '@qatys/persistence';
import { AppMetrics, DrainState } from '@qatys/observability';
import { WorkerHealthServer } from './health.server';
import { ClaimantLiveness } from './notifications/claimant-liveness';
import { WorkerDeliveryChannels } from './notifications/delivery-channels';
import { EmailChannel } from './notifications/email.channel';
import { NotificationListener } from './notifications/notification-listener';
import { NotificationProcessor } from './notifications/notification.processor';
import { NotificationRelay } from './notifications/notification-relay';
import { OutboxConsumer } from './notifications/outbox.consumer';
import { ReminderReconciler } from './notifications/reminder-reconciler';
import { WebhookChannel } from './notifications/webhook.channel';
import { bullConnectionOptions } from './redis-connection';
import { RoomClock } from './room-clock';
import { SessionCloser } from './session-closer';
import { WorkerLifecycle } from './worker-lifecycle';
import { workerLoggerParams } from './worker.logging';
import { WORKER_REDIS } from './worker.tokens';
import { WorkerMetrics } from './worker.metrics';
import { WorkerStartupChecks } from './worker-startup-checks';

/** The worker program: queues and their processors, Postgres, and a health endpoint. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
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
        NotificationsModule,
        DomainOutboxModule,
        RoomsModule.forOptions(roomsOptionsFrom(config)),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: WORKER_REDIS,
          useFactory: () => createRedis(config.REDIS_URL, { maxRetriesPerRequest: 2 }),
        },
        WorkerHealthServer,
        WorkerLifecycle,
        // operations: /metrics, probes, draining, the start-up check of Redis
        { provide: AppMetrics, useFactory: () => new AppMetrics('worker') },
        WorkerMetrics,
        DrainState,
        WorkerStartupChecks,
        // reminders and notices: outbox -> rows -> jobs -> deliveries
        EmailChannel,
        WebhookChannel,
        { provide: DELIVERY_CHANNELS, useClass: WorkerDeliveryChannels },
        ClaimantLiveness,
        {
          provide: DELIVERY_SETTINGS,
          useFactory: (claimant: ClaimantLiveness) => deliverySettings(config, claimant),
          inject: [ClaimantLiveness],
        },
        NotificationDeliveryService,
        NotificationListener,
        NotificationRelay,
        ReminderReconciler,
        OutboxConsumer,
        NotificationProcessor,
        SessionCloser,
        RoomClock,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

function deliverySettings(config: WorkerConfig, claimant: ClaimantLiveness): DeliverySettings {
  return {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    joinTokenSecret: config.JWT_SECRET || null,
    // Longer than one send may take (the config refuses less than 2 x the timeout).
    leaseSeconds: config.DELIVERY_CLAIM_LEASE_SECONDS,
    messageIdDomain: new URL(config.PUBLIC_BASE_URL).hostname || 'qatys.local',
    claimant,
  };
}
