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
  CertificateNoticeContent,
  CertificateSettingsModule,
  CertificatesModule,
  DELIVERY_CHANNELS,
  DELIVERY_SETTINGS,
  DeliverySettings,
  DomainOutboxModule,
  InvitationLinksModule,
  InvitationNoticeContent,
  InvitationsModule,
  NOTICE_CONTENT,
  NotificationDeliveryService,
  PasswordResetNoticeContent,
  NotificationsModule,
  ROOM_PRESENCE_REDIS,
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
import { RecordingJobs } from './recordings/recording-jobs';
import { RecordingProcessor } from './recordings/recording.processor';
import { RoomClock } from './room-clock';
import { CertificateProcessor } from './certificates/certificate.processor';
import { CertificateRelay } from './certificates/certificate-relay';
import { SessionCloser } from './session-closer';
import { WorkerLifecycle } from './worker-lifecycle';
import { workerLoggerParams } from './worker.logging';
import { WORKER_REDIS } from './worker.tokens';
import { WorkerMetrics } from './worker.metrics';
import { WorkerStartupChecks } from './worker-startup-checks';

/** The worker program: queues and their processors, Postgres, and a health endpoint. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(
    @Inject(WORKER_REDIS) private readonly redis: Redis,
    @Inject(ROOM_PRESENCE_REDIS) private readonly roomsRedis: Redis,
  ) {}

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
        InvitationLinksModule.forRoot({ secret: config.JWT_SECRET, publicBaseUrl: config.PUBLIC_BASE_URL }),
        CertificateSettingsModule.forRoot({
          publicBaseUrl: config.PUBLIC_BASE_URL,
          fontDir: config.CERTIFICATE_FONT_DIR,
        }),
        InvitationsModule,
        CertificatesModule,
        DomainOutboxModule,
        // Ending a room empties its live counts (the gateway's keys, under REDIS_PREFIX).
        RoomsModule.forOptions(roomsOptionsFrom(config), {
          provide: ROOM_PRESENCE_REDIS,
          useFactory: () =>
            createRedis(config.REDIS_URL, { keyPrefix: `${config.REDIS_PREFIX}:`, maxRetriesPerRequest: 2 }),
        }),
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
        // Invitation and certificate mails: facts their contexts supply at send time.
        {
          provide: NOTICE_CONTENT,
          useFactory: (
            invitations: InvitationNoticeContent,
            certificates: CertificateNoticeContent,
            passwordResets: PasswordResetNoticeContent,
          ) => [invitations, certificates, passwordResets],
          inject: [InvitationNoticeContent, CertificateNoticeContent, PasswordResetNoticeContent],
        },
        PasswordResetNoticeContent,
        NotificationDeliveryService,
        NotificationListener,
        NotificationRelay,
        ReminderReconciler,
        OutboxConsumer,
        NotificationProcessor,
        SessionCloser,
        RoomClock,
        // certificates: pending rows -> jobs -> PDFs
        CertificateRelay,
        CertificateProcessor,
        // recordings of built-in rooms: room.ended -> job -> one WebM per session
        RecordingJobs,
        RecordingProcessor,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
    await this.roomsRedis.quit().catch(() => undefined);
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
