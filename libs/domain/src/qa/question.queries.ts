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

/** Which of a session's questions a reader may see (the audience: approved and answered only). */
export interface SessionQuestionsFilter {
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
}

function questionsWhere(f: SessionQuestionsFilter): { where: string; params: unknown[]; reader: string } {
  const where = ['q.session_id = $1'];
  const params: unknown[] = [f.sessionId];
  const reader = f.readerId ? `$${params.push(f.readerId)}` : '';
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
  return { where: where.join(' AND '), params, reader };
}

/**
 * The order of question.policy's compareQuestions, in SQL: pinned first, then most votes (oldest
 * first among equals) or newest first, then id. Times compared to the millisecond, as the
 * policy's Dates are.
 */
function orderBy(order: 'votes' | 'time', t: string): string {
  const at = `date_trunc('milliseconds', ${t}.created_at)`;
  return order === 'votes'
    ? `${t}.pinned DESC, ${t}.upvotes DESC, ${at} ASC, ${t}.id ASC`
    : `${t}.pinned DESC, ${at} DESC, ${t}.id ASC`;
}

/**
 * One page of a session's questions as a reader may see them, and how many there are in all.
 * Sorted and cut in PostgreSQL: a page of a 2,000-question session reads 200 rows with their
 * authors, not all 2,000 (each of a join link's 10 pages did, 2026-12-06).
 */
export async function sessionQuestionPage(
  em: EntityManager,
  f: SessionQuestionsFilter & { order: 'votes' | 'time'; limit: number; offset: number },
): Promise<{ rows: QuestionRow[]; total: number }> {
  const { where, params, reader } = questionsWhere(f);
  const votedByMe = reader
    ? `, EXISTS (SELECT 1 FROM question_votes v WHERE v.question_id = q.id AND v.user_id = ${reader}) AS voted_by_me`
    : '';
  const limit = `$${params.push(f.limit)}`;
  const offset = `$${params.push(f.offset)}`;
  // One row even past the last page (the count, no question): the total is always known.
  const rows: (QuestionRow & { total: number; id: string | null })[] = await em.query(
    `WITH matching AS (SELECT q.id, q.pinned, q.upvotes, q.created_at FROM questions q WHERE ${where}),
          page AS (SELECT m.id FROM matching m ORDER BY ${orderBy(f.order, 'm')} LIMIT ${limit} OFFSET ${offset})
     SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM matching) t
       LEFT JOIN LATERAL (
         SELECT ${COLUMNS}${votedByMe} FROM page JOIN questions q ON q.id = page.id JOIN users u ON u.id = q.author_id
       ) p ON true
      ORDER BY ${orderBy(f.order, 'p')}`,
    params,
  );
  const total = rows[0]?.total ?? 0;
  return {
    total,
    rows: rows.filter((r) => r.id !== null).map(({ total: _total, ...r }) => r as QuestionRow),
  };
}

/** How many of a session's questions a reader may see. */
export async function countSessionQuestions(em: EntityManager, f: SessionQuestionsFilter): Promise<number> {
  // The reader only matters to the audience's filter (their own pending questions).
  const { where, params } = questionsWhere({ ...f, readerId: f.audienceOnly ? f.readerId : undefined });
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM questions q WHERE ${where}`, params);
  return n;
}
