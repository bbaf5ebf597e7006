import { Injectable } from '@nestjs/common';
import type { HandQueue, HandRaiseResult, HandView } from '@qatys/contracts';
import { DataSource } from 'typeorm';
import type { LiveIdentity } from '../attendance/live-access.service';
import type { Asker } from '../qa/questions.service';
import { DomainError } from '../shared/domain.errors';
import { EngagementAccess } from './engagement-access';
import { EngagementLiveStore } from './engagement-live.store';

/**
 * Raised hands: the queue lives in Redis (every gateway process sees the same order); a person
 * raises and lowers their own hand, the people who run the session take one (the person is told,
 * and may then be given the floor) or lower one or all.
 */
@Injectable()
export class HandsService {
  constructor(
    private readonly ds: DataSource,
    private readonly store: EngagementLiveStore,
    private readonly rights: EngagementAccess,
  ) {}

  async raise(asker: Asker): Promise<HandRaiseResult> {
    const position = await this.store.raise(asker.sessionId, asker.userId, asker.regionId);
    return { raised: true, position };
  }

  /** Lowers one's own hand, or (the people who run the session) someone else's. */
  async lower(identity: LiveIdentity, sessionId: string, userId: string | undefined): Promise<boolean> {
    if (userId !== undefined && userId !== identity.userId)
      await this.rights.assertManager(identity, sessionId);
    return this.store.lower(sessionId, userId ?? identity.userId);
  }

  /** Takes a hand from the queue (it goes down); the hand as it was. */
  async take(identity: LiveIdentity, sessionId: string, userId: string): Promise<HandView> {
    await this.rights.assertManager(identity, sessionId);
    const { hands } = await this.store.queue(sessionId, 10_000);
    const hand = hands.find((h) => h.userId === userId);
    if (!hand || !(await this.store.lower(sessionId, userId))) {
      throw new DomainError('not_found', 'hand_not_raised', 'This person’s hand is not raised');
    }
    const [view] = await this.views([hand]);
    return view;
  }

  async clear(identity: LiveIdentity, sessionId: string): Promise<string[]> {
    await this.rights.assertManager(identity, sessionId);
    return this.store.clear(sessionId);
  }

  async mine(sessionId: string, userId: string): Promise<HandRaiseResult> {
    const position = await this.store.position(sessionId, userId);
    return { raised: position !== null, position };
  }

  async queue(sessionId: string): Promise<HandQueue> {
    const q = await this.store.queue(sessionId);
    return { sessionId, total: q.total, hands: await this.views(q.hands) };
  }

  private async views(
    hands: { userId: string; regionId: number | null; raisedAt: Date }[],
  ): Promise<HandView[]> {
    if (!hands.length) return [];
    const rows: { id: string; display_name: string }[] = await this.ds.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [hands.map((h) => h.userId)],
    );
    const names = new Map(rows.map((r) => [r.id, r.display_name]));
    return hands.map((h) => ({
      userId: h.userId,
      displayName: names.get(h.userId) ?? '',
      regionId: h.regionId,
      raisedAt: h.raisedAt.toISOString(),
    }));
  }
}
