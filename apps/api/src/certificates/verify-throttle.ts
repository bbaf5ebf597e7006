import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { REDIS } from '../core.module';
import { TooManyRequests } from '../common/too-many-requests';

/**
 * The public verification page is rate-limited per client address (all api processes share the
 * count in Redis; a per-process twin while Redis is away): codes cannot be guessed anyway, and a
 * flood gets 429 before any lookup.
 */
@Injectable()
export class VerifyThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: ApiConfig) {
    const { points, seconds } = config.CERTIFICATE_VERIFY_IP_RATE;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'verify:client',
      points,
      duration: seconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'verify:client', points, duration: seconds }),
    });
  }

  async take(ip: string | undefined): Promise<void> {
    try {
      await this.limiter.consume(ip ?? 'unknown');
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        throw new TooManyRequests('Too many verifications from this address', e.msBeforeNext);
      }
      throw e;
    }
  }
}
