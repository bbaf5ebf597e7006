import type { PollDefinition } from '@qatys/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { PollShape } from './poll.policy';

type Db = DataSource | EntityManager;

interface BankRow {
  id: string;
  program_id: string;
  kind: PollShape['kind'];
  question: PollShape['question'];
  options: PollShape['options'];
  max_choices: number | null;
  scale: number | null;
  anonymous: boolean;
  changeable: boolean;
  quiz: boolean;
  correct: number[] | null;
  created_at: Date;
  updated_at: Date;
}

export interface BankItem {
  id: string;
  programId: string;
  definition: PollDefinition;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, program_id, kind, question, options, max_choices, scale, anonymous, changeable, quiz, correct,
  created_at, updated_at`;

function itemOf(r: BankRow): BankItem {
  const definition: PollDefinition = {
    kind: r.kind,
    question: r.question,
    options: r.options,
    anonymous: r.anonymous,
    changeable: r.changeable,
    quiz: r.quiz,
  };
  if (r.max_choices !== null) definition.maxChoices = r.max_choices;
  if (r.scale !== null) definition.scale = r.scale;
  if (r.correct !== null) definition.correct = r.correct;
  return {
    id: r.id,
    programId: r.program_id,
    definition,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findBankItem(db: Db, id: string): Promise<BankItem | null> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM poll_bank_items WHERE id = $1`, [id]);
  return row ? itemOf(row) : null;
}

export async function programBank(db: Db, programId: string): Promise<BankItem[]> {
  const rows: BankRow[] = await db.query(
    `SELECT ${COLUMNS} FROM poll_bank_items WHERE program_id = $1 ORDER BY created_at, id`,
    [programId],
  );
  return rows.map(itemOf);
}

const VALUES = (s: PollShape) => [
  s.kind,
  JSON.stringify(s.question),
  JSON.stringify(s.options),
  s.maxChoices,
  s.scale,
  s.anonymous,
  s.changeable,
  s.quiz,
  s.correct,
];

export async function insertBankItem(db: Db, programId: string, s: PollShape, by: string): Promise<BankItem> {
  const [row] = await db.query(
    `INSERT INTO poll_bank_items (program_id, kind, question, options, max_choices, scale, anonymous, changeable,
                                  quiz, correct, created_by)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10::smallint[], $11)
     RETURNING ${COLUMNS}`,
    [programId, ...VALUES(s), by],
  );
  return itemOf(row);
}

export async function updateBankItem(
  db: Db,
  id: string,
  programId: string,
  s: PollShape,
): Promise<BankItem | null> {
  const [row] = await db.query(
    `WITH u AS (
       UPDATE poll_bank_items SET kind = $3, question = $4::jsonb, options = $5::jsonb, max_choices = $6, scale = $7,
              anonymous = $8, changeable = $9, quiz = $10, correct = $11::smallint[], updated_at = now()
        WHERE id = $1 AND program_id = $2
        RETURNING *)
     SELECT ${COLUMNS} FROM u`,
    [id, programId, ...VALUES(s)],
  );
  return row ? itemOf(row) : null;
}

export async function deleteBankItem(db: Db, id: string, programId: string): Promise<boolean> {
  const [{ n }] = await db.query(
    `WITH d AS (DELETE FROM poll_bank_items WHERE id = $1 AND program_id = $2 RETURNING 1) SELECT count(*)::int AS n FROM d`,
    [id, programId],
  );
  return n > 0;
}
