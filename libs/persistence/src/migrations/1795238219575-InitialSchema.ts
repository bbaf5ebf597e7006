import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795238219575 implements MigrationInterface {
  name = 'InitialSchema1795238219575';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regions" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "code" character varying(16) NOT NULL, "name_kk" character varying(200) NOT NULL, "name_ru" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "time_zone" character varying(64) NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_4f6dc5a464961e7c65a395ea4c6" UNIQUE ("code"), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "region_revisions" ("id" BIGSERIAL NOT NULL, "region_id" integer NOT NULL, "change" character varying(16) NOT NULL, "snapshot" jsonb NOT NULL, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_74f98eacd12bc8f563ecb5963d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'ru', "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Almaty', "home_region_id" integer, "roles" text array NOT NULL DEFAULT '{attendee}', "coordinator_region_ids" integer array NOT NULL DEFAULT '{}', "organization_id" uuid, "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(128) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a7838d2ba25be1342091b6695f1" UNIQUE ("token_hash"), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feed_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(128) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_03afc5516cb101fcd177693b33c" UNIQUE ("token_hash"), CONSTRAINT "PK_19357e4b3fb7d99faaa618f4616" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_91dd5d95930f79852080990fd6" ON "calendar_feed_tokens"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, CONSTRAINT "UQ_9b7ca6d30b94fef571cff876884" UNIQUE ("name"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "programs" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" jsonb NOT NULL, "description" jsonb NOT NULL DEFAULT '{}', "default_time_zone" character varying(64) NOT NULL, "default_language" character varying(2) NOT NULL, "starts_on" date, "ends_on" date, "status" character varying(16) NOT NULL DEFAULT 'draft', "reminder_offsets_minutes" integer array NOT NULL DEFAULT '{1440,60,10}', "created_by" uuid, CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c5834d3b3137f015ea45906474" ON "programs"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "program_modules" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "position" integer NOT NULL, "title" jsonb NOT NULL, "description" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_f985d9cb21d40b6da7b9ffd5f60" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7bc8df6555561b0169fbfcf861" ON "program_modules"  ("program_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "speakers" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "full_name" character varying(200) NOT NULL, "bio" jsonb NOT NULL DEFAULT '{}', "affiliation" character varying(300), "organization_id" uuid, CONSTRAINT "PK_b3818c94af77a0cf73403ecef14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ee8517e89ba41e578cb6fe1bd8" ON "speakers"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "module_id" uuid, "title" jsonb NOT NULL, "description" jsonb NOT NULL DEFAULT '{}', "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" character varying(64) NOT NULL, "format" character varying(16) NOT NULL DEFAULT 'online', "venue" character varying(500), "join_url" character varying(2000), "capacity" integer, "registered_count" integer NOT NULL DEFAULT '0', "target_region_ids" integer array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'scheduled', "version" integer NOT NULL DEFAULT '1', "reminder_offsets_minutes" integer array, "created_by" uuid, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_daac3b37d8f107926c0e2a1a11" ON "sessions"  ("module_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_4a868bc8585b8dccf621ad3e13" ON "sessions"  ("program_id", "start_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b81d0fff2762c08cdd44f53f3d" ON "sessions"  ("start_at") `);
    await queryRunner.query(
      `CREATE TABLE "session_speakers" ("session_id" uuid NOT NULL, "speaker_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1e045acbaae611353739e61d856" PRIMARY KEY ("session_id", "speaker_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6e16e562ec0a46a3e2acae145a" ON "session_speakers"  ("speaker_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sections" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "title" jsonb NOT NULL, "description" jsonb NOT NULL DEFAULT '{}', "lead_speaker_id" uuid, "capacity" integer, "registered_count" integer NOT NULL DEFAULT '0', "position" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_f9749dd3bffd880a497d007e450" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ddbf412e678e1b3a44e3653885" ON "sections"  ("session_id") `);
    await queryRunner.query(
      `CREATE TABLE "domain_events" ("id" BIGSERIAL NOT NULL, "type" character varying(64) NOT NULL, "aggregate_type" character varying(32) NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a2f6fc566626c216ae4dbe4f4a" ON "domain_events"  ("aggregate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_domain_events_unprocessed" ON "domain_events"  ("id") WHERE processed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "registrations" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "section_id" uuid, "program_enrollment_id" uuid, "status" character varying(16) NOT NULL, "region_id" integer, "source" character varying(16) NOT NULL DEFAULT 'self', "waitlisted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6aacc9b213fd8c881af6c738ec" ON "registrations"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_e177871c985e3308d6bea2d651" ON "registrations"  ("section_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ed8303ad701a6928efa9429e08" ON "registrations"  ("program_enrollment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d788ec9e6da27d01269ec09d62" ON "registrations"  ("session_id", "status", "waitlisted_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_dc66f99eadc58c50b14ae2cf80" ON "registrations"  ("session_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "program_enrollments" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "user_id" uuid NOT NULL, "region_id" integer, "status" character varying(16) NOT NULL DEFAULT 'active', CONSTRAINT "PK_d5211d93e12bc3e226035bbcad0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3749965e4625634bce0efc859f" ON "program_enrollments"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_34209f8faabca7b00a20fee197" ON "program_enrollments"  ("program_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roster_entries" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope_type" character varying(16) NOT NULL, "scope_id" uuid NOT NULL, "region_id" integer NOT NULL, "expected" integer NOT NULL, CONSTRAINT "PK_c4b86b75e6d6856f877517ef8d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_74b25aa7e2517aaa2a5bb561cc" ON "roster_entries"  ("scope_type", "scope_id", "region_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "region_revisions" ADD CONSTRAINT "FK_2ebed2f5fc06068548ce4f9bc45" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_448143b0000cbbec4712478bf53" FOREIGN KEY ("home_region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "FK_91dd5d95930f79852080990fd66" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programs" ADD CONSTRAINT "FK_c5834d3b3137f015ea45906474c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_modules" ADD CONSTRAINT "FK_8d7afeac5937d8a5edbf500a103" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speakers" ADD CONSTRAINT "FK_ee8517e89ba41e578cb6fe1bd80" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_9dea15b1f15290625d1417948a1" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_daac3b37d8f107926c0e2a1a116" FOREIGN KEY ("module_id") REFERENCES "program_modules"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_0b34864cef1c5f92554d6b52b28" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_6e16e562ec0a46a3e2acae145ad" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sections" ADD CONSTRAINT "FK_ddbf412e678e1b3a44e3653885b" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sections" ADD CONSTRAINT "FK_c1d2b0e9af395fd176b7623783a" FOREIGN KEY ("lead_speaker_id") REFERENCES "speakers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_17ed6d76665855e6a2911975ea2" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_e177871c985e3308d6bea2d651d" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_ed8303ad701a6928efa9429e086" FOREIGN KEY ("program_enrollment_id") REFERENCES "program_enrollments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_4e07300915ff2b39f37548d6055" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" ADD CONSTRAINT "FK_63300519dda97334e9f4fde6ea9" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" ADD CONSTRAINT "FK_3749965e4625634bce0efc859f5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" ADD CONSTRAINT "FK_dd27931fde42ddc6238f7b27681" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_entries" ADD CONSTRAINT "FK_3904beb0d2815888863dcd3a917" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster_entries" DROP CONSTRAINT "FK_3904beb0d2815888863dcd3a917"`);
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" DROP CONSTRAINT "FK_dd27931fde42ddc6238f7b27681"`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" DROP CONSTRAINT "FK_3749965e4625634bce0efc859f5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_enrollments" DROP CONSTRAINT "FK_63300519dda97334e9f4fde6ea9"`,
    );
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_4e07300915ff2b39f37548d6055"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_ed8303ad701a6928efa9429e086"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_e177871c985e3308d6bea2d651d"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_17ed6d76665855e6a2911975ea2"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf"`);
    await queryRunner.query(`ALTER TABLE "sections" DROP CONSTRAINT "FK_c1d2b0e9af395fd176b7623783a"`);
    await queryRunner.query(`ALTER TABLE "sections" DROP CONSTRAINT "FK_ddbf412e678e1b3a44e3653885b"`);
    await queryRunner.query(
      `ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_6e16e562ec0a46a3e2acae145ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_0b34864cef1c5f92554d6b52b28"`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_daac3b37d8f107926c0e2a1a116"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_9dea15b1f15290625d1417948a1"`);
    await queryRunner.query(`ALTER TABLE "speakers" DROP CONSTRAINT "FK_ee8517e89ba41e578cb6fe1bd80"`);
    await queryRunner.query(`ALTER TABLE "program_modules" DROP CONSTRAINT "FK_8d7afeac5937d8a5edbf500a103"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "FK_c5834d3b3137f015ea45906474c"`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_tokens" DROP CONSTRAINT "FK_91dd5d95930f79852080990fd66"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_448143b0000cbbec4712478bf53"`);
    await queryRunner.query(
      `ALTER TABLE "region_revisions" DROP CONSTRAINT "FK_2ebed2f5fc06068548ce4f9bc45"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_74b25aa7e2517aaa2a5bb561cc"`);
    await queryRunner.query(`DROP TABLE "roster_entries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_34209f8faabca7b00a20fee197"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3749965e4625634bce0efc859f"`);
    await queryRunner.query(`DROP TABLE "program_enrollments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dc66f99eadc58c50b14ae2cf80"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d788ec9e6da27d01269ec09d62"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ed8303ad701a6928efa9429e08"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e177871c985e3308d6bea2d651"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6aacc9b213fd8c881af6c738ec"`);
    await queryRunner.query(`DROP TABLE "registrations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_domain_events_unprocessed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a2f6fc566626c216ae4dbe4f4a"`);
    await queryRunner.query(`DROP TABLE "domain_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ddbf412e678e1b3a44e3653885"`);
    await queryRunner.query(`DROP TABLE "sections"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e16e562ec0a46a3e2acae145a"`);
    await queryRunner.query(`DROP TABLE "session_speakers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b81d0fff2762c08cdd44f53f3d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a868bc8585b8dccf621ad3e13"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_daac3b37d8f107926c0e2a1a11"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ee8517e89ba41e578cb6fe1bd8"`);
    await queryRunner.query(`DROP TABLE "speakers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7bc8df6555561b0169fbfcf861"`);
    await queryRunner.query(`DROP TABLE "program_modules"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c5834d3b3137f015ea45906474"`);
    await queryRunner.query(`DROP TABLE "programs"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_91dd5d95930f79852080990fd6"`);
    await queryRunner.query(`DROP TABLE "calendar_feed_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "region_revisions"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
