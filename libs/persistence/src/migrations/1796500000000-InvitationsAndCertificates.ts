import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expected lists of named people (and their invitations), and certificates of completion.
 *
 * - users: an account made from a list has no password until its person sets one; a phone number
 *   (E.164, unique) to match people by.
 * - expected_people: one row per person expected in a program or session, in one region; the
 *   invitation's life (invited, accepted, declined) is on the same row.
 * - roster_expected: the one rule for "expected per region": the list's head count where a scope
 *   has a list for that region, else the roster's plain number. Reports, the live figures and
 *   rosters read it.
 * - certificates (+ their PDF files and the batches that issue them).
 */
export class InvitationsAndCertificates1796500000000 implements MigrationInterface {
  name = 'InvitationsAndCertificates1796500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN phone varchar(20)`);
    await q.query(`CREATE UNIQUE INDEX ux_users_phone ON users (phone) WHERE phone IS NOT NULL`);

    await q.query(`
      CREATE TABLE expected_people (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        scope_type varchar(16) NOT NULL CHECK (scope_type IN ('program', 'session')),
        scope_id uuid NOT NULL,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        session_id uuid REFERENCES sessions(id) ON DELETE CASCADE,
        region_id int NOT NULL REFERENCES regions(id) ON DELETE RESTRICT,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        full_name varchar(200) NOT NULL,
        email varchar(320),
        phone varchar(20),
        language varchar(2) NOT NULL,
        organization varchar(300),
        position varchar(300),
        imported_by uuid,
        invited_at timestamptz,
        accepted_at timestamptz,
        declined_at timestamptz,
        decline_reason varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (email IS NOT NULL OR phone IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_expected_people_user ON expected_people (scope_type, scope_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_expected_people_email ON expected_people (scope_type, scope_id, email) WHERE email IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_expected_people_phone ON expected_people (scope_type, scope_id, phone) WHERE phone IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_expected_people_scope_region ON expected_people (scope_type, scope_id, region_id)`,
    );
    await q.query(`CREATE INDEX ix_expected_people_user ON expected_people (user_id)`);

    await q.query(`
      CREATE TABLE invitation_settings (
        program_id uuid NOT NULL PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
        reminder_offsets_minutes int[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE VIEW roster_expected AS
        SELECT scope_type, scope_id, region_id, count(*)::int AS expected, 'list'::text AS source
          FROM expected_people GROUP BY scope_type, scope_id, region_id
        UNION ALL
        SELECT e.scope_type, e.scope_id, e.region_id, e.expected, 'number'::text
          FROM roster_entries e
         WHERE NOT EXISTS (SELECT 1 FROM expected_people p
                            WHERE p.scope_type = e.scope_type AND p.scope_id = e.scope_id
                              AND p.region_id = e.region_id)`);

    await q.query(`CREATE SEQUENCE certificate_number_seq`);
    await q.query(`
      CREATE TABLE certificate_batches (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        reason varchar(16) NOT NULL CHECK (reason IN ('request', 'session_ended')),
        requested_by uuid,
        event_id bigint UNIQUE,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
        total int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        number varchar(32) NOT NULL UNIQUE,
        verify_code varchar(32) NOT NULL UNIQUE,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        batch_id uuid REFERENCES certificate_batches(id) ON DELETE SET NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'revoked')),
        language varchar(2) NOT NULL,
        holder_name varchar(200) NOT NULL,
        program_title jsonb NOT NULL,
        modules jsonb NOT NULL DEFAULT '[]',
        minutes numeric(10,1) NOT NULL,
        completed_at timestamptz NOT NULL,
        time_zone varchar(64) NOT NULL,
        public_name boolean NOT NULL DEFAULT false,
        issued_at timestamptz,
        revoked_at timestamptz,
        revoke_reason varchar(500),
        replaces_id uuid REFERENCES certificates(id) ON DELETE SET NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One certificate in force per person and program: re-issuing revokes the old one first.
    await q.query(
      `CREATE UNIQUE INDEX ux_certificates_in_force ON certificates (program_id, user_id) WHERE status <> 'revoked'`,
    );
    await q.query(
      `CREATE INDEX ix_certificates_pending ON certificates (created_at) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX ix_certificates_user ON certificates (user_id)`);
    await q.query(`CREATE INDEX ix_certificates_batch ON certificates (batch_id, status)`);
    await q.query(`
      CREATE TABLE certificate_files (
        certificate_id uuid NOT NULL PRIMARY KEY REFERENCES certificates(id) ON DELETE CASCADE,
        pdf bytea NOT NULL,
        sha256 varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_files`);
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP TABLE certificate_batches`);
    await q.query(`DROP SEQUENCE certificate_number_seq`);
    await q.query(`DROP VIEW roster_expected`);
    await q.query(`DROP TABLE invitation_settings`);
    await q.query(`DROP TABLE expected_people`);
    await q.query(`DROP INDEX ux_users_phone`);
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
    await q.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
