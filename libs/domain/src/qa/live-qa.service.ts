import { Inject, Injectable } from '@nestjs/common';
import type { QuestionModerationAction, QuestionView, QuestionVoteResult } from '@qatys/contracts';
import type { LiveIdentity } from '../attendance/live-access.service';
import { LIVE_OPTIONS, LiveOptions } from '../attendance/live.tokens';
import { DomainError } from '../shared/domain.errors';
import { LiveRateLimiter } from './live-rate-limiter';
import { questionText } from './question.policy';
import { Asker, ModerationResult, QuestionsService } from './questions.service';

/** Q&A from the live room: the questions service behind per-person rate limits shared by every gateway. */
@Injectable()
export class LiveQaService {
  constructor(
    private readonly questions: QuestionsService,
    private readonly limiter: LiveRateLimiter,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  /**
   * The text is checked in full (Unicode only, 3-500 characters) before any allowance is taken,
   * and the allowance is given back when the question is not stored after all: only accepted
   * questions count against the limit.
   */
  async ask(asker: Asker, rawText: string, anonymous: boolean): Promise<QuestionView> {
    const text = questionText(rawText);
    return this.limited('ask', asker.userId, this.options.questionsPerWindow, 'questions', () =>
      this.questions.ask(asker, text, anonymous),
    );
  }

  /** A vote refused by the domain (no such question, not visible, not joined) or not stored is given back. */
  async vote(
    userId: string,
    questionId: string,
    up: boolean,
    joinedSessionIds: ReadonlySet<string>,
  ): Promise<QuestionVoteResult> {
    return this.limited('vote', userId, this.options.votesPerWindow, 'votes', () =>
      this.questions.vote(userId, questionId, up, joinedSessionIds),
    );
  }

  moderate(
    identity: LiveIdentity,
    questionId: string,
    action: QuestionModerationAction,
  ): Promise<ModerationResult> {
    return this.questions.moderate(identity, questionId, action);
  }

  private async limited<T>(
    kind: string,
    userId: string,
    limit: number,
    what: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const taken = await this.limiter.take(kind, userId, limit, this.options.rateWindowMs);
    if ('waitMs' in taken) {
      const seconds = Math.round(this.options.rateWindowMs / 1000);
      throw new DomainError(
        'conflict',
        'rate_limited',
        `At most ${limit} ${what} per ${seconds} s; try again later`,
        { retryAfterMs: taken.waitMs, limit, windowMs: this.options.rateWindowMs },
      );
    }
    try {
      return await work();
    } catch (e) {
      await this.limiter.giveBack(kind, userId, taken.unit).catch(() => undefined);
      throw e;
    }
  }
}
