import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { MicroBatcher } from '../shared/micro-batcher';
import { LIVE_REDIS } from './live.tokens';
import { roomLiveCounts } from './room-presence.counts';

/** One connection of a counted attendee in a session, as this gateway process knows it. */
export interface PresenceEntry {
  sessionId: string;
  socketId: string;
  userId: string;
  /** Region id, or NO_REGION (0). */
  regionKey: number;
  intervalId: string;
  registrationId: string | null;
  joinedAt: number;
}

/** A connection removed from the counts because its gateway process went silent. */
export interface SweptEntry extends PresenceEntry {
  /** The dead process's last heartbeat: the connection is taken to have ended then. */
  lastSeen: number;
}

export interface LiveCounts {
  live: Map<number, number>;
  peak: Map<number, number>;
  attended: Map<number, number>;
  totalPeak: number;
}

// Keys (under the client's REDIS_PREFIX). Per session s:
//   live:s:<s>:info   hash socketId -> "user|region|interval|registration|joinedAt"
//   live:s:<s>:uc     hash userId -> live connections of that person (two tabs count once)
//   live:s:<s>:ur     hash userId -> region the person counts in while live
//   live:s:<s>:live   hash region -> people live now ("_t": total)
//   live:s:<s>:peak   hash region -> most people live at once ("_t": total)
//   live:s:<s>:seen   set of userIds who joined; live:s:<s>:att hash region -> their count
//   live:s:<s>:scopes set of coordinator scope keys to send filtered updates to
//   live:s:<s>:lock   "an update went out less than updateIntervalMs ago"
// Global: live:dirty (sessions whose counts changed), live:nodes (zset gateway process -> last
// heartbeat ms), live:n:<node> (set of "<session>|<socket>" a process holds).
const TOTAL = '_t';

const LEAVE_BODY = `
    local user = string.match(v, '^[^|]+')
    local n = redis.call('HINCRBY', uc, user, -1)
    if n <= 0 then
      redis.call('HDEL', uc, user)
      local r = redis.call('HGET', ur, user)
      redis.call('HDEL', ur, user)
      if r then
        redis.call('HINCRBY', live, r, -1)
        redis.call('HINCRBY', live, '${TOTAL}', -1)
      end
    end`;

/**
 * Joins and leaves of this process, in the order they happened, as one script: a join burst is
 * thousands of them a second, and one call per tick instead of one per join spares the gateway
 * a command object, a promise and a reply each, and Redis an invocation each. The dirty mark,
 * the peaks (the highest counts the call reached) and the keys' fresh expiry are written once
 * per session per call, not per op. KEYS: dirty set, this process's set.
 * ARGV: key prefix, expiry ms, then per op either
 *   'j', session, socket, user, region, stored value   -> 1 when counted now, 0 when already
 *   'l', session, socket                                -> the stored value, or false
 */
const APPLY = `
local dirty, held = KEYS[1], KEYS[2]
local prefix, keep = ARGV[1], ARGV[2]
local out, touched, changed, highs = {}, {}, {}, {}
local i = 3
while i <= #ARGV do
  local op, sid, sock = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local base = prefix .. 'live:s:' .. sid .. ':'
  local info, uc, ur, live = base .. 'info', base .. 'uc', base .. 'ur', base .. 'live'
  if op == 'j' then
    local user, region, stored = ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
    i = i + 6
    if redis.call('HSETNX', info, sock, stored) == 0 then
      out[#out + 1] = 0
    else
      local seen, att = base .. 'seen', base .. 'att'
      redis.call('SADD', held, sid .. '|' .. sock)
      if redis.call('HINCRBY', uc, user, 1) == 1 then
        redis.call('HSET', ur, user, region)
        -- Peaks: the highest counts this call reaches, compared with the stored peaks once at the end.
        local high = highs[base]
        if not high then high = {}; highs[base] = high end
        local l = redis.call('HINCRBY', live, region, 1)
        local t = redis.call('HINCRBY', live, '${TOTAL}', 1)
        if l > (high[region] or 0) then high[region] = l end
        if t > (high['${TOTAL}'] or 0) then high['${TOTAL}'] = t end
      end
      if redis.call('SADD', seen, user) == 1 then
        redis.call('HINCRBY', att, region, 1)
        redis.call('HINCRBY', att, '${TOTAL}', 1)
      end
      changed[sid] = true
      touched[base] = true
      out[#out + 1] = 1
    end
  else
    i = i + 3
    local v = redis.call('HGET', info, sock)
    if v then
      redis.call('HDEL', info, sock)
      redis.call('SREM', held, sid .. '|' .. sock)
      ${LEAVE_BODY}
      changed[sid] = true
      out[#out + 1] = v
    else
      out[#out + 1] = false
    end
  end
end
for base, high in pairs(highs) do
  local peak = base .. 'peak'
  for region, n in pairs(high) do
    if n > tonumber(redis.call('HGET', peak, region) or '0') then redis.call('HSET', peak, region, n) end
  end
end
for sid in pairs(changed) do redis.call('SADD', dirty, sid) end
for base in pairs(touched) do
  for _, k in ipairs({ 'info', 'uc', 'ur', 'live', 'peak', 'seen', 'att' }) do
    redis.call('PEXPIRE', base .. k, keep)
  end
end
return out`;

