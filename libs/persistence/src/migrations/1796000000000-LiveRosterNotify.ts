import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY `qatys_live_roster` when who may join a session, or as whom, changes: `s:<session id>`
 * for its registrations and speakers, `u:<user id>` for a user's home region or disabled flag.
 * A gateway keeps each live session's roster in memory while it listens (a session start is
 * thousands of joins within a minute: one read instead of one per join) and drops what a
 * notification names. Statement-level where a bulk change touches many rows (a roster import,
 * a cohort commit), so one statement costs one notification per session, not one per row.
 */
export class LiveRosterNotify1796000000000 implements MigrationInterface {
  name = 'LiveRosterNotify1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION live_roster_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP <> 'DELETE' THEN
          PERFORM pg_notify('qatys_live_roster', 's:' || s) FROM (SELECT DISTINCT session_id AS s FROM new_rows) x;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          PERFORM pg_notify('qatys_live_roster', 's:' || s) FROM (SELECT DISTINCT session_id AS s FROM old_rows) x;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const table of ['registrations', 'session_speakers']) {
      await q.query(`CREATE TRIGGER live_roster_ins AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_roster_sessions_changed()`);
      await q.query(`CREATE TRIGGER live_roster_upd AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION live_roster_sessions_changed()`);
      await q.query(`CREATE TRIGGER live_roster_del AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION live_roster_sessions_changed()`);
    }
    // A user's facts and a speaker's user: per row, and only when a fact the join reads changed.
    await q.query(`
      CREATE FUNCTION live_roster_user_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('qatys_live_roster', 'u:' || NEW.id);
        ELSE
          IF TG_OP <> 'INSERT' AND OLD.user_id IS NOT NULL THEN
            PERFORM pg_notify('qatys_live_roster', 'u:' || OLD.user_id);
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.user_id IS NOT NULL THEN
            PERFORM pg_notify('qatys_live_roster', 'u:' || NEW.user_id);
          END IF;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER live_roster_user AFTER UPDATE OF home_region_id, disabled_at ON users
      FOR EACH ROW WHEN (OLD.home_region_id IS DISTINCT FROM NEW.home_region_id
                         OR (OLD.disabled_at IS NULL) <> (NEW.disabled_at IS NULL))
      EXECUTE FUNCTION live_roster_user_changed()`);
    await q.query(`CREATE TRIGGER live_roster_speaker AFTER UPDATE OF user_id OR DELETE ON speakers
      FOR EACH ROW EXECUTE FUNCTION live_roster_user_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER live_roster_speaker ON speakers`);
    await q.query(`DROP TRIGGER live_roster_user ON users`);
    for (const table of ['registrations', 'session_speakers']) {
      for (const t of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER live_roster_${t} ON ${table}`);
    }
    await q.query(`DROP FUNCTION live_roster_user_changed()`);
    await q.query(`DROP FUNCTION live_roster_sessions_changed()`);
  }
}
