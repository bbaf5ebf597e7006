import type { EngagementText, MyPollAnswer, PollKind, PollStatus, PollView } from '@qatys/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AnswerCount, PeopleCount, PollShape } from './poll.policy';

type Db = DataSource | EntityManager;

export interface PollRow {
  id: string;
  session_id: string;
  bank_item_id: string | null;
  kind: PollKind;
  question: EngagementText;
  options: EngagementText[];
  max_choices: number | null;
  scale: number | null;
  anonymous: boolean;
  changeable: boolean;
  quiz: boolean;
  correct: number[] | null;
  status: PollStatus;
  revealed: boolean;
  opened_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

const POLL_COLUMNS = `id, session_id, bank_item_id, kind, question, options, max_choices, scale, anonymous,
  changeable, quiz, correct, status, revealed, opened_at, closed_at, created_at`;

export function shapeOf(r: PollRow): PollShape {
  return {
    kind: r.kind,
    question: r.question,
    options: r.options,
    maxChoices: r.max_choices,
    scale: r.scale,
    anonymous: r.anonymous,
    changeable: r.changeable,
    quiz: r.quiz,
    correct: r.correct,
  };
}

/** Staff see a quiz's correct options always; the audience once the results are revealed. */
export function pollView(r: PollRow, staff: boolean): PollView {
  return {
    id: r.id,
    sessionId: r.session_id,
    bankItemId: r.bank_item_id,
    kind: r.kind,
    question: r.question,
    options: r.options,
    maxChoices: r.max_choices,
    scale: r.scale,
    anonymous: r.anonymous,
    changeable: r.changeable,
    quiz: r.quiz,
    correct: r.quiz && (staff || r.revealed) ? r.correct : null,
    status: r.status,
    revealed: r.revealed,
    openedAt: r.opened_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

export async function insertPoll(
  db: Db,
  p: { sessionId: string; bankItemId: string | null; createdBy: string; open: boolean } & PollShape,
): Promise<PollRow> {
  const [row] = await db.query(
    `INSERT INTO polls (session_id, bank_item_id, kind, question, options, max_choices, scale, anonymous,
                        changeable, quiz, correct, status, opened_at, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10, $11::smallint[], $12::varchar,
             CASE WHEN $12::varchar = 'open' THEN now() END, $13)
     RETURNING ${POLL_COLUMNS}`,
    [
      p.sessionId,
      p.bankItemId,
      p.kind,
      JSON.stringify(p.question),
      JSON.stringify(p.options),
      p.maxChoices,
      p.scale,
      p.anonymous,
      p.changeable,
      p.quiz,
      p.correct,
      p.open ? 'open' : 'draft',
      p.createdBy,
    ],
  );
  return row;
}

export async function findPoll(db: Db, pollId: string, lock = false): Promise<PollRow | null> {
  const [row] = await db.query(
    `SELECT ${POLL_COLUMNS} FROM polls WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [pollId],
  );
  return row ?? null;
}

export function sessionPolls(db: Db, sessionId: string): Promise<PollRow[]> {
  return db.query(`SELECT ${POLL_COLUMNS} FROM polls WHERE session_id = $1 ORDER BY created_at, id`, [
    sessionId,
  ]);
}

export async function updatePollState(
  db: Db,
  pollId: string,
  next: { status: PollStatus; revealed: boolean },
): Promise<PollRow> {
  const [row] = await db.query(
    // Through a CTE: TypeORM hands back UPDATE results as [rows, count], not as rows.
    `WITH u AS (
       UPDATE polls SET status = $2::varchar, revealed = $3, updated_at = now(),
              opened_at = CASE WHEN $2::varchar = 'open' THEN COALESCE(opened_at, now()) ELSE opened_at END,
              closed_at = CASE WHEN $2::varchar = 'closed' THEN COALESCE(closed_at, now()) ELSE closed_at END
        WHERE id = $1
        RETURNING *)
     SELECT ${POLL_COLUMNS} FROM u`,
    [pollId, next.status, next.revealed],
  );
  return row;
}

/** People per region (and quiz answers that scored), and answers per option / value / word per region. */
export async function answerCounts(
  db: Db,
  pollId: string,
): Promise<{ people: PeopleCount[]; counts: AnswerCount[] }> {
  const rows: { region_id: number | null; key: string | null; n: number; correct: number }[] = await db.query(
    `SELECT region_id, NULL::text AS key, count(*)::int AS n, count(*) FILTER (WHERE correct)::int AS correct
       FROM poll_answers WHERE poll_id = $1 GROUP BY region_id
     UNION ALL
     SELECT a.region_id, k, count(*)::int, 0
       FROM poll_answers a
       CROSS JOIN LATERAL unnest(COALESCE(a.choices::text[], a.words, ARRAY[a.rating::text])) AS k
      WHERE a.poll_id = $1
      GROUP BY a.region_id, k`,
    [pollId],
  );
  const people: PeopleCount[] = [];
  const counts: AnswerCount[] = [];
  for (const r of rows) {
    if (r.key === null) people.push({ regionId: r.region_id, total: r.n, correct: r.correct });
    else counts.push({ regionId: r.region_id, key: r.key, count: r.n });
  }
  return { people, counts };
}

interface AnswerRow {
  poll_id: string;
  choices: number[] | null;
  rating: number | null;
  words: string[] | null;
  correct: boolean | null;
  answered_at: Date;
  revealed: boolean;
}

export function myAnswerView(r: AnswerRow): MyPollAnswer {
  return {
    pollId: r.poll_id,
    choices: r.choices,
    rating: r.rating,
    words: r.words,
    correct: r.revealed ? r.correct : null,
    answeredAt: r.answered_at.toISOString(),
  };
}

export async function myAnswers(db: Db, sessionId: string, userId: string): Promise<MyPollAnswer[]> {
  const rows: AnswerRow[] = await db.query(
    `SELECT a.poll_id, a.choices, a.rating, a.words, a.correct, COALESCE(a.changed_at, a.answered_at) AS answered_at, p.revealed
       FROM poll_answers a JOIN polls p ON p.id = a.poll_id
      WHERE p.session_id = $1 AND a.user_id = $2`,
    [sessionId, userId],
  );
  return rows.map(myAnswerView);
}

/** Points each person scored in the session's closed quizzes, and the points those quizzes offered. */
export async function sessionQuizPoints(
  db: Db,
  sessionId: string,
): Promise<{ maxPoints: number; scores: { userId: string; points: number }[] }> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM polls WHERE session_id = $1 AND quiz AND status = 'closed'`,
    [sessionId],
  );
  const rows: { user_id: string; points: number }[] = await db.query(
    `SELECT a.user_id, count(*) FILTER (WHERE a.correct)::int AS points
       FROM poll_answers a JOIN polls p ON p.id = a.poll_id
      WHERE p.session_id = $1 AND p.quiz AND p.status = 'closed'
      GROUP BY a.user_id`,
    [sessionId],
  );
  return { maxPoints: n, scores: rows.map((r) => ({ userId: r.user_id, points: r.points })) };
}

export interface AnswerExportRow {
  poll_id: string;
  kind: PollKind;
  question: EngagementText;
  options: EngagementText[];
  anonymous: boolean;
  user_id: string;
  display_name: string;
  email: string;
  region_id: number | null;
  choices: number[] | null;
  rating: number | null;
  words: string[] | null;
  correct: boolean | null;
  answered_at: Date;
}

/** Every answer of a session's polls (coordinators: their regions), poll by poll, oldest first. */
export function sessionAnswers(
  db: Db,
  sessionId: string,
  regionIds: number[] | null,
): Promise<AnswerExportRow[]> {
  return db.query(
    `SELECT p.id AS poll_id, p.kind, p.question, p.options, p.anonymous, a.user_id, u.display_name, u.email,
            a.region_id, a.choices, a.rating, a.words, a.correct, COALESCE(a.changed_at, a.answered_at) AS answered_at
       FROM polls p JOIN poll_answers a ON a.poll_id = p.id JOIN users u ON u.id = a.user_id
      WHERE p.session_id = $1 AND ($2::int[] IS NULL OR a.region_id = ANY($2::int[]))
      ORDER BY p.created_at, p.id, a.answered_at, a.user_id`,
    [sessionId, regionIds],
  );
}
