import { Injectable } from '@nestjs/common';
import type { MyPollAnswer, PollAnswerResult, PollDefinition, PollResults, PollView } from '@qatys/contracts';
import { DataSource } from 'typeorm';
import { LiveAccessService, LiveIdentity } from '../attendance/live-access.service';
import { replaceSessionQuizScores } from '../attendance/quiz-scores.queries';
import type { Asker } from '../qa/questions.service';
import { conflict, DomainError, invalid } from '../shared/domain.errors';
import { SingleFlight } from '../shared/single-flight';
import { EngagementAccess } from './engagement-access';
import { PollAnswersQueue } from './poll-answers.queue';
import { findBankItem } from './poll-bank.queries';
import {
  AnswerInput,
  answerCorrect,
  pollAnswer,
  PollShape,
  pollShape,
  PollStep,
  pollStep,
  tallies,
} from './poll.policy';
import {
  answerCounts,
  findPoll,
  insertPoll,
  myAnswers,
  PollRow,
  pollView,
  sessionPolls,
  sessionQuizPoints,
  shapeOf,
  updatePollState,
} from './polls.queries';

/** What never changes about a poll once made: its session and definition (cached per process). */
export interface PollFacts {
  id: string;
  sessionId: string;
  shape: PollShape;
}

export interface PollChange {
  /** As staff see it. */
  row: PollRow;
  changed: boolean;
}

const pollNotFound = (id: string) => new DomainError('not_found', 'poll_not_found', `Poll ${id} not found`);

/**
 * The polls and quizzes of live sessions: made from the program's bank or on the spot, opened,
 * closed and revealed by the people who run the session, answered once per person (or changed
 * until closed when the poll allows), counted per option and per region from Postgres.
 */
