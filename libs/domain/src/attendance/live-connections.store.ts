import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { MicroBatcher } from '../shared/micro-batcher';
import { LIVE_OPTIONS, LIVE_REDIS, LiveOptions } from './live.tokens';

// Per session s and person u: live:s:<s>:c:<u> = set of "<process>|<socket>" in that session
// (staff and uncounted connections too). A member whose process is gone (not in live:nodes, or
// silent past the presence TTL) is dead and removed when the person is at the limit: a crashed
// process's connections free their places without a sweep of their own; a process that was only
// paused and heartbeats again owns its members again.
const NODES = 'live:nodes';
const KEEP_MS = 48 * 3600_000;

/**
 * KEYS: live:nodes. ARGV: key prefix, expiry ms, cutoff ms (older heartbeats are dead), limit,
 * then per op 'c'|'r', session, user, member. 'c' (claim) -> 1 when the member holds a place
 * (now or already), 0 at the limit; 'r' (release) -> 0.
 */
const APPLY = `
local prefix, keep, cutoff, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
while i <= #ARGV do
  local op, key, member = ARGV[i], prefix .. 'live:s:' .. ARGV[i + 1] .. ':c:' .. ARGV[i + 2], ARGV[i + 3]
  i = i + 4
  if op == 'r' then
    redis.call('SREM', key, member)
    out[#out + 1] = 0
  elseif redis.call('SISMEMBER', key, member) == 1 then
    out[#out + 1] = 1
  else
    if redis.call('SCARD', key) >= limit then
      for _, m in ipairs(redis.call('SMEMBERS', key)) do
        local node = string.match(m, '^[^|]+')
        local beat = redis.call('ZSCORE', KEYS[1], node)
        if not beat or tonumber(beat) < cutoff then redis.call('SREM', key, m) end
      end
    end
    if redis.call('SCARD', key) >= limit then
      out[#out + 1] = 0
    else
      redis.call('SADD', key, member)
      redis.call('PEXPIRE', key, keep)
      out[#out + 1] = 1
    end
  end
end
return out`;

interface ConnectionCommands {
  liveConnections(...args: (string | number)[]): Promise<number[]>;
}

type Op = ['c' | 'r', string, string, string];

/**
 * How many sockets each person has in each session, across every gateway process (Redis), so one
 * account cannot multiply its per-socket flood allowance or crowd a session
 * (LiveOptions.maxSocketsPerPerson). Claims and releases of one tick go out as one script call
 * (a session start is thousands of joins a second).
 */
@Injectable()
export class LiveConnectionsStore {
  private readonly r: Redis & ConnectionCommands;
  private readonly prefix: string;
  private readonly batcher: MicroBatcher<Op, number>;

  constructor(
    @Inject(LIVE_REDIS) redis: Redis,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {
    this.r = redis as Redis & ConnectionCommands;
    this.prefix = redis.options.keyPrefix ?? '';
    if (!('liveConnections' in redis)) {
      redis.defineCommand('liveConnections', { numberOfKeys: 1, lua: APPLY });
    }
    this.batcher = new MicroBatcher(
      (ops) =>
        this.r.liveConnections(
          NODES,
          this.prefix,
          KEEP_MS,
          // Heartbeats older than the presence TTL are of dead processes (as the sweeper judges).
          Date.now() - this.options.presenceTtlMs,
          this.options.maxSocketsPerPerson,
          ...ops.flat(),
        ),
      200,
    );
  }

  get limit(): number {
    return this.options.maxSocketsPerPerson;
  }

  /**
   * Takes a place for this socket among the person's sockets in the session; false when they
   * already have the limit (live ones). Claiming again for the same socket changes nothing.
   */
  async claim(node: string, sessionId: string, userId: string, socketId: string): Promise<boolean> {
    return (await this.batcher.add(['c', sessionId, userId, `${node}|${socketId}`])) === 1;
  }

  async release(node: string, sessionId: string, userId: string, socketId: string): Promise<void> {
    await this.batcher.add(['r', sessionId, userId, `${node}|${socketId}`]);
  }

  /** Places held by a person in a session (for tests and diagnostics; dead ones count until purged). */
  async count(sessionId: string, userId: string): Promise<number> {
    return this.r.scard(`live:s:${sessionId}:c:${userId}`);
  }
}
