import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rooms context: the video provider chosen per program or session, each session's room on its
 * provider, the join grants (the token is the room's entry ticket), room presence mapped to the
 * attendance intervals it opened, and a ledger of provider callbacks so a replay changes nothing.
 */
export class VideoRooms1796300000000 implements MigrationInterface {
  name = 'VideoRooms1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE video_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NULL REFERENCES programs(id) ON DELETE CASCADE,
        session_id uuid NULL REFERENCES sessions(id) ON DELETE CASCADE,
        provider varchar(16) NOT NULL CONSTRAINT ck_video_settings_provider
          CHECK (provider IN ('builtin', 'bigbluebutton', 'link')),
        record boolean NOT NULL DEFAULT true,
        updated_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_video_settings_scope CHECK ((program_id IS NULL) <> (session_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_video_settings_program ON video_settings (program_id) WHERE program_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_video_settings_session ON video_settings (session_id) WHERE session_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE session_rooms (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        provider varchar(16) NOT NULL,
        external_id varchar(256) NOT NULL,
        node_id varchar(64) NULL,
        relay_node_ids text[] NOT NULL DEFAULT '{}',
        secret varchar(128) NULL,
        create_time varchar(32) NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CONSTRAINT ck_session_rooms_status CHECK (status IN ('open', 'ended')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz NULL,
        recording_status varchar(16) NOT NULL DEFAULT 'none'
          CONSTRAINT ck_session_rooms_recording CHECK (recording_status IN ('none', 'pending', 'ready', 'failed')),
        recording_file varchar(300) NULL,
        CONSTRAINT ux_session_rooms_external UNIQUE (provider, external_id)
      )`);
    await q.query(`
      CREATE TABLE room_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        registration_id uuid NULL REFERENCES registrations(id) ON DELETE SET NULL,
        role varchar(16) NOT NULL CONSTRAINT ck_room_grants_role CHECK (role IN ('moderator', 'speaker', 'attendee')),
        token varchar(128) NOT NULL,
        node_id varchar(64) NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_room_grants_token ON room_grants (token)`);
    await q.query(`CREATE INDEX ix_room_grants_session ON room_grants (session_id)`);
    await q.query(`CREATE INDEX ix_room_grants_live ON room_grants (expires_at) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE room_presence (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_key varchar(300) NOT NULL,
        open boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE INDEX ix_room_presence_key ON room_presence (participant_key) WHERE open`);
    await q.query(`CREATE INDEX ix_room_presence_session ON room_presence (session_id) WHERE open`);
    await q.query(`
      CREATE TABLE room_callbacks (
        dedupe_key varchar(200) PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['room_callbacks', 'room_presence', 'room_grants', 'session_rooms', 'video_settings']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