@Injectable()
export class PollsService {
  private readonly facts = new Map<string, PollFacts>();
  /** One read of a poll's facts however many answers wait for it (a poll's first second). */
  private readonly reading = new SingleFlight<PollFacts>();

  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
    private readonly rights: EngagementAccess,
    private readonly queue: PollAnswersQueue,
  ) {}

  async create(
    identity: LiveIdentity,
    sessionId: string,
    input: { bankItemId?: string; poll?: PollDefinition; open?: boolean },
  ): Promise<PollRow> {
    await this.rights.assertManager(identity, sessionId);
    if ((input.bankItemId === undefined) === (input.poll === undefined)) {
      throw invalid('invalid_payload', 'poll:create takes a bankItemId or a poll (one of the two)');
    }
    let definition = input.poll;
    if (input.bankItemId !== undefined) {
      const session = await this.access.sessionFacts(sessionId);
      const item = await findBankItem(this.ds, input.bankItemId);
      if (!item || item.programId !== session.programId) {
        throw new DomainError(
          'not_found',
          'bank_item_not_found',
          `Poll bank item ${input.bankItemId} not found in this session's program`,
        );
      }
      definition = item.definition;
    }
    const shape = pollShape(definition!);
    const row = await insertPoll(this.ds, {
      sessionId,
      bankItemId: input.bankItemId ?? null,
      createdBy: identity.userId,
      open: input.open === true,
      ...shape,
    });
    if (row.status === 'open') await this.queue.opened(row.id);
    return row;
  }

  /**
   * Opens, closes, reveals or hides. Closing first stops the answers in Redis and moves every
   * acknowledged answer still queued there to Postgres, then closes in Postgres and, for a quiz,
   * brings the session's quiz points toward completion up to date in the same transaction.
   */
  async step(identity: LiveIdentity, pollId: string, step: PollStep): Promise<PollChange> {
    const facts = await this.factsOf(pollId);
    await this.rights.assertManager(identity, facts.sessionId);
    if (step === 'close') {
      const current = await findPoll(this.ds, pollId);
      if (!current) throw pollNotFound(pollId);
      pollStep(current, step); // a draft cannot be closed: refused before anything changes
      await this.queue.closing(pollId);
    }
    const change = await this.ds.transaction(async (em) => {
      const row = await findPoll(em, pollId, true);
      if (!row) throw pollNotFound(pollId);
      const next = pollStep(row, step);
      if (!next.changed) return { row, changed: false };
      const updated = await updatePollState(em, pollId, next);
      if (row.quiz && next.status === 'closed' && row.status !== 'closed') {
        const { maxPoints, scores } = await sessionQuizPoints(em, row.session_id);
        await replaceSessionQuizScores(em, row.session_id, maxPoints, scores);
      }
      return { row: updated, changed: true };
    });
    // Also when nothing changed: an open whose Redis status was lost gets it back.
    if (change.row.status === 'open') await this.queue.opened(pollId);
    return change;
  }

  /** The poll's facts if this process has read them already (the answer path's fast way). */
  cachedFacts(pollId: string): PollFacts | undefined {
    return this.facts.get(pollId);
  }

  /** A poll's session and definition, cached: the answer path reads them for every answer. */
  factsOf(pollId: string): Promise<PollFacts> {
    const hit = this.facts.get(pollId);
    if (hit) return Promise.resolve(hit);
    return this.reading.run(pollId, () => this.readFacts(pollId));
  }

  private async readFacts(pollId: string): Promise<PollFacts> {
    const row = await findPoll(this.ds, pollId);
    if (!row) throw pollNotFound(pollId);
    const f = { id: row.id, sessionId: row.session_id, shape: shapeOf(row) };
    if (this.facts.size >= 10_000) this.facts.clear();
    this.facts.set(pollId, f);
    return f;
  }

  /**
   * An answer from someone who joined the poll's session, tagged with the region of their join.
   * Acknowledged once recorded in Redis (one script: open? first answer? queued), from where any
   * gateway process moves it to Postgres within moments, and the close moves whatever is left.
   * Refused without storing anything when the poll is not open, the answer does not fit, or the
   * person answered already (a poll that takes no changes).
   */
  async answer(asker: Asker, poll: PollFacts, input: AnswerInput): Promise<PollAnswerResult> {
    const answer = pollAnswer(poll.shape, input);
    const outcome = await this.queue.accept({
      pollId: poll.id,
      userId: asker.userId,
      regionId: asker.regionId,
      answer,
      correct: answerCorrect(poll.shape, answer),
      changeable: poll.shape.changeable,
    });
    if (outcome.kind === 'not_open') throw conflict('poll_not_open', 'This poll takes no answers now');
    if (outcome.kind === 'already_answered') {
      throw conflict('already_answered', 'You have answered this poll already');
    }
    const mine: MyPollAnswer = {
      pollId: poll.id,
      ...answer,
      correct: null,
      answeredAt: outcome.answeredAt.toISOString(),
    };
    return { answer: mine, replaced: outcome.replaced };
  }

  /** Moves queued answers to Postgres; the polls whose results are due. */
  flushAnswers(): Promise<string[]> {
    return this.queue.flush();
  }

  async row(pollId: string): Promise<PollRow> {
    const row = await findPoll(this.ds, pollId);
    if (!row) throw pollNotFound(pollId);
    return row;
  }

  /**
   * The tally now, overall and per region, straight from the answers in Postgres. `settle`: a
   * read someone asked for first waits for the answers acknowledged but still queued in Redis (a
   * closed poll's were all moved at the close); the coalesced updates follow the moves anyway.
   */
  async results(row: PollRow, settle = false): Promise<PollResults> {
    if (settle && row.status === 'open') await this.queue.settle(row.id);
    const { people, counts } = await answerCounts(this.ds, row.id);
    const t = tallies(shapeOf(row), people, counts);
    return {
      pollId: row.id,
      sessionId: row.session_id,
      status: row.status,
      revealed: row.revealed,
      at: new Date().toISOString(),
      ...t.total,
      regions: t.regions,
    };
  }

  /**
   * What a person sees of a session's polls after a (re)join: staff every poll and every tally
   * but drafts'; the audience open polls and revealed ones, and revealed tallies; their own answers.
   */
  async sessionView(
    sessionId: string,
    userId: string,
    staff: boolean,
  ): Promise<{ polls: PollView[]; results: PollResults[]; myAnswers: MyPollAnswer[] }> {
    const rows = await sessionPolls(this.ds, sessionId);
    // The person's own answers acknowledged moments ago may still wait in Redis.
    await Promise.all(rows.filter((r) => r.status === 'open').map((r) => this.queue.settle(r.id)));
    const mine = await myAnswers(this.ds, sessionId, userId);
    const visible = rows.filter((r) => staff || r.status === 'open' || r.revealed);
    const withResults = visible.filter((r) => r.status !== 'draft' && (staff || r.revealed));
    return {
      polls: visible.map((r) => pollView(r, staff)),
      results: await Promise.all(withResults.map((r) => this.results(r))), // settled above
      myAnswers: mine,
    };
  }
}
