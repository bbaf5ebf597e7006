import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomBytes } from 'crypto';
import { LIVE_REDIS } from '../attendance/live.tokens';

/**
 * A sliding window per key in Redis (a sorted set of timestamps from Redis's own clock), so a
 * limit holds across every gateway process: -1 when allowed, else milliseconds until it would be.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(0, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return -1`;

interface RateCommands {
  liveRateTake(key: string, windowMs: number, limit: number, member: string): Promise<number>;
}

@Injectable()
export class LiveRateLimiter {
  private readonly r: Redis & RateCommands;

  constructor(@Inject(LIVE_REDIS) redis: Redis) {
    this.r = redis as Redis & RateCommands;
    if (!('liveRateTake' in redis)) redis.defineCommand('liveRateTake', { numberOfKeys: 1, lua: TAKE });
  }

  /**
   * Takes one unit of `kind` for a person: `{ unit }` when allowed (hand it to giveBack if the
   * work it was taken for is not done after all), else `{ waitMs }` until one would be.
   */
  async take(
    kind: string,
    userId: string,
    limit: number,
    windowMs: number,
  ): Promise<{ unit: string } | { waitMs: number }> {
    const unit = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    const wait = await this.r.liveRateTake(this.key(kind, userId), windowMs, limit, unit);
    return wait < 0 ? { unit } : { waitMs: wait };
  }

  /** Returns a unit taken for work that was refused or failed: only accepted input uses the allowance. */
  async giveBack(kind: string, userId: string, unit: string): Promise<void> {
    await this.r.zrem(this.key(kind, userId), unit);
  }

  private key(kind: string, userId: string): string {
    return `live:rl:${kind}:${userId}`;
  }
}
