import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import { createRedis, dataSourceOptions } from '@qatys/persistence';
import { gatewayLoggerParams } from './gateway.logging';
import { GATEWAY_REDIS } from './gateway.tokens';
import { HealthController } from './health.controller';
import { LiveGateway } from './live.gateway';

/** The gateway program: Socket.IO namespace /live for attendees and staff, plus /health. */
@Module({})
export class GatewayModule implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot(gatewayLoggerParams(config.LOG_LEVEL)),
        // Verifies the access tokens the API signs: same secret, issuer and algorithm.
        JwtModule.register({
          secret: config.JWT_SECRET,
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
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: GATEWAY_REDIS,
          useFactory: () =>
            createRedis(config.REDIS_URL, { keyPrefix: `${config.REDIS_PREFIX}:`, maxRetriesPerRequest: 2 }),
        },
        LiveGateway,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
