/** The SQL of certificates: creating them from completions, issuing, reading, verifying. */
import { randomBytes } from 'crypto';
import type { EntityManager } from 'typeorm';
import { verifyCodeFrom } from './certificate.policy';

type Db = Pick<EntityManager, 'query'>;

/** LISTEN/NOTIFY channel that wakes the worker's certificate relay (pending rows to jobs). */
export const CERTIFICATES_CHANNEL = 'qatys_certificates';

export interface CompleterRow {
  userId: string;
  minutes: number;
  completedAt: Date;
}

/**
 * A pending certificate for each completer who has none in force (one per person and program:
 * the partial unique index), in their language and zone, with the program's title and modules
 * as they are now. Numbers come from a sequence; codes are random. Returns how many were made.
 */
export async function createPending(
  db: Db,
  batchId: string,
  programId: string,
  completers: readonly CompleterRow[],
): Promise<number> {
  if (!completers.length) return 0;
  const rows: unknown[] = await db.query(
    `INSERT INTO certificates (number, verify_code, program_id, user_id, batch_id, language, holder_name,
                               program_title, modules, minutes, completed_at, time_zone)
     SELECT 'QTS-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_number_seq')::text, 6, '0'),
            c.code, $2, u.id, $1, u.language, u.display_name, p.title,
            coalesce((SELECT jsonb_agg(m.title ORDER BY m.position) FROM program_modules m WHERE m.program_id = p.id), '[]'),
            c.minutes, c.completed_at, u.time_zone
       FROM unnest($3::uuid[], $4::numeric[], $5::timestamptz[], $6::text[]) AS c(user_id, minutes, completed_at, code)
       JOIN users u ON u.id = c.user_id
       JOIN programs p ON p.id = $2
      WHERE NOT EXISTS (SELECT 1 FROM certificates x WHERE x.program_id = $2 AND x.user_id = c.user_id AND x.status <> 'revoked')
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      batchId,
      programId,
      completers.map((c) => c.userId),
      completers.map((c) => c.minutes),
      completers.map((c) => c.completedAt),
      completers.map(() => verifyCodeFrom(randomBytes(16))),
    ],
  );
  await db.query(`UPDATE certificate_batches SET total = total + $2, updated_at = now() WHERE id = $1`, [
    batchId,
    rows.length,
  ]);
  await db.query(`SELECT pg_notify($1, 'pending')`, [CERTIFICATES_CHANNEL]);
  return rows.length;
}

export interface IssueRow {
  id: string;
  number: string;
  verify_code: string;
  user_id: string;
  program_id: string;
  status: string;
  language: string;
  holder_name: string;
  program_title: Record<string, string>;
  modules: Record<string, string>[];
  minutes: string;
  completed_at: Date;
  time_zone: string;
  created_at: Date;
}

export async function certificateToIssue(db: Db, id: string): Promise<IssueRow | undefined> {
  const [row]: IssueRow[] = await db.query(
    `SELECT id, number, verify_code, user_id, program_id, status, language, holder_name, program_title, modules,
            minutes, completed_at, time_zone, created_at
       FROM certificates WHERE id = $1`,
    [id],
  );
  return row;
}

/** Pending certificates after `afterCreated`/`afterId` (keyset), for the relay. */
export function pagePending(db: Db, after: { createdAt: Date; id: string } | null, limit: number) {
  return db.query(
    `SELECT id, created_at FROM certificates
      WHERE status = 'pending' AND ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid))
      ORDER BY created_at, id LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, limit],
  ) as Promise<{ id: string; created_at: Date }[]>;
}

export interface BatchProgress {
  id: string;
  program_id: string;
  reason: string;
  total: number;
  issued: number;
  pending: number;
  revoked: number;
  created_at: Date;
}

export async function batchProgress(db: Db, batchId: string): Promise<BatchProgress | undefined> {
  const [row]: BatchProgress[] = await db.query(
    `SELECT b.id, b.program_id, b.reason, b.total, b.created_at,
            count(c.id) FILTER (WHERE c.status = 'issued')::int AS issued,
            count(c.id) FILTER (WHERE c.status = 'pending')::int AS pending,
            count(c.id) FILTER (WHERE c.status = 'revoked')::int AS revoked
       FROM certificate_batches b LEFT JOIN certificates c ON c.batch_id = b.id
      WHERE b.id = $1 GROUP BY b.id`,
    [batchId],
  );
  return row;
}

export interface CertificateRow {
  id: string;
  number: string;
  verify_code: string;
  program_id: string;
  user_id: string;
  status: string;
  language: string;
  holder_name: string;
  program_title: Record<string, string>;
  minutes: string;
  completed_at: Date;
  issued_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  public_name: boolean;
  replaces_id: string | null;
  batch_id: string | null;
}

const COLUMNS = `id, number, verify_code, program_id, user_id, status, language, holder_name, program_title, minutes,
  completed_at, issued_at, revoked_at, revoke_reason, public_name, replaces_id, batch_id`;

export function certificatesWhere(db: Db, where: string, params: unknown[]): Promise<CertificateRow[]> {
  return db.query(`SELECT ${COLUMNS} FROM certificates WHERE ${where} ORDER BY created_at, id`, params);
}
