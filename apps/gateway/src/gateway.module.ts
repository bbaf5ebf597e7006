import { createSecretKey } from 'crypto';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import {
  AttendanceModule,
  ENGAGEMENT_LIVE_PROVIDERS,
  ENGAGEMENT_OPTIONS,
  EngagementOptions,
  LIVE_ATTENDANCE_PROVIDERS,
  LIVE_OPTIONS,
  LIVE_QA_PROVIDERS,
  LIVE_REDIS,
  LiveOptions,
  QaModule,
} from '@qatys/domain';
import { createRedis, dataSourceOptions } from '@qatys/persistence';
import { AppMetrics, DrainState } from '@qatys/observability';
import { GatewayMetrics } from './gateway.metrics';
import { GatewayStartupChecks } from './gateway-startup-checks';
import { ProbesController } from './probes.controller';
import { gatewayLoggerParams } from './gateway.logging';
import { GATEWAY_REDIS } from './gateway.tokens';
import { EngagementBuffers } from './engagement/engagement-buffers';
import { EngagementHandlers } from './engagement/engagement.handlers';
import { EngagementRuntime } from './engagement/engagement-runtime.service';
import { PollHandlers } from './engagement/poll.handlers';
import { RoomHandlers } from './engagement/room.handlers';
import { HealthController } from './health.controller';
import { LiveGateway } from './live.gateway';
import { LiveRightsWatcher } from './live-rights.watcher';
import { LiveRuntime } from './live-runtime.service';
import { LiveSockets } from './live-sockets';

export function liveOptionsOf(config: GatewayConfig): LiveOptions {
  return {
    heartbeatMs: config.GATEWAY_HEARTBEAT_MS,
    presenceTtlMs: config.GATEWAY_PRESENCE_TTL_MS,
    updateIntervalMs: config.GATEWAY_ATTENDANCE_UPDATE_MS,
    flushMs: config.GATEWAY_INTERVAL_FLUSH_MS,
    flushRows: config.GATEWAY_INTERVAL_FLUSH_ROWS,
    cacheMs: config.GATEWAY_CACHE_MS,
    questionsPerWindow: config.GATEWAY_QA_QUESTIONS_PER_WINDOW,
    votesPerWindow: config.GATEWAY_QA_VOTES_PER_WINDOW,
    rateWindowMs: config.GATEWAY_QA_RATE_WINDOW_MS,
    maxSocketsPerPerson: config.GATEWAY_MAX_SOCKETS_PER_PERSON,
  };
}

export function engagementOptionsOf(config: GatewayConfig): EngagementOptions {
  return {
    chatMessagesPerWindow: config.GATEWAY_CHAT_MESSAGES_PER_WINDOW,
    rateWindowMs: config.GATEWAY_QA_RATE_WINDOW_MS,
    updateIntervalMs: config.GATEWAY_ENGAGEMENT_UPDATE_MS,
  };
}

/** The gateway program: Socket.IO namespace /live for attendees and staff, plus /health. */
@Module({})
export class GatewayModule implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    const secretKey = createSecretKey(Buffer.from(config.JWT_SECRET));
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot(gatewayLoggerParams(config.LOG_LEVEL)),
        // Verifies the access tokens the API signs: same secret, issuer and algorithm. The secret
        // is handed over as a KeyObject: given a string, jsonwebtoken first tries (and fails) to
        // parse it as a public key on every verify, a tenth of the CPU of a burst of joins.
        JwtModule.register({
          secretOrKeyProvider: () => secretKey,
          verifyOptions: { issuer: 'qatys', algorithms: ['HS256'] },
        }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.DATABASE_URL,
            poolSize: config.DB_POOL_SIZE,
            applicationName: 'qatys-gateway',
          }),
          autoLoadEntities: true,
        }),
        AttendanceModule,
        QaModule,
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [HealthController, ProbesController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: GATEWAY_REDIS,
          // Auto-pipelining: the presence scripts of a burst of joins go out in one write per tick
          // (one syscall on each side instead of one per join).
          useFactory: () =>
            createRedis(config.REDIS_URL, {
              keyPrefix: `${config.REDIS_PREFIX}:`,
              maxRetriesPerRequest: 2,
              enableAutoPipelining: true,
            }),
        },
        // Presence, Q&A rate limits and the socket adapter share REDIS_PREFIX.
        { provide: LIVE_REDIS, useExisting: GATEWAY_REDIS },
        { provide: LIVE_OPTIONS, useValue: liveOptionsOf(config) },
        ...LIVE_ATTENDANCE_PROVIDERS,
        ...LIVE_QA_PROVIDERS,
        { provide: ENGAGEMENT_OPTIONS, useValue: engagementOptionsOf(config) },
        ...ENGAGEMENT_LIVE_PROVIDERS,
        EngagementBuffers,
        PollHandlers,
        RoomHandlers,
        EngagementHandlers,
        EngagementRuntime,
        LiveSockets,
        LiveRightsWatcher,
        LiveGateway,
        LiveRuntime,
        // operations: /metrics, probes, draining, the start-up check of Redis
        { provide: AppMetrics, useFactory: () => new AppMetrics('gateway') },
        GatewayMetrics,
        DrainState,
        GatewayStartupChecks,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
