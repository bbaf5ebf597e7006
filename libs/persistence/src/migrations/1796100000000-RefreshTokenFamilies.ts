import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens belong to a family: the token a sign-in issues and every token rotated from it.
 * Presenting a token that was already rotated means two parties hold the family, so the whole
 * family is revoked. Tokens issued before this migration start a family of their own.
 */
export class RefreshTokenFamilies1796100000000 implements MigrationInterface {
  name = 'RefreshTokenFamilies1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "refresh_tokens" ADD "family_id" uuid`);
    await q.query(`UPDATE "refresh_tokens" SET "family_id" = "id"`);
    await q.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "family_id" SET NOT NULL`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_family_id" ON "refresh_tokens" ("family_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_refresh_tokens_family_id"`);
    await q.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "family_id"`);
  }
}
