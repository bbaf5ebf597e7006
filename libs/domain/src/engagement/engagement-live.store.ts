import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Reaction } from '@qatys/contracts';
import { LIVE_REDIS } from '../attendance/live.tokens';

/*
 * Engagement state shared by every gateway process, under REDIS_PREFIX:
 *   eng:s:<s>:hands      zset user -> raised at (ms, Redis clock): the queue, in order
 *   eng:s:<s>:handr      hash user -> region id ('' for none)
 *   eng:rx:<s>           hash reaction -> count since the last burst
 *   eng:dirty:<kind>     set of things whose update is due (kind: poll, hands, rx)
 *   eng:lock:<kind>:<x>  string, PX = the update interval: "an update went out"
 * Changed only by the scripts below, so raises, lowers and takes on several processes never lose
 * one. Session keys expire 48 h after their last change.
 */

const KEEP_MS = 48 * 3600 * 1000;

/** KEYS: hands, regions, dirty set. ARGV: user, region, session, keep ms. -> 1-based position. */
const RAISE = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return redis.call('ZRANK', KEYS[1], ARGV[1]) + 1`;

/** KEYS: hands, regions, dirty set. ARGV: session, user. -> 1 when the hand was up. */
const LOWER = `
local n = redis.call('ZREM', KEYS[1], ARGV[2])
if n > 0 then
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[1])
end
return n`;

/** KEYS: hands, regions, dirty set. ARGV: session. -> the users whose hands were up. */
const CLEAR = `
local users = redis.call('ZRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1], KEYS[2])
if #users > 0 then redis.call('SADD', KEYS[3], ARGV[1]) end
return users`;

/**
 * KEYS: dirty set. ARGV: lock key prefix (with the client's prefix), lock ms, max.
 * Takes the dirty members whose lock is free and locks them: one process sends each update, at
 * most one per interval; a locked member stays dirty for the next look.
 */
const TAKE_DUE = `
local members = redis.call('SRANDMEMBER', KEYS[1], tonumber(ARGV[3]))
local out = {}
for _, m in ipairs(members) do
  if redis.call('SET', ARGV[1] .. m, '1', 'NX', 'PX', tonumber(ARGV[2])) then
    redis.call('SREM', KEYS[1], m)
    out[#out + 1] = m
  end
end
return out`;

/**
 * KEYS: dirty set. ARGV: key prefix (with the client's), lock ms, max.
 * Due sessions' reaction counts, taken and cleared atomically: [session, reaction, n, ..., ''].
 */
const TAKE_REACTIONS = `
local members = redis.call('SRANDMEMBER', KEYS[1], tonumber(ARGV[3]))
local out = {}
for _, s in ipairs(members) do
  if redis.call('SET', ARGV[1] .. 'eng:lock:rx:' .. s, '1', 'NX', 'PX', tonumber(ARGV[2])) then
    redis.call('SREM', KEYS[1], s)
    local key = ARGV[1] .. 'eng:rx:' .. s
    local counts = redis.call('HGETALL', key)
    redis.call('DEL', key)
    out[#out + 1] = s
    for _, v in ipairs(counts) do out[#out + 1] = v end
    out[#out + 1] = ''
  end
end
return out`;

/** KEYS: counts, dirty set. ARGV: session, then reaction, n pairs. */
const ADD_REACTIONS = `
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], tonumber(ARGV[i + 1])) end
redis.call('PEXPIRE', KEYS[1], 60000)
redis.call('SADD', KEYS[2], ARGV[1])
return 1`;

interface Commands {
  engRaise(
    hands: string,
    regions: string,
    dirty: string,
    user: string,
    region: string,
    session: string,
    keep: number,
  ): Promise<number>;
  engLower(hands: string, regions: string, dirty: string, session: string, user: string): Promise<number>;
  engClear(hands: string, regions: string, dirty: string, session: string): Promise<string[]>;
  engTakeDue(dirty: string, lockPrefix: string, lockMs: number, max: number): Promise<string[]>;
  engTakeReactions(dirty: string, prefix: string, lockMs: number, max: number): Promise<string[]>;
  engAddReactions(
    counts: string,
    dirty: string,
    session: string,
    ...pairs: (string | number)[]
  ): Promise<number>;
}

export type UpdateKind = 'poll' | 'hands';

export interface RaisedHand {
  userId: string;
  regionId: number | null;
  raisedAt: Date;
}

const k = {
  hands: (s: string) => `eng:s:${s}:hands`,
  regions: (s: string) => `eng:s:${s}:handr`,
  dirty: (kind: UpdateKind | 'rx') => `eng:dirty:${kind}`,
  reactions: (s: string) => `eng:rx:${s}`,
};

/** Raised hands, coalesced updates and reaction counts in Redis, shared by every gateway process. */
@Injectable()
export class EngagementLiveStore {
  private readonly r: Redis & Commands;
  private readonly prefix: string;

  constructor(@Inject(LIVE_REDIS) redis: Redis) {
    this.r = redis as Redis & Commands;
    this.prefix = redis.options.keyPrefix ?? '';
    if (!('engRaise' in redis)) {
      redis.defineCommand('engRaise', { numberOfKeys: 3, lua: RAISE });
      redis.defineCommand('engLower', { numberOfKeys: 3, lua: LOWER });
      redis.defineCommand('engClear', { numberOfKeys: 3, lua: CLEAR });
      redis.defineCommand('engTakeDue', { numberOfKeys: 1, lua: TAKE_DUE });
      redis.defineCommand('engTakeReactions', { numberOfKeys: 1, lua: TAKE_REACTIONS });
      redis.defineCommand('engAddReactions', { numberOfKeys: 2, lua: ADD_REACTIONS });
    }
  }

  /** Raises a hand (again: keeps its place); the 1-based place in the queue. */
  raise(sessionId: string, userId: string, regionId: number | null): Promise<number> {
    return this.r.engRaise(
      k.hands(sessionId),
      k.regions(sessionId),
      k.dirty('hands'),
      userId,
      regionId === null ? '' : String(regionId),
      sessionId,
      KEEP_MS,
    );
  }

  /** True when the hand was up. */
  async lower(sessionId: string, userId: string): Promise<boolean> {
    return (
      (await this.r.engLower(k.hands(sessionId), k.regions(sessionId), k.dirty('hands'), sessionId, userId)) >
      0
    );
  }

  /** Lowers every hand; the people whose hands were up. */
  clear(sessionId: string): Promise<string[]> {
    return this.r.engClear(k.hands(sessionId), k.regions(sessionId), k.dirty('hands'), sessionId);
  }

  async position(sessionId: string, userId: string): Promise<number | null> {
    const rank = await this.r.zrank(k.hands(sessionId), userId);
    return rank === null ? null : rank + 1;
  }

  /** The first `limit` hands in the order they went up, and how many are up. */
  async queue(sessionId: string, limit = 200): Promise<{ total: number; hands: RaisedHand[] }> {
    const [[, total], [, flat]] = (await this.r
      .multi()
      .zcard(k.hands(sessionId))
      .zrange(k.hands(sessionId), 0, limit - 1, 'WITHSCORES')
      .exec()) as [[null, number], [null, string[]]];
    const users: string[] = [];
    const at: number[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      users.push(flat[i]);
      at.push(Number(flat[i + 1]));
    }
    const regions = users.length ? await this.r.hmget(k.regions(sessionId), ...users) : [];
    return {
      total,
      hands: users.map((userId, i) => ({
        userId,
        regionId: regions[i] ? Number(regions[i]) : null,
        raisedAt: new Date(at[i]),
      })),
    };
  }

  /** Something changed whose coalesced update is due (a poll's results). */
  async markDirty(kind: UpdateKind, ids: readonly string[]): Promise<void> {
    if (ids.length) await this.r.sadd(k.dirty(kind), ...ids);
  }

  /** Ids due an update now, locked for `intervalMs` so no other process sends the same one. */
  takeDue(kind: UpdateKind, intervalMs: number, max = 100): Promise<string[]> {
    return this.r.engTakeDue(k.dirty(kind), `${this.prefix}eng:lock:${kind}:`, intervalMs, max);
  }

  /** Adds this process's reactions of the last moments to the session's counts. */
  async addReactions(sessionId: string, counts: ReadonlyMap<Reaction, number>): Promise<void> {
    if (!counts.size) return;
    const pairs = [...counts].flatMap(([r, n]) => [r, n]);
    await this.r.engAddReactions(k.reactions(sessionId), k.dirty('rx'), sessionId, ...pairs);
  }

  /** Sessions whose reactions are due a burst, with their counts (taken: the next burst starts at 0). */
  async takeReactions(
    intervalMs: number,
    max = 100,
  ): Promise<{ sessionId: string; counts: Record<string, number> }[]> {
    const flat = await this.r.engTakeReactions(k.dirty('rx'), this.prefix, intervalMs, max);
    const out: { sessionId: string; counts: Record<string, number> }[] = [];
    let i = 0;
    while (i < flat.length) {
      const sessionId = flat[i++];
      const counts: Record<string, number> = {};
      while (flat[i] !== '') {
        counts[flat[i]] = Number(flat[i + 1]);
        i += 2;
      }
      i++;
      out.push({ sessionId, counts });
    }
    return out;
  }
}