/** Returns 1 when the process was known alive, 0 when new or swept (it must re-register its connections). */
const HEARTBEAT = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if s then return 1 end
return 0`;

/**
 * Removes a silent process and every connection it held, atomically (so its own late heartbeat
 * sees it was swept and re-registers instead of racing the sweep). Returns its last heartbeat
 * then "<session>|<socket>|<info>" per removed connection.
 */
const SWEEP = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not s or tonumber(s) > tonumber(ARGV[2]) then return false end
redis.call('ZREM', KEYS[1], ARGV[1])
local out = { s }
for _, m in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local sep = string.find(m, '|', 1, true)
  local sid = string.sub(m, 1, sep - 1)
  local sock = string.sub(m, sep + 1)
  local base = ARGV[3] .. 'live:s:' .. sid .. ':'
  local v = redis.call('HGET', base .. 'info', sock)
  if v then
    redis.call('HDEL', base .. 'info', sock)
    local uc, ur, live = base .. 'uc', base .. 'ur', base .. 'live'
    ${LEAVE_BODY}
    redis.call('SADD', KEYS[3], sid)
    table.insert(out, m .. '|' .. v)
  end
end
redis.call('DEL', KEYS[2])
return out`;

/** Takes dirty sessions whose last update is older than the interval (one process wins each). */
const TAKE_DUE = `
local ids = redis.call('SPOP', KEYS[1], ARGV[1])
local out, back = {}, {}
for _, s in ipairs(ids) do
  if redis.call('SET', ARGV[3] .. 'live:s:' .. s .. ':lock', '1', 'NX', 'PX', ARGV[2]) then
    table.insert(out, s)
  else
    table.insert(back, s)
  end
end
if #back > 0 then redis.call('SADD', KEYS[1], unpack(back)) end
return out`;

interface PresenceCommands {
  liveApply(...args: (string | number)[]): Promise<(number | string | null)[]>;
  liveHeartbeat(...args: (string | number)[]): Promise<number>;
  liveSweep(...args: (string | number)[]): Promise<string[] | null>;
  liveTakeDue(...args: (string | number)[]): Promise<string[]>;
}

/** Counters kept this long after the last join (then Redis forgets a finished session). */
const KEEP_MS = 48 * 3600_000;

/** The keys read from here; the scripts build the rest from the prefix (see the key list above). */
const sessionKeys = (s: string) => {
  const b = `live:s:${s}:`;
  return { live: `${b}live`, peak: `${b}peak`, att: `${b}att`, scopes: `${b}scopes` };
};
type PresenceOp = ['j', string, string, string, number, string] | ['l', string, string];

const DIRTY = 'live:dirty';
const NODES = 'live:nodes';
const nodeSet = (node: string) => `live:n:${node}`;

const encode = (e: PresenceEntry) =>
  `${e.userId}|${e.regionKey}|${e.intervalId}|${e.registrationId ?? ''}|${e.joinedAt}`;

function decode(sessionId: string, socketId: string, v: string): PresenceEntry {
  const [userId, region, intervalId, registrationId, joinedAt] = v.split('|');
  return {
    sessionId,
    socketId,
    userId,
    regionKey: Number(region),
    intervalId,
    registrationId: registrationId || null,
    joinedAt: Number(joinedAt),
  };
}

function numbers(h: Record<string, string>): { byRegion: Map<number, number>; total: number } {
  const byRegion = new Map<number, number>();
  let total = 0;
  for (const [k, v] of Object.entries(h)) {
    if (k === TOTAL) total = Number(v);
    else byRegion.set(Number(k), Number(v));
  }
  return { byRegion, total };
}

/**
 * Live presence in Redis, shared by every gateway process: who is live per session and region,
 * peaks and distinct attendees so far. A person counts once however many connections they have.
 * Each process heartbeats; a process silent for the TTL is swept by any other, its connections
 * leaving the counts at its last heartbeat. Every change is one Lua script, so concurrent joins
 * and leaves on several processes never lose an update.
 */
@Injectable()
export class PresenceStore {
  private readonly r: Redis & PresenceCommands;
  /** Scripts build per-session keys themselves, so they need the client's key prefix. */
  private readonly prefix: string;
  private readonly batchers = new Map<string, MicroBatcher<PresenceOp, number | string | null>>();

