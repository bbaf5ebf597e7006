import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@qatys/persistence';
import type { AnswerShape } from './poll.policy';

export interface AnswerWrite {
  pollId: string;
  userId: string;
  regionId: number | null;
  answer: AnswerShape;
  correct: boolean | null;
  /** The poll takes changed answers: the last one wins. */
  changeable: boolean;
}

export type AnswerOutcome =
  | { kind: 'stored'; replaced: boolean; answeredAt: Date }
  | { kind: 'already_answered' }
  | { kind: 'not_open' };

interface Pending {
  write: AnswerWrite;
  resolve(o: AnswerOutcome): void;
  reject(e: unknown): void;
}

/**
 * Statements under way at once per process. One: answers arriving while it runs go together in the
 * next, so the batch grows with the load and Postgres sees few statements (and commits) however
 * many answers arrive; with several, a burst became many small statements that cost Postgres more
 * CPU on a busy 2-core box (bench:engagement).
 */
const MAX_IN_FLIGHT = 1;
const MAX_BATCH = 500;

const insertAnswers = (onConflict: string) => `
  WITH p AS (SELECT id FROM polls WHERE id = $1 AND status = 'open' FOR SHARE),
       ins AS (
         INSERT INTO poll_answers (poll_id, user_id, region_id, choices, rating, words, correct)
         SELECT p.id, v.user_id, v.region_id, v.choices, v.rating, v.words, v.correct
           FROM p CROSS JOIN jsonb_to_recordset($2::jsonb)
             AS v (user_id uuid, region_id int, choices smallint[], rating smallint, words text[], correct boolean)
         ON CONFLICT (poll_id, user_id) ${onConflict}
         RETURNING user_id, changed_at IS NOT NULL AS replaced, COALESCE(changed_at, answered_at) AS at)
  SELECT (SELECT count(*) FROM p)::int AS open,
         COALESCE((SELECT json_agg(json_build_object('u', user_id, 'r', replaced, 'at', at)) FROM ins), '[]') AS stored`;
const INSERT_ONCE = insertAnswers('DO NOTHING');
const INSERT_CHANGEABLE =
  insertAnswers(`DO UPDATE SET region_id = EXCLUDED.region_id, choices = EXCLUDED.choices,
  rating = EXCLUDED.rating, words = EXCLUDED.words, correct = EXCLUDED.correct, changed_at = clock_timestamp()`);

/**
 * Answers go to Postgres in group commits: while statements are under way, new answers wait and
 * then go together (one statement per poll), so a burst of thousands costs dozens of statements.
 * An answer is acknowledged only after its statement committed: an ack never claims an answer that
 * a dying gateway could lose.
 *
 * One answer per person is decided by the primary key (poll, person), so two tabs on two gateway
 * processes cannot both answer. Each statement holds the poll row FOR SHARE while it checks that
 * the poll is open, and closing takes it FOR UPDATE: an answer either commits before the close (and
 * is in the final tally) or sees the poll closed.
 */
@Injectable()
export class PollAnswersWriter {
  private readonly logger = new Logger(PollAnswersWriter.name);
  private pending: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly ds: DataSource) {}

  write(w: AnswerWrite): Promise<AnswerOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write: w, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    const byPoll = new Map<string, Pending[]>();
    for (const p of batch) {
      const list = byPoll.get(p.write.pollId);
      if (list) list.push(p);
      else byPoll.set(p.write.pollId, [p]);
    }
    await Promise.all([...byPoll.values()].map((group) => this.runPoll(group)));
  }

  private async runPoll(group: Pending[]): Promise<void> {
    const changeable = group[0].write.changeable;
    // One row per person per statement: a changeable poll keeps the person's last answer, any other
    // their first (the rest are then already answered).
    const lead = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const p of group) {
      const before = lead.get(p.write.userId);
      if (!before) lead.set(p.write.userId, p);
      else if (changeable) {
        repeats.push(before);
        lead.set(p.write.userId, p);
      } else repeats.push(p);
    }
    try {
      const stored = await this.insert(group[0].write.pollId, changeable, [...lead.values()]);
      for (const [userId, p] of lead) {
        const s = stored.rows.get(userId);
        p.resolve(
          !stored.open
            ? { kind: 'not_open' }
            : s
              ? { kind: 'stored', replaced: s.replaced, answeredAt: s.at }
              : { kind: 'already_answered' },
        );
      }
      for (const p of repeats) {
        const s = stored.rows.get(p.write.userId);
        // A changeable poll's overtaken answer was stored and replaced at once; any other repeat is a second vote.
        p.resolve(
          !stored.open
            ? { kind: 'not_open' }
            : changeable && s
              ? { kind: 'stored', replaced: false, answeredAt: s.at }
              : { kind: 'already_answered' },
        );
      }
    } catch (e) {
      this.logger.warn(`poll answers not stored: ${(e as Error).message}`);
      for (const p of group) p.reject(e);
    }
  }

  private async insert(
    pollId: string,
    changeable: boolean,
    writes: Pending[],
  ): Promise<{ open: boolean; rows: Map<string, { replaced: boolean; at: Date }> }> {
    const values = writes.map(({ write: w }) => ({
      user_id: w.userId,
      region_id: w.regionId,
      choices: w.answer.choices,
      rating: w.answer.rating,
      words: w.answer.words,
      correct: w.correct,
    }));
    // Prepared once per connection: a burst runs this statement hundreds of times.
    const [row] = await preparedQuery<{ open: number; stored: { u: string; r: boolean; at: string }[] }>(
      this.ds,
      changeable ? 'qatys_poll_answers_changeable' : 'qatys_poll_answers',
      changeable ? INSERT_CHANGEABLE : INSERT_ONCE,
      [pollId, JSON.stringify(values)],
    );
    return {
      open: row.open > 0,
      rows: new Map(row.stored.map((s) => [s.u, { replaced: s.r, at: new Date(s.at) }])),
    };
  }
}
