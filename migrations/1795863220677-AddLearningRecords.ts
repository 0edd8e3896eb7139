import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLearningRecords1795863220677 implements MigrationInterface {
  name = 'AddLearningRecords1795863220677';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "certificate_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enrolment_id" uuid NOT NULL,
                "course_version_id" uuid NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "issued_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "UQ_63fa68ee736b62cb612323a3e52" UNIQUE ("enrolment_id"),
                CONSTRAINT "PK_69c63a8245ee8787a471cce003f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3f02ddddd66b6a30d1892a2465" ON "certificate_requests" ("issued_at", "requested_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "quiz_attempts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "lesson_revision_id" uuid NOT NULL,
                "question_bank_id" uuid NOT NULL,
                "attempt_no" integer NOT NULL,
                "seed" text NOT NULL,
                "layout" jsonb NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deadline_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "idempotency_key" text,
                "answers" jsonb,
                "score_percent" numeric,
                "passed" boolean,
                CONSTRAINT "UQ_0fe18366bf02199454ef3ed6427" UNIQUE ("user_id", "idempotency_key"),
                CONSTRAINT "UQ_9bfb37a0727283726f572ee4971" UNIQUE ("user_id", "lesson_revision_id", "attempt_no"),
                CONSTRAINT "PK_a84a93fb092359516dc5b325b90" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a7f33a1c9630e8c09a06dcfc4c" ON "quiz_attempts" ("lesson_revision_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "video_progress" (
                "user_id" uuid NOT NULL,
                "lesson_revision_id" uuid NOT NULL,
                "watched" nummultirange NOT NULL DEFAULT '{}',
                "last_claim" nummultirange NOT NULL DEFAULT '{}',
                "position" numeric NOT NULL DEFAULT '0',
                "heartbeats" integer NOT NULL DEFAULT '0',
                "capped_heartbeats" integer NOT NULL DEFAULT '0',
                "last_heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_37f669f0032eee595b88891af06" PRIMARY KEY ("user_id", "lesson_revision_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "xapi_statements" (
                "id" uuid NOT NULL,
                "stored_seq" BIGSERIAL NOT NULL,
                "actor_name" text NOT NULL,
                "verb" text NOT NULL,
                "activity_id" text NOT NULL,
                "registration" uuid,
                "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL,
                "stored" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "statement" jsonb NOT NULL,
                CONSTRAINT "UQ_70de09e6bc067fcac033ce67725" UNIQUE ("stored_seq"),
                CONSTRAINT "PK_883738d4aefdd18a927f083f619" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e7721bedc647a78a0c2a904f70" ON "xapi_statements" ("activity_id", "stored_seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_96c80af09c494e4b0abd583e1c" ON "xapi_statements" ("actor_name", "stored_seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6f41968572a79781747c615d44" ON "xapi_statements" ("verb", "stored_seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "pseudonym" uuid NOT NULL DEFAULT gen_random_uuid()
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "UQ_155e424cf2c03a853467cf7c483" UNIQUE ("pseudonym")
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD "passed" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD "state" jsonb NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate_requests"
            ADD CONSTRAINT "FK_63fa68ee736b62cb612323a3e52" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts"
            ADD CONSTRAINT "FK_1701aaf48f6a78e96bfe08dd395" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts"
            ADD CONSTRAINT "FK_a7f33a1c9630e8c09a06dcfc4cc" FOREIGN KEY ("lesson_revision_id") REFERENCES "lesson_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts"
            ADD CONSTRAINT "FK_4a83f0e71278764116e60c52811" FOREIGN KEY ("question_bank_id") REFERENCES "question_banks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "video_progress"
            ADD CONSTRAINT "FK_faa4b6e58d374e440621b2ae801" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "video_progress"
            ADD CONSTRAINT "FK_04e2dcbfe39b6cc26881b1e9450" FOREIGN KEY ("lesson_revision_id") REFERENCES "lesson_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Written by hand (not expressible in entity metadata): the heartbeat's crediting rule, the same rule as
    // creditWatch() in libs/domain, so one statement can merge a heartbeat under the row lock.
    await queryRunner.query(`
            CREATE FUNCTION hvs_credit_watch(existing nummultirange, claimed nummultirange, budget numeric)
            RETURNS nummultirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT existing + coalesce(range_agg(numrange(lower(r), least(upper(r), lower(r) + (budget - before)), '[)')), '{}'::nummultirange)
                FROM (SELECT r, coalesce(sum(upper(r) - lower(r)) OVER (ORDER BY lower(r) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                        FROM unnest(claimed - existing) AS r) fresh
               WHERE before < budget
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION hvs_measure(m nummultirange) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT coalesce(sum(upper(r) - lower(r)), 0) FROM unnest(m) AS r
            $$
        `);
    // Learning records are append-only.
    await queryRunner.query(`
            CREATE FUNCTION hvs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER xapi_statements_append_only BEFORE UPDATE OR DELETE ON xapi_statements
            FOR EACH ROW EXECUTE FUNCTION hvs_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER xapi_statements_no_truncate BEFORE TRUNCATE ON xapi_statements
            FOR EACH STATEMENT EXECUTE FUNCTION hvs_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER xapi_statements_no_truncate ON xapi_statements`);
    await queryRunner.query(`DROP TRIGGER xapi_statements_append_only ON xapi_statements`);
    await queryRunner.query(`DROP FUNCTION hvs_refuse_change()`);
    await queryRunner.query(`DROP FUNCTION hvs_measure(nummultirange)`);
    await queryRunner.query(`DROP FUNCTION hvs_credit_watch(nummultirange, nummultirange, numeric)`);
    await queryRunner.query(`
            ALTER TABLE "video_progress" DROP CONSTRAINT "FK_04e2dcbfe39b6cc26881b1e9450"
        `);
    await queryRunner.query(`
            ALTER TABLE "video_progress" DROP CONSTRAINT "FK_faa4b6e58d374e440621b2ae801"
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts" DROP CONSTRAINT "FK_4a83f0e71278764116e60c52811"
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts" DROP CONSTRAINT "FK_a7f33a1c9630e8c09a06dcfc4cc"
        `);
    await queryRunner.query(`
            ALTER TABLE "quiz_attempts" DROP CONSTRAINT "FK_1701aaf48f6a78e96bfe08dd395"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate_requests" DROP CONSTRAINT "FK_63fa68ee736b62cb612323a3e52"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP COLUMN "state"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP COLUMN "passed"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "UQ_155e424cf2c03a853467cf7c483"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "pseudonym"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6f41968572a79781747c615d44"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_96c80af09c494e4b0abd583e1c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e7721bedc647a78a0c2a904f70"
        `);
    await queryRunner.query(`
            DROP TABLE "xapi_statements"
        `);
    await queryRunner.query(`
            DROP TABLE "video_progress"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a7f33a1c9630e8c09a06dcfc4c"
        `);
    await queryRunner.query(`
            DROP TABLE "quiz_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3f02ddddd66b6a30d1892a2465"
        `);
    await queryRunner.query(`
            DROP TABLE "certificate_requests"
        `);
  }
}
