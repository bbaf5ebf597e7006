import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Speakers' photos, kept in PostgreSQL (not on a disk) so every api process serves the same
 * bytes and a backup of the database is a backup of the photos. One photo per speaker; the
 * sha256 is the ETag and the version in the photo's URL.
 */
export class SpeakerPhotos1796760000000 implements MigrationInterface {
  name = 'SpeakerPhotos1796760000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE speaker_photos (
        speaker_id uuid PRIMARY KEY REFERENCES speakers(id) ON DELETE CASCADE,
        content_type varchar(32) NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        sha256 char(64) NOT NULL,
        data bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE speaker_photos`);
  }
}
