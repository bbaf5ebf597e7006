import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'crypto';
import type Redis from 'ioredis';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { PASSWORD_HASH_COST, setPasswordHashLanes } from '@qatys/domain';
import { createRedis } from '@qatys/persistence';

export const REDIS = Symbol('REDIS');

/** App-wide providers: validated config, the Redis client, JWT signing. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: ApiConfig) {
    // The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails)
    // to parse it as a public key on every verify, and as a private key on every sign — ~13% of
    // the api's CPU in a sign-up crowd's profile (bench:national, 2026-12-06).
    const secretKey = createSecretKey(Buffer.from(config.JWT_SECRET));
    // Process-wide, as libuv's thread pool the hashes run on (libs/domain/src/identity/password.ts).
    setPasswordHashLanes(config.PASSWORD_HASH_LANES);
    return {
      module: CoreModule,
      imports: [
        JwtModule.register({
          global: true,
          secretOrKeyProvider: () => secretKey,
          signOptions: { expiresIn: config.JWT_ACCESS_TTL_SECONDS, issuer: 'qatys' },
          verifyOptions: { issuer: 'qatys', algorithms: ['HS256'] },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PASSWORD_HASH_COST, useValue: config.PASSWORD_HASH_COST },
        {
          provide: REDIS,
          useFactory: () =>
            createRedis(config.REDIS_URL, { keyPrefix: `${config.REDIS_PREFIX}:`, maxRetriesPerRequest: 2 }),
        },
      ],
      exports: [APP_CONFIG, PASSWORD_HASH_COST, REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
