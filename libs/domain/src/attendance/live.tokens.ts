/** The Redis client the live context uses (the gateway provides it, with its REDIS_PREFIX key prefix). */
export const LIVE_REDIS = Symbol('LIVE_REDIS');
/** LiveOptions, provided by the gateway from its configuration. */
export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');

export interface LiveOptions {
  /** How often each gateway process proves it is alive. */
  heartbeatMs: number;
  /** A process silent this long is dead: its connections leave the counts. */
  presenceTtlMs: number;
  /** attendance:update at most this often per session. */
  updateIntervalMs: number;
  /** Attendance intervals are written to Postgres this often, or at flushRows rows. */
  flushMs: number;
  flushRows: number;
  /** Session facts (times, settings, targets) and roster figures are cached this long per process. */
  cacheMs: number;
  questionsPerWindow: number;
  votesPerWindow: number;
  rateWindowMs: number;
  /** Sockets one person may have in one session, across every gateway process. */
  maxSocketsPerPerson: number;
}
