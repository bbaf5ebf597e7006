import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations: a domain event keeps the W3C `traceparent` of the request that recorded it, so the
 * worker's handling, the job and the SMTP/webhook call continue that request's trace (NULL when
 * tracing is off). A partial index keeps the Q&A moderation backlog metric from scanning every
 * question ever asked.
 */
export class TraceContextAndBacklogIndex1796650000000 implements MigrationInterface {
  name = 'TraceContextAndBacklogIndex1796650000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE domain_events ADD COLUMN trace_parent varchar(64) NULL`);
    await q.query(`CREATE INDEX ix_questions_pending ON questions (session_id) WHERE status = 'pending'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_questions_pending`);
    await q.query(`ALTER TABLE domain_events DROP COLUMN IF EXISTS trace_parent`);
  }
}
