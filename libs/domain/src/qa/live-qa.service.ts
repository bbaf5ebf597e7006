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

  async ask(asker: Asker, rawText: string, anonymous: boolean): Promise<QuestionView> {
    // A refused text does not use up the person's allowance.
    const text = questionText(rawText);
    await this.limit('ask', asker.userId, this.options.questionsPerWindow, 'questions');
    return this.questions.ask(asker, text, anonymous);
  }

  async vote(
    userId: string,
    questionId: string,
    up: boolean,
    joinedSessionIds: ReadonlySet<string>,
  ): Promise<QuestionVoteResult> {
    await this.limit('vote', userId, this.options.votesPerWindow, 'votes');
    return this.questions.vote(userId, questionId, up, joinedSessionIds);
  }

  moderate(
    identity: LiveIdentity,
    questionId: string,
    action: QuestionModerationAction,
  ): Promise<ModerationResult> {
    return this.questions.moderate(identity, questionId, action);
  }

  private async limit(kind: string, userId: string, limit: number, what: string): Promise<void> {
    const wait = await this.limiter.take(kind, userId, limit, this.options.rateWindowMs);
    if (wait !== null) {
      const seconds = Math.round(this.options.rateWindowMs / 1000);
      throw new DomainError(
        'conflict',
        'rate_limited',
        `At most ${limit} ${what} per ${seconds} s; try again later`,
        {
          retryAfterMs: wait,
          limit,
          windowMs: this.options.rateWindowMs,
        },
      );
    }
  }
}
