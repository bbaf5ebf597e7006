import { Injectable } from '@nestjs/common';
import type { Reaction } from '@qatys/contracts';

/**
 * What this process gathers between two runtime ticks: polls whose answers it moved to Postgres
 * (their results are due) and reactions per session. One Redis call per tick instead of one per
 * answer or reaction; a process killed between ticks loses at most a tick of reactions (they are
 * ephemeral) and the results of its last moved answers follow at the next move or at the close.
 */
@Injectable()
export class EngagementBuffers {
  private answered = new Set<string>();
  private reactions = new Map<string, Map<Reaction, number>>();

  answeredPoll(pollId: string): void {
    this.answered.add(pollId);
  }

  react(sessionId: string, reaction: Reaction): void {
    let m = this.reactions.get(sessionId);
    if (!m) this.reactions.set(sessionId, (m = new Map()));
    m.set(reaction, (m.get(reaction) ?? 0) + 1);
  }

  takeAnswered(): string[] {
    const ids = [...this.answered];
    this.answered = new Set();
    return ids;
  }

  takeReactions(): Map<string, Map<Reaction, number>> {
    const r = this.reactions;
    this.reactions = new Map();
    return r;
  }
}
