/** The SQL of Q&A: questions with their author's name, votes, moderation. */
import type { EntityManager } from 'typeorm';
import { notFound } from '../shared/domain.errors';
import type { QuestionStatus } from '@qatys/contracts';

export interface QuestionRow {
  id: string;
  session_id: string;
  author_id: string;
  display_name: string;
  region_id: number | null;
  section_id: string | null;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  pinned: boolean;
  upvotes: number;
  created_at: Date;
  answered_at: Date | null;
  /** Only in lists read for one person (see sessionQuestions' readerId). */
  voted_by_me?: boolean;
}

const COLUMNS = `q.id, q.session_id, q.author_id, u.display_name, q.region_id, q.section_id, q.text,
  q.anonymous, q.status, q.pinned, q.upvotes, q.created_at, q.answered_at`;

/** Whether the session's questions wait for a moderator (the default when nothing is set). */
export async function premoderated(em: EntityManager, sessionId: string): Promise<boolean> {
  const [settings] = await em.query(
    `SELECT qa_premoderation FROM session_live_settings WHERE session_id = $1`,
    [sessionId],
  );
  return settings?.qa_premoderation ?? true;
}

export async function insertQuestion(
  em: EntityManager,
  q: {
    sessionId: string;
    userId: string;
    regionId: number | null;
    sectionId: string | null;
    text: string;
    anonymous: boolean;
    status: QuestionStatus;
  },
): Promise<QuestionRow> {
  const [row] = await em.query(
    `WITH q AS (
       INSERT INTO questions (session_id, author_id, region_id, section_id, text, anonymous, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
     SELECT ${COLUMNS} FROM q JOIN users u ON u.id = q.author_id`,
    [q.sessionId, q.userId, q.regionId, q.sectionId, q.text, q.anonymous, q.status],
  );
  return row;
}

/** One question (locked for a moderation step), or a 404. */
export async function findQuestion(em: EntityManager, id: string, lock = false): Promise<QuestionRow> {
  const [row] = await em.query(
    `SELECT ${COLUMNS} FROM questions q JOIN users u ON u.id = q.author_id WHERE q.id = $1${lock ? ' FOR UPDATE OF q' : ''}`,
    [id],
  );
  if (!row) throw notFound('Question', id);
  return row;
}

/** Adds or takes back a person's vote; true when that changed anything (the count follows). */
export async function setVote(
  em: EntityManager,
  questionId: string,
  userId: string,
  up: boolean,
): Promise<boolean> {
  // Through a CTE: TypeORM hands back DELETE results as [rows, count], not as rows.
  const [{ n }] = await em.query(
    up
      ? `WITH c AS (INSERT INTO question_votes (question_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM c`
      : `WITH c AS (DELETE FROM question_votes WHERE question_id = $1 AND user_id = $2 RETURNING 1)
         SELECT count(*)::int AS n FROM c`,
    [questionId, userId],
  );
  if (n > 0) {
    await em.query(`UPDATE questions SET upvotes = upvotes + $2, updated_at = now() WHERE id = $1`, [
      questionId,
      up ? 1 : -1,
    ]);
  }
  return n > 0;
}

export async function applyModeration(
  em: EntityManager,
  questionId: string,
  next: { status: QuestionStatus; pinned: boolean },
  moderatorId: string,
): Promise<void> {
  await em.query(
    `UPDATE questions SET status = $2::varchar, pinned = $3, moderated_by = $4, moderated_at = now(), updated_at = now(),
            answered_at = CASE WHEN $2::varchar = 'answered' THEN COALESCE(answered_at, now()) ELSE answered_at END
      WHERE id = $1`,
    [questionId, next.status, next.pinned, moderatorId],
  );
}

/** A session's questions as a reader may see them (the audience: approved and answered only). */
export function sessionQuestions(
  em: EntityManager,
  f: {
    sessionId: string;
    audienceOnly: boolean;
    /** A coordinator's regions. */
    regionIds?: readonly number[];
    status?: QuestionStatus;
    regionId?: number;
    /**
     * The person reading: their vote is marked on each question, and an attendee sees their own
     * questions still waiting for a moderator too (the page keeps them after a reload).
     */
    readerId?: string;
  },
): Promise<QuestionRow[]> {
  const where = ['q.session_id = $1'];
  const params: unknown[] = [f.sessionId];
  let votedByMe = '';
  const reader = f.readerId ? `$${params.push(f.readerId)}` : '';
  if (reader) {
    votedByMe = `, EXISTS (SELECT 1 FROM question_votes v WHERE v.question_id = q.id AND v.user_id = ${reader}) AS voted_by_me`;
  }
  if (f.audienceOnly) {
    where.push(
      reader
        ? `(q.status IN ('approved', 'answered') OR (q.status = 'pending' AND q.author_id = ${reader}))`
        : `q.status IN ('approved', 'answered')`,
    );
  }
  if (f.regionIds) {
    params.push(f.regionIds);
    where.push(`q.region_id = ANY($${params.length}::int[])`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`q.status = $${params.length}`);
  }
  if (f.regionId !== undefined) {
    params.push(f.regionId);
    where.push(`q.region_id = $${params.length}`);
  }
  return em.query(
    `SELECT ${COLUMNS}${votedByMe} FROM questions q JOIN users u ON u.id = q.author_id WHERE ${where.join(' AND ')}`,
    params,
  );
}
