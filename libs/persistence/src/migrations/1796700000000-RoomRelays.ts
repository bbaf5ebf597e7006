import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Broadcast mode of built-in rooms: who publishes in a room's origin node (their streams, as
 * Janus described them) and which relay nodes carry them already, so a relay added while a
 * speaker is on the air gets that speaker too, and a speaker who leaves is taken off every relay.
 */
export class RoomRelays1796700000000 implements MigrationInterface {
  name = 'RoomRelays1796700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE room_publishers (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        publisher_id bigint NOT NULL,
        display varchar(200) NULL,
        streams jsonb NOT NULL,
        relayed_to text[] NOT NULL DEFAULT '{}',
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, publisher_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE room_publishers`);
  }
}
