import type Redis from 'ioredis';

/**
 * Who is in a session's video room now (Janus's event handler, BigBlueButton's webhooks), beside
 * the page sockets the gateway counts. For a session with a room the live figures are the room's
 * (docs/attendance.md): `live` and `peak` count the people watching, `joined` everyone who was in
 * the room or on the page at any time — a room join adds to the same `seen`/`att` counters as a
 * page join, so nobody counts twice. Kept in the gateway's Redis keys, so every gateway process
 * sends the same figures; each change marks the session dirty, and the gateway's update loop
 * sends it within GATEWAY_ATTENDANCE_UPDATE_MS.
 *
 * Keys per session s (under the REDIS_PREFIX), beside the presence store's:
 *   live:s:<s>:room   "1": live figures come from the room
 *   live:s:<s>:rp     hash participant -> "user|region"
 *   live:s:<s>:ruc    hash user -> room connections (a phone and a laptop count once)
 *   live:s:<s>:rur    hash user -> region the person counts in while in the room
 *   live:s:<s>:rlive  hash region -> people in the room now ("_t": total)
 *   live:s:<s>:rpeak  hash region -> most people in the room at once ("_t": total)
 */
const KEEP_MS = 48 * 3600_000;

const ENTER = `
local base, keep, sid = ARGV[1], ARGV[2], ARGV[3]
local part, user, region = ARGV[4], ARGV[5], ARGV[6]
redis.call('SET', base .. 'room', '1', 'PX', keep)
if redis.call('HSETNX', base .. 'rp', part, user .. '|' .. region) == 0 then return 0 end
if redis.call('HINCRBY', base .. 'ruc', user, 1) == 1 then
  redis.call('HSET', base .. 'rur', user, region)
  local l = redis.call('HINCRBY', base .. 'rlive', region, 1)
  local t = redis.call('HINCRBY', base .. 'rlive', '_t', 1)
  local peak = base .. 'rpeak'
  if l > tonumber(redis.call('HGET', peak, region) or '0') then redis.call('HSET', peak, region, l) end
  if t > tonumber(redis.call('HGET', peak, '_t') or '0') then redis.call('HSET', peak, '_t', t) end
end
if redis.call('SADD', base .. 'seen', user) == 1 then
  redis.call('HINCRBY', base .. 'att', region, 1)
  redis.call('HINCRBY', base .. 'att', '_t', 1)
end
for _, k in ipairs({ 'rp', 'ruc', 'rur', 'rlive', 'rpeak', 'seen', 'att' }) do
  redis.call('PEXPIRE', base .. k, keep)
end
redis.call('SADD', KEYS[1], sid)
return 1`;

const LEAVE = `
local base, sid, part = ARGV[1], ARGV[2], ARGV[3]
local v = redis.call('HGET', base .. 'rp', part)
if not v then return 0 end
redis.call('HDEL', base .. 'rp', part)
local user = string.match(v, '^[^|]+')
if redis.call('HINCRBY', base .. 'ruc', user, -1) <= 0 then
  redis.call('HDEL', base .. 'ruc', user)
  local r = redis.call('HGET', base .. 'rur', user)
  redis.call('HDEL', base .. 'rur', user)
  if r then
    redis.call('HINCRBY', base .. 'rlive', r, -1)
    redis.call('HINCRBY', base .. 'rlive', '_t', -1)
  end
end
redis.call('SADD', KEYS[1], sid)
return 1`;

/** The room closed: nobody is in it any more (peaks and joined stay). */
const CLEAR = `
local base, sid = ARGV[1], ARGV[2]
redis.call('DEL', base .. 'rp', base .. 'ruc', base .. 'rur', base .. 'rlive')
redis.call('SADD', KEYS[1], sid)
return 1`;

interface RoomCommands {
  liveRoomEnter(...args: (string | number)[]): Promise<number>;
  liveRoomLeave(...args: (string | number)[]): Promise<number>;
  liveRoomClear(...args: (string | number)[]): Promise<number>;
}

const DIRTY = 'live:dirty';

export class RoomPresenceCounts {
  private readonly r: Redis & RoomCommands;
  private readonly prefix: string;

  /** `redis` carries the REDIS_PREFIX as its key prefix, like the gateway's client. */
  constructor(redis: Redis) {
    this.r = redis as Redis & RoomCommands;
    this.prefix = redis.options.keyPrefix ?? '';
    if (!('liveRoomEnter' in redis)) {
      redis.defineCommand('liveRoomEnter', { numberOfKeys: 1, lua: ENTER });
      redis.defineCommand('liveRoomLeave', { numberOfKeys: 1, lua: LEAVE });
      redis.defineCommand('liveRoomClear', { numberOfKeys: 1, lua: CLEAR });
    }
  }

  private base(sessionId: string): string {
    return `${this.prefix}live:s:${sessionId}:`;
  }

  /** From now on the session's live figures are its room's (a room was made for it). */
  async useRoom(sessionId: string): Promise<void> {
    await this.r.set(`live:s:${sessionId}:room`, '1', 'PX', KEEP_MS);
    await this.r.sadd(DIRTY, sessionId);
  }

  /** A participant entered; false when it was counted already (a repeated event). */
  async enter(sessionId: string, participant: string, userId: string, regionKey: number): Promise<boolean> {
    return (
      (await this.r.liveRoomEnter(
        DIRTY,
        this.base(sessionId),
        KEEP_MS,
        sessionId,
        participant,
        userId,
        regionKey,
      )) === 1
    );
  }

  async leave(sessionId: string, participant: string): Promise<boolean> {
    return (await this.r.liveRoomLeave(DIRTY, this.base(sessionId), sessionId, participant)) === 1;
  }

  async clear(sessionId: string): Promise<void> {
    await this.r.liveRoomClear(DIRTY, this.base(sessionId), sessionId);
  }
}

/** Reads the room's live counters (for PresenceStore.counts): null when the session has no room. */
export async function roomLiveCounts(
  redis: Redis,
  sessionId: string,
): Promise<{ live: Record<string, string>; peak: Record<string, string> } | null> {
  const b = `live:s:${sessionId}:`;
  const res = await redis.multi().get(`${b}room`).hgetall(`${b}rlive`).hgetall(`${b}rpeak`).exec();
  const [flag, live, peak] = (res ?? []).map(([err, v]) => {
    if (err) throw err;
    return v;
  });
  return flag ? { live: live as Record<string, string>, peak: peak as Record<string, string> } : null;
}