  constructor(@Inject(LIVE_REDIS) redis: Redis) {
    this.r = redis as Redis & PresenceCommands;
    this.prefix = redis.options.keyPrefix ?? '';
    if (!('liveApply' in redis)) {
      redis.defineCommand('liveApply', { numberOfKeys: 2, lua: APPLY });
      redis.defineCommand('liveHeartbeat', { numberOfKeys: 1, lua: HEARTBEAT });
      redis.defineCommand('liveSweep', { numberOfKeys: 3, lua: SWEEP });
      redis.defineCommand('liveTakeDue', { numberOfKeys: 1, lua: TAKE_DUE });
    }
  }

  /** Adds a connection; false when it was already counted (a repeated join). */
  async join(node: string, e: PresenceEntry): Promise<boolean> {
    return (
      (await this.batcherOf(node).add(['j', e.sessionId, e.socketId, e.userId, e.regionKey, encode(e)])) === 1
    );
  }

  /** Removes a connection; returns what was stored for it, or null when it was not counted. */
  async leave(node: string, sessionId: string, socketId: string): Promise<PresenceEntry | null> {
    const v = await this.batcherOf(node).add(['l', sessionId, socketId]);
    return typeof v === 'string' ? decode(sessionId, socketId, v) : null;
  }

  /** One ordered queue per process: a leave can never overtake the join it undoes. */
  private batcherOf(node: string): MicroBatcher<PresenceOp, number | string | null> {
    let b = this.batchers.get(node);
    if (!b) {
      b = new MicroBatcher(
        (ops) => this.r.liveApply(DIRTY, nodeSet(node), this.prefix, KEEP_MS, ...ops.flat()),
        200,
      );
      this.batchers.set(node, b);
    }
    return b;
  }

  /** true: the process was known alive; false: new, or swept meanwhile (re-register its connections). */
  async heartbeat(node: string, now: number): Promise<boolean> {
    return (await this.r.liveHeartbeat(NODES, node, now)) === 1;
  }

  /** Processes whose last heartbeat is older than the cutoff. */
  async silentNodes(cutoff: number, limit = 20): Promise<string[]> {
    return this.r.zrangebyscore(NODES, '-inf', cutoff, 'LIMIT', 0, limit);
  }

  /** Removes a silent process's connections (null when another process swept it first or it came back). */
  async sweep(node: string, cutoff: number): Promise<SweptEntry[] | null> {
    const out = await this.r.liveSweep(NODES, nodeSet(node), DIRTY, node, cutoff, this.prefix);
    if (!out) return null;
    const lastSeen = Number(out[0]);
    return out.slice(1).map((m) => {
      const [sessionId, socketId, ...rest] = m.split('|');
      return { ...decode(sessionId, socketId, rest.join('|')), lastSeen };
    });
  }

  /** Forgets a process that stops cleanly (after its connections left). */
  async forgetNode(node: string): Promise<void> {
    await this.r.multi().zrem(NODES, node).del(nodeSet(node)).exec();
  }

  /** Marks a coordinator scope of a session so updates go out filtered for it. */
  async addScope(sessionId: string, scopeKey: string): Promise<void> {
    const k = sessionKeys(sessionId);
    await this.r.multi().sadd(k.scopes, scopeKey).pexpire(k.scopes, KEEP_MS).exec();
  }

  async scopes(sessionId: string): Promise<string[]> {
    return this.r.smembers(sessionKeys(sessionId).scopes);
  }

  /** Sessions whose counts changed and whose last update is at least intervalMs old. */
  async takeDue(intervalMs: number, max = 100): Promise<string[]> {
    return this.r.liveTakeDue(DIRTY, max, intervalMs, this.prefix);
  }

  async markDirty(sessionId: string): Promise<void> {
    await this.r.sadd(DIRTY, sessionId);
  }

  /**
   * The session's figures. A session with a video room counts `live` and `peak` from the room
   * (room-presence.counts.ts: who is watching), its `joined` from the room and the page together.
   */
  async counts(sessionId: string): Promise<LiveCounts> {
    const k = sessionKeys(sessionId);
    const [res, room] = await Promise.all([
      this.r.multi().hgetall(k.live).hgetall(k.peak).hgetall(k.att).exec(),
      roomLiveCounts(this.r, sessionId),
    ]);
    const [pageLive, pagePeak, att] = (res ?? []).map(([err, v]) => {
      if (err) throw err;
      return numbers(v as Record<string, string>);
    });
    const live = room ? numbers(room.live) : pageLive;
    const peak = room ? numbers(room.peak) : pagePeak;
    return { live: live.byRegion, peak: peak.byRegion, attended: att.byRegion, totalPeak: peak.total };
  }
}
