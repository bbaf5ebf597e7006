import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `mark_notifications_sent`: the worker's "sent" marks for a batch of deliveries, by key.
 *
 * Why a function: the same statement as plain SQL was planned from the tables' statistics, and
 * during a burst those lag far behind (autovacuum analyzes about once a minute). A ledger that
 * was nearly empty a minute ago looked cheaper to scan than to probe, so each mark of 8 rows
 * scanned 20,000 (7 ms, half of Postgres's CPU in bench:reminders). Marks are always a handful
 * of rows looked up by key, so the function updates them one by one by key, with scans off.
 */
export class MarkNotificationsSent1795900000000 implements MigrationInterface {
  name = 'MarkNotificationsSent1795900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION mark_notifications_sent(p_ids bigint[], p_channels text[], p_refs text[], p_closing text[])
      RETURNS integer
      LANGUAGE plpgsql
      SET enable_seqscan = off
      SET enable_bitmapscan = off
      SET enable_hashjoin = off
      SET enable_mergejoin = off
      AS $fn$
      DECLARE
        closed integer := 0;
        done integer;
      BEGIN
        -- Row by row on purpose: an equality on a unique key is the one plan no statistics can
        -- talk the planner out of (a join on the batch once preferred scanning every planned row).
        FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
          UPDATE notification_deliveries
             SET status = 'sent', sent_at = now(), provider_ref = p_refs[i], last_error = NULL, lease_until = NULL,
                 updated_at = now()
           WHERE notification_id = p_ids[i] AND channel = p_channels[i];
          -- A message's last channel closes the notification too.
          IF p_closing[i] IS NOT NULL THEN
            UPDATE notifications
               SET status = 'sent', sent_at = now(), channel = p_closing[i], attempts = attempts + 1,
                   last_error = NULL, updated_at = now()
             WHERE id = p_ids[i] AND status = 'planned';
            GET DIAGNOSTICS done = ROW_COUNT;
            closed := closed + done;
          END IF;
        END LOOP;
        RETURN closed;
      END
      $fn$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION mark_notifications_sent(bigint[], text[], text[], text[])`);
  }
}
