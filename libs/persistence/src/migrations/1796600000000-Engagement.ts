import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engagement in a live session: a poll bank per program, the polls of a session and their
 * answers (one per person: the primary key decides, across every gateway process), chat
 * settings, messages and mutes. For completion, the attendance context keeps each person's quiz
 * points per session beside the points the session's quizzes offered, and a program's rule may
 * ask for a quiz score.
 */
export class Engagement1796600000000 implements MigrationInterface {
  name = 'Engagement1796600000000';

  public async up(q: QueryRunner): Promise<void> {
    const definition = (table: string) => `
        kind varchar(16) NOT NULL CONSTRAINT ck_${table}_kind CHECK (kind IN ('single', 'multiple', 'rating', 'words')),
        question jsonb NOT NULL,
        options jsonb NOT NULL DEFAULT '[]',
        max_choices int NULL,
        scale int NULL CONSTRAINT ck_${table}_scale CHECK (scale IS NULL OR scale BETWEEN 2 AND 10),
        anonymous boolean NOT NULL DEFAULT false,
        changeable boolean NOT NULL DEFAULT false,
        quiz boolean NOT NULL DEFAULT false,
        correct smallint[] NULL,
        CONSTRAINT ck_${table}_quiz CHECK (NOT quiz OR (NOT anonymous AND correct IS NOT NULL))`;
    await q.query(`
      CREATE TABLE poll_bank_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        ${definition('poll_bank_items')},
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_poll_bank_items_program ON poll_bank_items (program_id, created_at)`);
    await q.query(`
      CREATE TABLE polls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        bank_item_id uuid NULL REFERENCES poll_bank_items(id) ON DELETE SET NULL,
        ${definition('polls')},
        status varchar(8) NOT NULL DEFAULT 'draft' CONSTRAINT ck_polls_status CHECK (status IN ('draft', 'open', 'closed')),
        revealed boolean NOT NULL DEFAULT false,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        opened_at timestamptz NULL,
        closed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_polls_session ON polls (session_id, created_at)`);
    await q.query(`
      CREATE TABLE poll_answers (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        region_id int NULL REFERENCES regions(id) ON DELETE RESTRICT,
        choices smallint[] NULL,
        rating smallint NULL,
        words text[] NULL,
        correct boolean NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NULL,
        PRIMARY KEY (poll_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE session_engagement_settings (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        chat_enabled boolean NOT NULL DEFAULT false,
        chat_premoderation boolean NOT NULL DEFAULT true,
        updated_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        region_id int NULL REFERENCES regions(id) ON DELETE RESTRICT,
        audience varchar(8) NOT NULL CONSTRAINT ck_chat_messages_audience CHECK (audience IN ('all', 'staff')),
        staff boolean NOT NULL DEFAULT false,
        text varchar(500) NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_chat_messages_status CHECK (status IN ('pending', 'approved', 'deleted')),
        moderated_by uuid NULL,
        moderated_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_chat_messages_session ON chat_messages (session_id, created_at)`);
    await q.query(`
      CREATE TABLE chat_mutes (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        muted_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
    // Owned by the attendance context (completion), written by engagement when a quiz closes.
    await q.query(`
      CREATE TABLE session_quiz_totals (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        max_points int NOT NULL CONSTRAINT ck_session_quiz_totals_points CHECK (max_points >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE session_quiz_scores (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        points int NOT NULL CONSTRAINT ck_session_quiz_scores_points CHECK (points >= 0),
        PRIMARY KEY (session_id, user_id)
      )`);
    await q.query(`
      ALTER TABLE program_completion_rules
        ADD COLUMN min_quiz_score_percent int NULL
        CONSTRAINT ck_program_completion_rules_quiz CHECK (min_quiz_score_percent IS NULL OR min_quiz_score_percent BETWEEN 1 AND 100)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program_completion_rules DROP COLUMN min_quiz_score_percent`);
    for (const t of [
      'session_quiz_scores',
      'session_quiz_totals',
      'chat_mutes',
      'chat_messages',
      'session_engagement_settings',
      'poll_answers',
      'polls',
      'poll_bank_items',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
