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

/** Where a decided call's program enrolment stands. */
export interface EnrollmentReport {
  /** Selected applicants enrolled in the program. */
  enrolled: number;
  /** Withdrawn applicants (declined seats) whose enrolment is cancelled. */
  unenrolled: number;
  /** The last attempt's failures, for applicants still to do. */
  failed: { applicationId: string; code: string; message: string }[];
  /** Still to do (failed ones included); 0 means the program matches the decisions. */
  pending: number;
}

/** Where a decided call's program enrolment stands, from the applications and the audit. */
export async function enrollmentStatus(em: EntityManager, callId: string): Promise<EnrollmentReport> {
  const [counts]: { enrolled: number; unenrolled: number; pending: number }[] = await em.query(
    `SELECT count(*) FILTER (WHERE status = 'selected' AND enrolled_at IS NOT NULL)::int AS enrolled,
            count(*) FILTER (WHERE status = 'withdrawn' AND enrolled_at IS NULL AND EXISTS (
              SELECT 1 FROM selection_audit au WHERE au.application_id = a.id
                 AND au.action = 'application.withdrawn' AND au.details->>'declinedSeat' = 'true'))::int AS unenrolled,
            count(*) FILTER (WHERE (status = 'selected' AND enrolled_at IS NULL)
                                OR (status = 'withdrawn' AND enrolled_at IS NOT NULL))::int AS pending
       FROM selection_applications a WHERE call_id = $1`,
    [callId],
  );
  // The latest failure of each applicant still to do.
  const failed: { applicationId: string; code: string; message: string }[] = await em.query(
    `SELECT DISTINCT ON (au.application_id) au.application_id AS "applicationId",
            au.details->>'code' AS code, au.details->>'message' AS message
       FROM selection_audit au
       JOIN selection_applications a ON a.id = au.application_id
      WHERE au.call_id = $1 AND au.action = 'enrollment.failed'
        AND ((a.status = 'selected' AND a.enrolled_at IS NULL) OR (a.status = 'withdrawn' AND a.enrolled_at IS NOT NULL))
      ORDER BY au.application_id, au.id DESC`,
    [callId],
  );
  return { ...counts, failed };
}
