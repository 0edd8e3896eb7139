import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInitialSchema1795862400457 implements MigrationInterface {
  name = 'CreateInitialSchema1795862400457';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "competency_mappings" (
                "from_framework" text NOT NULL,
                "from_code" text NOT NULL,
                "to_framework" text NOT NULL,
                "to_code" text NOT NULL,
                "relation" text NOT NULL,
                CONSTRAINT "PK_a4396b3bcb729cfd37c2053c091" PRIMARY KEY (
                    "from_framework",
                    "from_code",
                    "to_framework",
                    "to_code"
                )
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "frameworks" (
                "id" text NOT NULL,
                "version" text NOT NULL,
                "name" jsonb NOT NULL,
                "source" jsonb NOT NULL,
                "levels" jsonb NOT NULL,
                "notes" jsonb,
                "content_hash" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_23e178ce62668c9ce2036b7a3c2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "framework_competencies" (
                "framework_id" text NOT NULL,
                "code" text NOT NULL,
                "domain_code" text NOT NULL,
                "name" jsonb NOT NULL,
                "description" jsonb,
                "provisional" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL,
                CONSTRAINT "PK_e75a3bf5973ccd26ca7d0111cdf" PRIMARY KEY ("framework_id", "code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "courses" (
                "id" text NOT NULL,
                "current_version_id" uuid,
                "published" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "course_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" text NOT NULL,
                "version_no" integer NOT NULL,
                "edition" text NOT NULL,
                "content_hash" text NOT NULL,
                "default_language" text NOT NULL,
                "languages" text array NOT NULL,
                "title" jsonb NOT NULL,
                "summary" jsonb NOT NULL,
                "description_html" jsonb NOT NULL,
                "target_groups" text array NOT NULL,
                "sub_groups" text array NOT NULL DEFAULT '{}',
                "estimated_minutes" integer NOT NULL,
                "certificate" boolean NOT NULL,
                "completion" jsonb NOT NULL,
                "modules" jsonb NOT NULL,
                "search_title" text NOT NULL,
                "search_document" tsvector NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_94bfbf9be322e216f01fc208ffb" UNIQUE ("course_id", "content_hash"),
                CONSTRAINT "UQ_2c222c4409723cbfaaa507584b8" UNIQUE ("course_id", "version_no"),
                CONSTRAINT "PK_cc9e77578136a62e599f33d15ff" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "course_version_competencies" (
                "course_version_id" uuid NOT NULL,
                "framework_id" text NOT NULL,
                "code" text NOT NULL,
                "level" integer,
                CONSTRAINT "PK_ecec20675daeb5a51d146574d67" PRIMARY KEY ("course_version_id", "framework_id", "code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "lesson_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" text NOT NULL,
                "lesson_key" text NOT NULL,
                "content_hash" text NOT NULL,
                "kind" text NOT NULL,
                "minutes" integer NOT NULL,
                "title" jsonb NOT NULL,
                "body_html" jsonb NOT NULL,
                "min_read_seconds" integer NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "competencies" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_026473faa9630e05c5cbe54112e" UNIQUE ("course_id", "lesson_key", "content_hash"),
                CONSTRAINT "PK_f6e441bf352c2aadadb0597a62a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "course_version_lessons" (
                "course_version_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "module_key" text NOT NULL,
                "lesson_revision_id" uuid NOT NULL,
                CONSTRAINT "UQ_c3e7188f016985adefbdcede183" UNIQUE ("course_version_id", "lesson_revision_id"),
                CONSTRAINT "PK_62259befaedb4af4e78c4c23849" PRIMARY KEY ("course_version_id", "position")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a90a9cd3346a48299d119786bf" ON "course_version_lessons" ("lesson_revision_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "display_name" text NOT NULL,
                "email" text,
                "phone" text,
                "password_hash" text,
                "language" text NOT NULL DEFAULT 'vi',
                "failed_sign_ins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "UQ_a000cca60bcf04454e727699490" UNIQUE ("phone"),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "enrolments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "course_id" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_261d2f0d11a7d73050171bee50f" UNIQUE ("user_id", "course_id"),
                CONSTRAINT "PK_6e79971fbd26967c4da9ed52770" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_88e4829cd9da8e01cc305788db" ON "enrolments" ("course_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "framework_domains" (
                "framework_id" text NOT NULL,
                "code" text NOT NULL,
                "name" jsonb NOT NULL,
                "description" jsonb,
                "target_groups" text array NOT NULL DEFAULT '{}',
                "provisional" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL,
                CONSTRAINT "PK_3d49731b6e0cb0ac46fae53aa24" PRIMARY KEY ("framework_id", "code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "lesson_progress" (
                "user_id" uuid NOT NULL,
                "lesson_revision_id" uuid NOT NULL,
                "status" text NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e19c739dd26b9640e2fe1f72a8f" PRIMARY KEY ("user_id", "lesson_revision_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "question_banks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" text NOT NULL,
                "bank_key" text NOT NULL,
                "content_hash" text NOT NULL,
                "questions" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_d1c5306c50509953a49a8bbceb1" UNIQUE ("course_id", "bank_key", "content_hash"),
                CONSTRAINT "PK_3127eb30f219cd0d40478ec5964" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "user_agent" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "system_flags" (
                "key" text NOT NULL,
                "value" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1d6aa97f46c12960bab59932e34" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "target_groups" (
                "code" text NOT NULL,
                "kind" text NOT NULL,
                "name" jsonb NOT NULL,
                "description" jsonb,
                "position" integer NOT NULL,
                CONSTRAINT "PK_e9bdb340c2c85f1be7eb0da1ddd" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "user_roles" (
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "granted_by" uuid,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_09d115a69b6014d324d592f9c42" PRIMARY KEY ("user_id", "role")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0475850442d60bd704c5804155" ON "user_roles" ("role")
        `);
    await queryRunner.query(`
            ALTER TABLE "framework_competencies"
            ADD CONSTRAINT "FK_37a4c77c0a9819a9d8e11bdf541" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "courses"
            ADD CONSTRAINT "FK_c4eea5af06b81c8e9dae20b53fb" FOREIGN KEY ("current_version_id") REFERENCES "course_versions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_versions"
            ADD CONSTRAINT "FK_34cbd320b458b8cf9e0d580304e" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_competencies"
            ADD CONSTRAINT "FK_47a98e52c5c30d44aec13980b74" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_competencies"
            ADD CONSTRAINT "FK_91f137db0ae57e7702928b600b7" FOREIGN KEY ("framework_id", "code") REFERENCES "framework_competencies"("framework_id", "code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_revisions"
            ADD CONSTRAINT "FK_f6be10c72bb20c5ee48dadc0e91" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_lessons"
            ADD CONSTRAINT "FK_2634ffbf8e352649132a5dbb02f" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_lessons"
            ADD CONSTRAINT "FK_a90a9cd3346a48299d119786bfb" FOREIGN KEY ("lesson_revision_id") REFERENCES "lesson_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolments"
            ADD CONSTRAINT "FK_7eb4b01f52fb0ce0e3136d87c76" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolments"
            ADD CONSTRAINT "FK_88e4829cd9da8e01cc305788db5" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "framework_domains"
            ADD CONSTRAINT "FK_c9fedd83bae2a8ec782fe77a0ea" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD CONSTRAINT "FK_0d9292b3eb40707950eeeba9617" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD CONSTRAINT "FK_564b6d3b9954e70397c0977550d" FOREIGN KEY ("lesson_revision_id") REFERENCES "lesson_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question_banks"
            ADD CONSTRAINT "FK_7d20287969ff1fbea50cdc1b627" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Not expressible in entity metadata (declared with synchronize: false on CourseVersionEntity).
    await queryRunner.query(
      `CREATE INDEX "course_versions_search_idx" ON "course_versions" USING gin ("search_document")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "course_versions_search_idx"`);
    await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
    await queryRunner.query(`
            ALTER TABLE "question_banks" DROP CONSTRAINT "FK_7d20287969ff1fbea50cdc1b627"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_564b6d3b9954e70397c0977550d"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_0d9292b3eb40707950eeeba9617"
        `);
    await queryRunner.query(`
            ALTER TABLE "framework_domains" DROP CONSTRAINT "FK_c9fedd83bae2a8ec782fe77a0ea"
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolments" DROP CONSTRAINT "FK_88e4829cd9da8e01cc305788db5"
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolments" DROP CONSTRAINT "FK_7eb4b01f52fb0ce0e3136d87c76"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_lessons" DROP CONSTRAINT "FK_a90a9cd3346a48299d119786bfb"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_lessons" DROP CONSTRAINT "FK_2634ffbf8e352649132a5dbb02f"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_revisions" DROP CONSTRAINT "FK_f6be10c72bb20c5ee48dadc0e91"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_competencies" DROP CONSTRAINT "FK_91f137db0ae57e7702928b600b7"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_version_competencies" DROP CONSTRAINT "FK_47a98e52c5c30d44aec13980b74"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_versions" DROP CONSTRAINT "FK_34cbd320b458b8cf9e0d580304e"
        `);
    await queryRunner.query(`
            ALTER TABLE "courses" DROP CONSTRAINT "FK_c4eea5af06b81c8e9dae20b53fb"
        `);
    await queryRunner.query(`
            ALTER TABLE "framework_competencies" DROP CONSTRAINT "FK_37a4c77c0a9819a9d8e11bdf541"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0475850442d60bd704c5804155"
        `);
    await queryRunner.query(`
            DROP TABLE "user_roles"
        `);
    await queryRunner.query(`
            DROP TABLE "target_groups"
        `);
    await queryRunner.query(`
            DROP TABLE "system_flags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "question_banks"
        `);
    await queryRunner.query(`
            DROP TABLE "lesson_progress"
        `);
    await queryRunner.query(`
            DROP TABLE "framework_domains"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_88e4829cd9da8e01cc305788db"
        `);
    await queryRunner.query(`
            DROP TABLE "enrolments"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a90a9cd3346a48299d119786bf"
        `);
    await queryRunner.query(`
            DROP TABLE "course_version_lessons"
        `);
    await queryRunner.query(`
            DROP TABLE "lesson_revisions"
        `);
    await queryRunner.query(`
            DROP TABLE "course_version_competencies"
        `);
    await queryRunner.query(`
            DROP TABLE "course_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "courses"
        `);
    await queryRunner.query(`
            DROP TABLE "framework_competencies"
        `);
    await queryRunner.query(`
            DROP TABLE "frameworks"
        `);
    await queryRunner.query(`
            DROP TABLE "competency_mappings"
        `);
  }
}
