import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `notification_deliveries.claimed_by`: the worker process holding a `sending` claim. A process
 * holds a session advisory lock keyed by its id while it lives, so another worker can tell a dead
 * claimant's claim (taken over at once) from a living one's (kept, however slow the send).
 * Claims from before this column have no claimant and keep the old rule: taken over when their
 * lease ends.
 */
export class DeliveryClaimants1796040000000 implements MigrationInterface {
  name = 'DeliveryClaimants1796040000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification_deliveries" ADD "claimed_by" uuid`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification_deliveries" DROP COLUMN "claimed_by"`);
  }
}
