import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live context: session live settings, program completion rules, attendance intervals
 * (one row per connection, id made by the gateway), questions and one-per-person votes.
 */
export class LiveAttendanceAndQa1795700000000 implements MigrationInterface {
  name = 'LiveAttendanceAndQa1795700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "attendance_intervals" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "registration_id" uuid, "region_id" integer, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, "left_reason" character varying(16), CONSTRAINT "ck_attendance_intervals_order" CHECK (left_at IS NULL OR left_at >= joined_at), CONSTRAINT "PK_e7dbb77bab79df08d8861871bae" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_edb8922909eee0f4373fe338bd" ON "attendance_intervals"  ("user_id") `);
    await q.query(
      `CREATE INDEX "IDX_5c947b6bdde5be70178f6efc0f" ON "attendance_intervals"  ("session_id", "user_id") `,
    );
    await q.query(
      `CREATE TABLE "session_live_settings" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "session_id" uuid NOT NULL, "join_window_minutes" integer NOT NULL DEFAULT '15', "qa_premoderation" boolean NOT NULL DEFAULT true, "recording_url" character varying(2000), "updated_by" uuid, CONSTRAINT "ck_session_live_settings_window" CHECK (join_window_minutes BETWEEN 0 AND 1440), CONSTRAINT "PK_2153f5fdc0b4ce49af1c6adc268" PRIMARY KEY ("session_id"))`,
    );
    await q.query(
      `CREATE TABLE "program_completion_rules" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "program_id" uuid NOT NULL, "attended_threshold_percent" integer NOT NULL DEFAULT '75', "modules_required" integer, "updated_by" uuid, CONSTRAINT "ck_program_completion_rules_modules" CHECK (modules_required IS NULL OR modules_required >= 1), CONSTRAINT "ck_program_completion_rules_threshold" CHECK (attended_threshold_percent BETWEEN 1 AND 100), CONSTRAINT "PK_b4cf31a78bda7ff9c98ed599447" PRIMARY KEY ("program_id"))`,
    );
    await q.query(
      `CREATE TABLE "questions" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "author_id" uuid NOT NULL, "region_id" integer, "section_id" uuid, "text" character varying(500) NOT NULL, "anonymous" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL, "pinned" boolean NOT NULL DEFAULT false, "upvotes" integer NOT NULL DEFAULT '0', "moderated_by" uuid, "moderated_at" TIMESTAMP WITH TIME ZONE, "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_questions_status" CHECK (status IN ('pending','approved','dismissed','answered')), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_dcaac7adf4b5af7bc980ec5250" ON "questions"  ("author_id") `);
    await q.query(
      `CREATE INDEX "IDX_c65086f6599f71eab5528789bf" ON "questions"  ("session_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "question_votes" ("question_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b192f4094aec328ef306e5662b6" PRIMARY KEY ("question_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_b3fd868c90abc25cab8159c488" ON "question_votes"  ("user_id") `);
    await q.query(
      `ALTER TABLE "attendance_intervals" ADD CONSTRAINT "FK_b8e76c81b05bea350e3d9c31634" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "attendance_intervals" ADD CONSTRAINT "FK_edb8922909eee0f4373fe338bd0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "attendance_intervals" ADD CONSTRAINT "FK_8adf4a091b28eed6ae12adc313a" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "attendance_intervals" ADD CONSTRAINT "FK_fc5ed73a9eabafd714dfb74a077" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "session_live_settings" ADD CONSTRAINT "FK_2153f5fdc0b4ce49af1c6adc268" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "program_completion_rules" ADD CONSTRAINT "FK_b4cf31a78bda7ff9c98ed599447" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_6a122873055961342d11ea9e3eb" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_f18a200a2bee380106bdf59d724" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_f358a1c801460a4a10b72169b8c" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "question_votes" ADD CONSTRAINT "FK_c7514956e9a7667e5d0136b2559" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "question_votes" ADD CONSTRAINT "FK_b3fd868c90abc25cab8159c4881" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "question_votes" DROP CONSTRAINT "FK_b3fd868c90abc25cab8159c4881"`);
    await q.query(`ALTER TABLE "question_votes" DROP CONSTRAINT "FK_c7514956e9a7667e5d0136b2559"`);
    await q.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_f358a1c801460a4a10b72169b8c"`);
    await q.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_f18a200a2bee380106bdf59d724"`);
    await q.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e"`);
    await q.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_6a122873055961342d11ea9e3eb"`);
    await q.query(`ALTER TABLE "program_completion_rules" DROP CONSTRAINT "FK_b4cf31a78bda7ff9c98ed599447"`);
    await q.query(`ALTER TABLE "session_live_settings" DROP CONSTRAINT "FK_2153f5fdc0b4ce49af1c6adc268"`);
    await q.query(`ALTER TABLE "attendance_intervals" DROP CONSTRAINT "FK_fc5ed73a9eabafd714dfb74a077"`);
    await q.query(`ALTER TABLE "attendance_intervals" DROP CONSTRAINT "FK_8adf4a091b28eed6ae12adc313a"`);
    await q.query(`ALTER TABLE "attendance_intervals" DROP CONSTRAINT "FK_edb8922909eee0f4373fe338bd0"`);
    await q.query(`ALTER TABLE "attendance_intervals" DROP CONSTRAINT "FK_b8e76c81b05bea350e3d9c31634"`);
    await q.query(`DROP INDEX "public"."IDX_b3fd868c90abc25cab8159c488"`);
    await q.query(`DROP TABLE "question_votes"`);
    await q.query(`DROP INDEX "public"."IDX_c65086f6599f71eab5528789bf"`);
    await q.query(`DROP INDEX "public"."IDX_dcaac7adf4b5af7bc980ec5250"`);
    await q.query(`DROP TABLE "questions"`);
    await q.query(`DROP TABLE "program_completion_rules"`);
    await q.query(`DROP TABLE "session_live_settings"`);
    await q.query(`DROP INDEX "public"."IDX_5c947b6bdde5be70178f6efc0f"`);
    await q.query(`DROP INDEX "public"."IDX_edb8922909eee0f4373fe338bd"`);
    await q.query(`DROP TABLE "attendance_intervals"`);
  }
}
