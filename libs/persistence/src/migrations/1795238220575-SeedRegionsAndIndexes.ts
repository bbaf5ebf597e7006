import { MigrationInterface, QueryRunner } from 'typeorm';
import { REGIONS_2022 } from '../seeds/regions.seed';

/** Seeds the 20 current regions (idempotent) and adds the indexes entity decorators cannot express. */
export class SeedRegionsAndIndexes1795238220575 implements MigrationInterface {
  name = 'SeedRegionsAndIndexes1795238220575';

  public async up(q: QueryRunner): Promise<void> {
    for (const r of REGIONS_2022) {
      const inserted: { id: number }[] = await q.query(
        `INSERT INTO regions (code, name_kk, name_ru, name_en, time_zone) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [r.code, r.kk, r.ru, r.en, r.zone],
      );
      if (inserted.length) {
        await q.query(
          `INSERT INTO region_revisions (region_id, change, snapshot) VALUES ($1, 'created', $2)`,
          [inserted[0].id, JSON.stringify(r)],
        );
      }
    }
    await q.query(`CREATE INDEX ix_sessions_target_regions ON sessions USING gin (target_region_ids)`);
    await q.query(`ALTER TABLE sessions ADD CONSTRAINT ck_sessions_time_order CHECK (end_at > start_at)`);
    await q.query(
      `ALTER TABLE registrations ADD CONSTRAINT ck_registrations_status CHECK (status IN ('registered','waitlisted','cancelled'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registrations DROP CONSTRAINT ck_registrations_status`);
    await q.query(`ALTER TABLE sessions DROP CONSTRAINT ck_sessions_time_order`);
    await q.query(`DROP INDEX ix_sessions_target_regions`);
  }
}
