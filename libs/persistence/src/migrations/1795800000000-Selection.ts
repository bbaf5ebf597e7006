import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selection: calls for applications, applications, the commission (reviewers, assignments,
 * conflicts, scores), overrides, selection runs (one committed per call: a partial unique index)
 * and the audit trail. Generated from the entities.
 */
export class Selection1795800000000 implements MigrationInterface {
  name = 'Selection1795800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "selection_calls" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "title" jsonb NOT NULL, "description" jsonb NOT NULL DEFAULT '{}', "capacity" integer NOT NULL, "cohort_starts_on" date, "cohort_ends_on" date, "time_zone" character varying(64) NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "min_age" integer, "max_age" integer, "age_on" date NOT NULL, "allowed_region_ids" integer array NOT NULL DEFAULT '{}', "form" jsonb NOT NULL DEFAULT '[]', "rubric" jsonb NOT NULL, "min_reviews" integer NOT NULL DEFAULT '2', "assignment_mode" character varying(16) NOT NULL DEFAULT 'all', "quotas" jsonb NOT NULL, "interview_program_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "ck_selection_calls_capacity" CHECK (capacity > 0), CONSTRAINT "ck_selection_calls_window" CHECK (closes_at > opens_at), CONSTRAINT "PK_fb781d6f18ff3eceba615cc5c65" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_10213f91822fcf7e13b536d120" ON "selection_calls"  ("program_id")`);
    await q.query(
      `CREATE TABLE "selection_applications" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "user_id" uuid NOT NULL, "region_id" integer NOT NULL, "birth_date" date NOT NULL, "answers" jsonb NOT NULL DEFAULT '{}', "nominated" boolean NOT NULL DEFAULT false, "nominated_by" character varying(300), "status" character varying(24) NOT NULL DEFAULT 'submitted', "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "waitlist_rank" integer, "decision_reason" character varying(500), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_run_id" uuid, "enrolled_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "interview_session_id" uuid, CONSTRAINT "ck_selection_applications_status" CHECK (status IN ('submitted','under_review','interview_scheduled','selected','waitlisted','rejected','withdrawn')), CONSTRAINT "PK_3ea8e07f4138a3a204c13ff2754" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_ff478e5867880cec78070fc0eb" ON "selection_applications"  ("user_id")`);
    await q.query(
      `CREATE INDEX "IDX_4178dd4e4d4eedcbfe56f6a579" ON "selection_applications"  ("call_id", "status")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_20eda12a0adac7b07cb2bba153" ON "selection_applications"  ("call_id", "user_id")`,
    );
    await q.query(
      `CREATE TABLE "selection_audit" ("id" BIGSERIAL NOT NULL, "call_id" uuid NOT NULL, "application_id" uuid, "actor_id" uuid, "action" character varying(40) NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b79364f34d25d6b95752164d05e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_cbb2d738c38a7271cc58fd7e88" ON "selection_audit"  ("application_id")`);
    await q.query(`CREATE INDEX "IDX_ca446d79a16d29048cb94f2a1a" ON "selection_audit"  ("call_id", "id")`);
    await q.query(
      `CREATE TABLE "selection_overrides" ("application_id" uuid NOT NULL, "call_id" uuid NOT NULL, "decision" character varying(8) NOT NULL, "reason" character varying(500) NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_selection_overrides_decision" CHECK (decision IN ('select','reject')), CONSTRAINT "PK_6670b4fa104f93e655d5f6eb341" PRIMARY KEY ("application_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_0e2259ea90ea8257d83636aa83" ON "selection_overrides"  ("call_id")`);
    await q.query(
      `CREATE TABLE "selection_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'preview', "inputs_hash" character varying(64) NOT NULL, "quotas" jsonb NOT NULL, "outcomes" jsonb NOT NULL, "summary" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committed_at" TIMESTAMP WITH TIME ZONE, "committed_by" uuid, "enrollment_completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_selection_runs_status" CHECK (status IN ('preview','committed')), CONSTRAINT "PK_f466e661248a9137dc535b271ad" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_bed2f050c53d02c40f9f031acf" ON "selection_runs"  ("call_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_selection_runs_committed" ON "selection_runs"  ("call_id") WHERE status = 'committed'`,
    );
    await q.query(
      `CREATE TABLE "selection_reviewers" ("call_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_215baa6846d25adb89e2036354e" PRIMARY KEY ("call_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_c1a81d6650cd39811da74aeac6" ON "selection_reviewers"  ("user_id")`);
    await q.query(
      `CREATE TABLE "selection_assignments" ("application_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "call_id" uuid NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_872440cacd4068d2e0b283b78c7" PRIMARY KEY ("application_id", "reviewer_id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_a9656e9b863d1b89ae938a8cf6" ON "selection_assignments"  ("reviewer_id")`,
    );
    await q.query(`CREATE INDEX "IDX_763b21897dcde76366557d3b26" ON "selection_assignments"  ("call_id")`);
    await q.query(
      `CREATE TABLE "selection_conflicts" ("application_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "call_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_316e1dea7f058d72f57796357ca" PRIMARY KEY ("application_id", "reviewer_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_559b9e9b2ee8f887ce15eb913e" ON "selection_conflicts"  ("call_id")`);
    await q.query(
      `CREATE TABLE "selection_scores" ("id" BIGSERIAL NOT NULL, "call_id" uuid NOT NULL, "application_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "criterion" character varying(40) NOT NULL, "value" numeric(6,2) NOT NULL, "comment" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_selection_scores_value" CHECK (value >= -1000 AND value <= 1000), CONSTRAINT "PK_f2c7837c41b2f0f67d30a93803f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_204102d9aff497962823112c83" ON "selection_scores"  ("reviewer_id")`);
    await q.query(`CREATE INDEX "IDX_a58a093986407e42a4a7470651" ON "selection_scores"  ("call_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_b1ba03904d7425e220d086a729" ON "selection_scores"  ("application_id", "reviewer_id", "criterion")`,
    );
    await q.query(
      `ALTER TABLE "selection_calls" ADD CONSTRAINT "FK_10213f91822fcf7e13b536d1201" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_calls" ADD CONSTRAINT "FK_e59039fa238d2722a34934eb99a" FOREIGN KEY ("interview_program_id") REFERENCES "programs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_applications" ADD CONSTRAINT "FK_46acca06069f2cc6195ac0c5825" FOREIGN KEY ("call_id") REFERENCES "selection_calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_applications" ADD CONSTRAINT "FK_ff478e5867880cec78070fc0eb1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_applications" ADD CONSTRAINT "FK_b6ac5921cd3cbc47c5590d2a8fc" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_overrides" ADD CONSTRAINT "FK_6670b4fa104f93e655d5f6eb341" FOREIGN KEY ("application_id") REFERENCES "selection_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_runs" ADD CONSTRAINT "FK_bed2f050c53d02c40f9f031acff" FOREIGN KEY ("call_id") REFERENCES "selection_calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_reviewers" ADD CONSTRAINT "FK_6d6a75ad50a007fc6d8fe96f282" FOREIGN KEY ("call_id") REFERENCES "selection_calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_reviewers" ADD CONSTRAINT "FK_c1a81d6650cd39811da74aeac60" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_assignments" ADD CONSTRAINT "FK_7866a56f96077a6104c1d17aa96" FOREIGN KEY ("application_id") REFERENCES "selection_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_assignments" ADD CONSTRAINT "FK_a9656e9b863d1b89ae938a8cf64" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_conflicts" ADD CONSTRAINT "FK_ffe3f6dd0a1fee35a7e54b7bb67" FOREIGN KEY ("application_id") REFERENCES "selection_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_conflicts" ADD CONSTRAINT "FK_26374884dfdc7c211131cca8980" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_scores" ADD CONSTRAINT "FK_a58a093986407e42a4a74706515" FOREIGN KEY ("call_id") REFERENCES "selection_calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_scores" ADD CONSTRAINT "FK_cf8151a68afa955e72eb7073af7" FOREIGN KEY ("application_id") REFERENCES "selection_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "selection_scores" ADD CONSTRAINT "FK_204102d9aff497962823112c835" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "selection_calls"`);
    await q.query(`DROP INDEX "public"."IDX_10213f91822fcf7e13b536d120"`);
    await q.query(`DROP TABLE "selection_applications"`);
    await q.query(`DROP INDEX "public"."IDX_ff478e5867880cec78070fc0eb"`);
    await q.query(`DROP INDEX "public"."IDX_4178dd4e4d4eedcbfe56f6a579"`);
    await q.query(`DROP INDEX "public"."IDX_20eda12a0adac7b07cb2bba153"`);
    await q.query(`DROP TABLE "selection_audit"`);
    await q.query(`DROP INDEX "public"."IDX_cbb2d738c38a7271cc58fd7e88"`);
    await q.query(`DROP INDEX "public"."IDX_ca446d79a16d29048cb94f2a1a"`);
    await q.query(`DROP TABLE "selection_overrides"`);
    await q.query(`DROP INDEX "public"."IDX_0e2259ea90ea8257d83636aa83"`);
    await q.query(`DROP TABLE "selection_runs"`);
    await q.query(`DROP INDEX "public"."IDX_bed2f050c53d02c40f9f031acf"`);
    await q.query(`DROP INDEX "public"."ux_selection_runs_committed"`);
    await q.query(`DROP TABLE "selection_reviewers"`);
    await q.query(`DROP INDEX "public"."IDX_c1a81d6650cd39811da74aeac6"`);
    await q.query(`DROP TABLE "selection_assignments"`);
    await q.query(`DROP INDEX "public"."IDX_a9656e9b863d1b89ae938a8cf6"`);
    await q.query(`DROP INDEX "public"."IDX_763b21897dcde76366557d3b26"`);
    await q.query(`DROP TABLE "selection_conflicts"`);
    await q.query(`DROP INDEX "public"."IDX_559b9e9b2ee8f887ce15eb913e"`);
    await q.query(`DROP TABLE "selection_scores"`);
    await q.query(`DROP INDEX "public"."IDX_204102d9aff497962823112c83"`);
    await q.query(`DROP INDEX "public"."IDX_a58a093986407e42a4a7470651"`);
    await q.query(`DROP INDEX "public"."IDX_b1ba03904d7425e220d086a729"`);
    await q.query(`ALTER TABLE "selection_calls" DROP CONSTRAINT "FK_10213f91822fcf7e13b536d1201"`);
    await q.query(`ALTER TABLE "selection_calls" DROP CONSTRAINT "FK_e59039fa238d2722a34934eb99a"`);
    await q.query(`ALTER TABLE "selection_applications" DROP CONSTRAINT "FK_46acca06069f2cc6195ac0c5825"`);
    await q.query(`ALTER TABLE "selection_applications" DROP CONSTRAINT "FK_ff478e5867880cec78070fc0eb1"`);
    await q.query(`ALTER TABLE "selection_applications" DROP CONSTRAINT "FK_b6ac5921cd3cbc47c5590d2a8fc"`);
    await q.query(`ALTER TABLE "selection_overrides" DROP CONSTRAINT "FK_6670b4fa104f93e655d5f6eb341"`);
    await q.query(`ALTER TABLE "selection_runs" DROP CONSTRAINT "FK_bed2f050c53d02c40f9f031acff"`);
    await q.query(`ALTER TABLE "selection_reviewers" DROP CONSTRAINT "FK_6d6a75ad50a007fc6d8fe96f282"`);
    await q.query(`ALTER TABLE "selection_reviewers" DROP CONSTRAINT "FK_c1a81d6650cd39811da74aeac60"`);
    await q.query(`ALTER TABLE "selection_assignments" DROP CONSTRAINT "FK_7866a56f96077a6104c1d17aa96"`);
    await q.query(`ALTER TABLE "selection_assignments" DROP CONSTRAINT "FK_a9656e9b863d1b89ae938a8cf64"`);
    await q.query(`ALTER TABLE "selection_conflicts" DROP CONSTRAINT "FK_ffe3f6dd0a1fee35a7e54b7bb67"`);
    await q.query(`ALTER TABLE "selection_conflicts" DROP CONSTRAINT "FK_26374884dfdc7c211131cca8980"`);
    await q.query(`ALTER TABLE "selection_scores" DROP CONSTRAINT "FK_a58a093986407e42a4a74706515"`);
    await q.query(`ALTER TABLE "selection_scores" DROP CONSTRAINT "FK_cf8151a68afa955e72eb7073af7"`);
    await q.query(`ALTER TABLE "selection_scores" DROP CONSTRAINT "FK_204102d9aff497962823112c835"`);
  }
}
