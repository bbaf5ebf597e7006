import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and notices: planned notifications (rows before jobs), the delivery ledger, webhook
 * endpoints per organization, each person's channel, and quiet hours per program.
 */
export class RemindersAndNotifications1795600000000 implements MigrationInterface {
  name = 'RemindersAndNotifications1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" BIGSERIAL NOT NULL, "kind" character varying(40) NOT NULL, "dedupe_key" character varying(200) NOT NULL, "user_id" uuid NOT NULL, "registration_id" uuid, "session_id" uuid, "session_version" integer, "offset_minutes" integer, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "event_id" bigint, "status" character varying(16) NOT NULL DEFAULT 'planned', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(1000), "channel" character varying(300), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_1ce34a3c9fd97cd56bcb734ca9e" UNIQUE ("dedupe_key"), CONSTRAINT "ck_notifications_status" CHECK (status IN ('planned','sent','skipped','cancelled','failed')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_99e29c6c288ff968f6c365c8fd" ON "notifications"  ("registration_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_event" ON "notifications"  ("event_id") WHERE event_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_due_planned" ON "notifications"  ("due_at") WHERE status = 'planned'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_session" ON "notifications"  ("session_id", "status", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" BIGSERIAL NOT NULL, "notification_id" bigint NOT NULL, "channel" character varying(64) NOT NULL, "target" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "lease_until" TIMESTAMP WITH TIME ZONE, "provider_ref" character varying(500), "last_error" character varying(1000), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_deliveries_status" CHECK (status IN ('sending','sent','failed')), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1e7ea14e7f96c20db155b8b970" ON "notification_deliveries"  ("notification_id", "channel") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoints" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "secret" character varying(128) NOT NULL, "description" character varying(200), "active" boolean NOT NULL DEFAULT true, "created_by" uuid, CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_893247a8681e31f117a34b4fb4" ON "webhook_endpoints"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "channel" character varying(16) NOT NULL DEFAULT 'email', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notification_preferences_channel" CHECK (channel IN ('email','webhook')), CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "programs" ADD "quiet_hours_start" character varying(5) DEFAULT '22:00'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programs" ADD "quiet_hours_end" character varying(5) DEFAULT '08:00'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programs" ADD CONSTRAINT "ck_programs_quiet_hours" CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_99e29c6c288ff968f6c365c8fd8" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_435486b970fffc3e33a7450ee97" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_893247a8681e31f117a34b4fb46" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_893247a8681e31f117a34b4fb46"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_435486b970fffc3e33a7450ee97"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_99e29c6c288ff968f6c365c8fd8"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "ck_programs_quiet_hours"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "quiet_hours_end"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "quiet_hours_start"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_893247a8681e31f117a34b4fb4"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1e7ea14e7f96c20db155b8b970"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_due_planned"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_99e29c6c288ff968f6c365c8fd"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
