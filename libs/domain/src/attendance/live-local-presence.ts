import { NO_REGION } from './attendance-figures.policy';
import type { LeaveReason } from './attendance-interval.entity';
import type { IntervalRow } from './attendance-interval.writer';
import type { PresenceEntry } from './presence.store';

/**
 * This process's counted connections, by session then socket id. Nested rather than keyed by a
 * joined "session|socket" string: that string would be one more allocation per connection (and
 * 10,000 connections is the case we are sized for); the socket id string is the socket's own.
 */
export class LocalPresence {
  private readonly bySession = new Map<string, Map<string, PresenceEntry>>();
  private count = 0;

  get size(): number {
    return this.count;
  }
  get(sessionId: string, socketId: string): PresenceEntry | undefined {
    return this.bySession.get(sessionId)?.get(socketId);
  }
  has(sessionId: string, socketId: string): boolean {
    return this.bySession.get(sessionId)?.has(socketId) ?? false;
  }
  set(entry: PresenceEntry): void {
    let sockets = this.bySession.get(entry.sessionId);
    if (!sockets) this.bySession.set(entry.sessionId, (sockets = new Map()));
    if (!sockets.has(entry.socketId)) this.count++;
    sockets.set(entry.socketId, entry);
  }
  delete(sessionId: string, socketId: string): boolean {
    const sockets = this.bySession.get(sessionId);
    if (!sockets?.delete(socketId)) return false;
    this.count--;
    if (!sockets.size) this.bySession.delete(sessionId);
    return true;
  }
  *values(): IterableIterator<PresenceEntry> {
    for (const sockets of this.bySession.values()) yield* sockets.values();
  }
  clear(): void {
    this.bySession.clear();
    this.count = 0;
  }
}

/** The interval row of a connection, open (no leave yet) or closed at `leftAt`. */
export function rowOf(e: PresenceEntry, leftAt: Date | null, reason: LeaveReason | null): IntervalRow {
  const joinedAt = new Date(e.joinedAt);
  return {
    id: e.intervalId,
    sessionId: e.sessionId,
    userId: e.userId,
    registrationId: e.registrationId,
    regionId: e.regionKey === NO_REGION ? null : e.regionKey,
    joinedAt,
    leftAt: leftAt && leftAt < joinedAt ? joinedAt : leftAt,
    leftReason: reason,
  };
}
