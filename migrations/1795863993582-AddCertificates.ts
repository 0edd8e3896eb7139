import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCertificates1795863993582 implements MigrationInterface {
  name = 'AddCertificates1795863993582';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" BIGSERIAL NOT NULL,
                "actor_user_id" uuid,
                "action" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "scope" text,
                "before" jsonb,
                "after" jsonb,
                "reason" text,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8ada4f72e42ec0f798a0df2d7f" ON "audit_log" ("actor_user_id", "at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_08e9b4cd10971ba146b6c5bf4d" ON "audit_log" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "status_lists" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "issuer_did" text NOT NULL,
                "purpose" text NOT NULL,
                "encoded_list" text NOT NULL,
                "credential" jsonb,
                "version" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_adc0737adaeb00543ac6839cc2b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "certificates" (
                "id" uuid NOT NULL,
                "enrolment_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "course_id" text NOT NULL,
                "course_version_id" uuid NOT NULL,
                "serial" text NOT NULL,
                "status_list_id" uuid NOT NULL,
                "suspension_list_id" uuid NOT NULL,
                "status_index" integer NOT NULL,
                "recipient_name" text NOT NULL,
                "credential" jsonb,
                "pdf_key" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "issued_at" TIMESTAMP WITH TIME ZONE,
                "status_state" text,
                "status_reason" text,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_eae67dad555fdec30762dfcec2e" UNIQUE ("enrolment_id"),
                CONSTRAINT "UQ_87af1f436e42688acef033da093" UNIQUE ("serial"),
                CONSTRAINT "UQ_43bb55c1a410dc9982190e92b6d" UNIQUE ("suspension_list_id", "status_index"),
                CONSTRAINT "UQ_ef7c215919d1780d79adc859ef4" UNIQUE ("status_list_id", "status_index"),
                CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_88f90b1b9c635c14271e509cec" ON "certificates" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "issuer_keys" (
                "id" text NOT NULL,
                "did" text NOT NULL,
                "public_key_multibase" text NOT NULL,
                "secret_encrypted" text NOT NULL,
                "active" boolean NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retired_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5ef739799f142784510bb3860ce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "issuer_keys_one_active" ON "issuer_keys" ("did")
            WHERE active
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym"
            SET DEFAULT gen_random_uuid()
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "FK_eae67dad555fdec30762dfcec2e" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "FK_88f90b1b9c635c14271e509cec0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "FK_c1b92e52a4b4f84b03b2f8c57af" FOREIGN KEY ("status_list_id") REFERENCES "status_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "FK_c85b89a251cfbfb82d8e8cc6586" FOREIGN KEY ("suspension_list_id") REFERENCES "status_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // The audit log is append-only, like the learning records.
    await queryRunner.query(`
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION hvs_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION hvs_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "FK_c85b89a251cfbfb82d8e8cc6586"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "FK_c1b92e52a4b4f84b03b2f8c57af"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "FK_88f90b1b9c635c14271e509cec0"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "FK_eae67dad555fdec30762dfcec2e"
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym"
            SET DEFAULT gen_random_uuid()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."issuer_keys_one_active"
        `);
    await queryRunner.query(`
            DROP TABLE "issuer_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_88f90b1b9c635c14271e509cec"
        `);
    await queryRunner.query(`
            DROP TABLE "certificates"
        `);
    await queryRunner.query(`
            DROP TABLE "status_lists"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_08e9b4cd10971ba146b6c5bf4d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8ada4f72e42ec0f798a0df2d7f"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
  }
}
