/** Writes of the sessions table that more than one service shares. */
import type { EntityManager } from 'typeorm';

export type EndWhich =
  | { ids: readonly string[] }
  /** Overdue: still scheduled or live `graceMinutes` after their end, but ended within `maxAgeHours`. */
  | { graceMinutes: number; maxAgeHours: number; now?: Date };

/** Marks the chosen sessions ended (only those still scheduled or live); returns them with their version. */
export function endSessionRows(
  em: EntityManager,
  which: EndWhich,
  now: Date,
): Promise<{ id: string; version: number }[]> {
  // A data-modifying statement returns its rows only from a WITH (TypeORM otherwise hands back
  // [rows, count]).
  return 'ids' in which
    ? em.query(
        `WITH ended AS (
           UPDATE sessions SET status = 'ended', updated_at = now()
            WHERE id = ANY($1::uuid[]) AND status IN ('scheduled', 'live')
           RETURNING id, version)
         SELECT id, version FROM ended`,
        [which.ids],
      )
    : em.query(
        `WITH ended AS (
           UPDATE sessions SET status = 'ended', updated_at = now()
            WHERE status IN ('scheduled', 'live')
              AND end_at <= $1::timestamptz - make_interval(mins => $2::int)
              AND end_at > $1::timestamptz - make_interval(hours => $3::int)
           RETURNING id, version)
         SELECT id, version FROM ended`,
        [now, which.graceMinutes, which.maxAgeHours],
      );
}
