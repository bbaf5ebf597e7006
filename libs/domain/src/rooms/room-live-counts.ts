import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { NO_REGION } from '../attendance/attendance-figures.policy';
import { RoomPresenceCounts } from '../attendance/room-presence.counts';

/** The Redis client (with the REDIS_PREFIX key prefix) the live room counts go to; optional. */
export const ROOM_PRESENCE_REDIS = Symbol('ROOM_PRESENCE_REDIS');

export type RoomLiveChange =
  | { kind: 'enter'; sessionId: string; participantKey: string; userId: string; regionId: number | null }
  | { kind: 'leave'; sessionId: string; participantKey: string };

/**
 * Room presence into the live figures (attendance/room-presence.counts.ts), after the intervals
 * committed. Postgres stays the truth: a Redis that does not answer costs the dashboard a few
 * seconds of accuracy, never a callback (Janus would send it again and again).
 */
@Injectable()
export class RoomLiveCounts {
  private readonly logger = new Logger(RoomLiveCounts.name);
  private readonly counts: RoomPresenceCounts | null;

  constructor(@Optional() @Inject(ROOM_PRESENCE_REDIS) redis?: Redis) {
    this.counts = redis ? new RoomPresenceCounts(redis) : null;
  }

  /** Sessions this process marked already (the mark outlives the session; one write is enough). */
  private readonly marked = new Set<string>();

  async useRoom(sessionId: string): Promise<void> {
    if (this.marked.has(sessionId)) return;
    await this.safely(async () => {
      await this.counts?.useRoom(sessionId);
      if (this.marked.size > 10_000) this.marked.clear();
      this.marked.add(sessionId);
    });
  }

  /**
   * Changes of one kind are sent together (a post of 30 joins costs one round trip to Redis, not
   * 30; the order among enters, or among leaves, does not change the figures). Mixed ones go one
   * by one: a leave and an enter of the same participant must not swap (a script's first call may
   * be retried by the client after later ones ran).
   */
  async apply(changes: readonly RoomLiveChange[]): Promise<void> {
    const one = (c: RoomLiveChange) =>
      this.safely(() =>
        c.kind === 'enter'
          ? this.counts?.enter(c.sessionId, c.participantKey, c.userId, c.regionId ?? NO_REGION)
          : this.counts?.leave(c.sessionId, c.participantKey),
      );
    if (changes.every((c) => c.kind === changes[0]?.kind)) {
      await Promise.all(changes.map(one));
      return;
    }
    for (const c of changes) await one(c);
  }

  async clear(sessionId: string): Promise<void> {
    await this.safely(() => this.counts?.clear(sessionId));
  }

  private async safely(work: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.logger.warn(`live room counts not updated: ${(e as Error).message}`);
    }
  }
}
