import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@qatys/persistence';

/*
 * Answers as queued in Redis (PollAnswersQueue): JSON objects of user_id, region_id, choices,
 * rating, words, correct and at (ms, the Redis clock of the ack). A batch may hold a person twice
 * (a changeable poll) and may be moved twice (a flush whose process died before it dropped the
 * batch from the queue), so the statement keeps each person's latest answer of the batch and only
 * ever replaces a stored answer by a later one: moving the same answers again changes nothing.
 */
const STORE = `
  INSERT INTO poll_answers (poll_id, user_id, region_id, choices, rating, words, correct, answered_at)
  SELECT DISTINCT ON (v.user_id) $1::uuid, v.user_id, v.region_id, v.choices, v.rating, v.words, v.correct,
         to_timestamp(v.at / 1000.0)
    FROM jsonb_to_recordset($2::jsonb)
      AS v (user_id uuid, region_id int, choices smallint[], rating smallint, words text[], correct boolean, at bigint)
   ORDER BY v.user_id, v.at DESC
  ON CONFLICT (poll_id, user_id) DO UPDATE
     SET region_id = EXCLUDED.region_id, choices = EXCLUDED.choices, rating = EXCLUDED.rating,
         words = EXCLUDED.words, correct = EXCLUDED.correct, changed_at = EXCLUDED.answered_at
   WHERE EXCLUDED.answered_at > COALESCE(poll_answers.changed_at, poll_answers.answered_at)
     AND (SELECT changeable FROM polls WHERE id = $1::uuid)`;

/** Writes acknowledged answers from the Redis queue to Postgres, one statement per batch. */
@Injectable()
export class PollAnswersWriter {
  constructor(private readonly ds: DataSource) {}

  async store(pollId: string, entries: readonly string[]): Promise<void> {
    // Prepared once per connection: a burst runs this statement many times.
    await preparedQuery(this.ds, 'qatys_poll_answers_store', STORE, [pollId, `[${entries.join(',')}]`]);
  }
}
