import type { DataSource, EntityManager } from 'typeorm';

/**
 * Quiz points toward completion, kept by the attendance context: per session the points its
 * closed quizzes offered, and what each person scored. Whoever runs quizzes (engagement) replaces a
 * session's figures when one of its quizzes closes; the reports read them here.
 */
type Db = Pick<DataSource | EntityManager, 'query'>;

export async function replaceSessionQuizScores(
  db: Db,
  sessionId: string,
  maxPoints: number,
  scores: readonly { userId: string; points: number }[],
): Promise<void> {
  await db.query(
    `INSERT INTO session_quiz_totals (session_id, max_points) VALUES ($1, $2)
     ON CONFLICT (session_id) DO UPDATE SET max_points = EXCLUDED.max_points, updated_at = now()`,
    [sessionId, maxPoints],
  );
  await db.query(`DELETE FROM session_quiz_scores WHERE session_id = $1`, [sessionId]);
  if (scores.length) {
    await db.query(
      `INSERT INTO session_quiz_scores (session_id, user_id, points)
       SELECT $1, s.user_id, s.points FROM jsonb_to_recordset($2::jsonb) AS s(user_id uuid, points int)`,
      [sessionId, JSON.stringify(scores.map((s) => ({ user_id: s.userId, points: s.points })))],
    );
  }
}

export interface QuizPoints {
  /** Points offered per session (sessions with closed quizzes only). */
  maxBySession: Map<string, number>;
  /** Points scored: person -> session -> points. */
  byPerson: Map<string, Map<string, number>>;
}

/** The quiz points of a program's (or one session's) sessions. */
export async function quizPoints(
  db: Db,
  scope: { programId?: string; sessionId?: string },
): Promise<QuizPoints> {
  const where = scope.sessionId ? 's.id = $1' : `s.program_id = $1 AND s.status <> 'cancelled'`;
  const param = scope.sessionId ?? scope.programId;
  const [totals, scores]: [
    { session_id: string; max_points: number }[],
    { session_id: string; user_id: string; points: number }[],
  ] = await Promise.all([
    db.query(
      `SELECT t.session_id, t.max_points FROM session_quiz_totals t JOIN sessions s ON s.id = t.session_id
          WHERE ${where} AND t.max_points > 0`,
      [param],
    ),
    db.query(
      `SELECT q.session_id, q.user_id, q.points FROM session_quiz_scores q JOIN sessions s ON s.id = q.session_id
          WHERE ${where}`,
      [param],
    ),
  ]);
  const byPerson = new Map<string, Map<string, number>>();
  for (const s of scores) {
    let m = byPerson.get(s.user_id);
    if (!m) byPerson.set(s.user_id, (m = new Map()));
    m.set(s.session_id, s.points);
  }
  return { maxBySession: new Map(totals.map((t) => [t.session_id, t.max_points])), byPerson };
}
