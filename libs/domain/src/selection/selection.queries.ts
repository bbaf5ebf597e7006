/** SQL of the selection context that does not belong to one service. */
import type { EntityManager } from 'typeorm';

export interface ReviewerView {
  userId: string;
  displayName: string;
  email: string;
  addedAt: Date;
  /** Applications this reviewer has scored on every criterion. */
  completeReviews: number;
}

/** The commission of a call, with how many applications each reviewer scored on every criterion. */
export function reviewersOf(em: EntityManager, callId: string, criteria: number): Promise<ReviewerView[]> {
  return em.query(
    `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.email, r.created_at AS "addedAt",
            (SELECT count(*)::int FROM (
               SELECT s.application_id FROM selection_scores s
                WHERE s.call_id = r.call_id AND s.reviewer_id = r.user_id
                GROUP BY s.application_id HAVING count(*) = $2) done) AS "completeReviews"
       FROM selection_reviewers r JOIN users u ON u.id = r.user_id
      WHERE r.call_id = $1
      ORDER BY r.created_at, r.user_id`,
    [callId, criteria],
  );
}

/** How many criteria a reviewer has scored, per application (of these). */
export async function scoredCriteria(
  em: EntityManager,
  callId: string,
  reviewerId: string,
  applicationIds: readonly string[],
): Promise<Map<string, number>> {
  const rows: { id: string; n: number }[] = await em.query(
    `SELECT application_id AS id, count(*)::int AS n FROM selection_scores
      WHERE call_id = $1 AND reviewer_id = $2 AND application_id = ANY($3::uuid[]) GROUP BY application_id`,
    [callId, reviewerId, applicationIds],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
