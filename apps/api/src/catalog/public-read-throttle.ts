import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { TooManyRequests } from '../common/too-many-requests';
import { REDIS } from '../core.module';

/**
 * Anonymous reads of the public pages (and the share-link previews) per client address, counted
 * in Redis for every api process, with a per-process twin while Redis is away: a scraper gets 429
 * before any query, a person following links never comes near the budget.
 */
@Injectable()
export class PublicReadThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: ApiConfig) {
    const { points, seconds } = config.PUBLIC_CATALOG_IP_RATE;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'public:client',
      points,
      duration: seconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'public:client', points, duration: seconds }),
    });
  }

  async take(ip: string | undefined): Promise<void> {
    try {
      await this.limiter.consume(ip ?? 'unknown');
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        throw new TooManyRequests('Too many requests from this address', e.msBeforeNext);
      }
      throw e;
    }
  }
}
