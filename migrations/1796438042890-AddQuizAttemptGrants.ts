import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quiz retakes (docs/quizzes.md): extra attempts a teacher of the course or a helper or administrator in scope
 * grants to one learner at one quiz, kept by course and lesson key so a new revision of the lesson keeps them.
 * The grant itself is audited in audit_log; this table is what the attempt rule reads.
 */
export class AddQuizAttemptGrants1796438042890 implements MigrationInterface {
  name = 'AddQuizAttemptGrants1796438042890';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "quiz_attempt_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "course_id" text NOT NULL, "lesson_key" text NOT NULL, "extra_attempts" integer NOT NULL, "granted_by" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_quiz_attempt_grants" PRIMARY KEY ("id"), CONSTRAINT "CHK_quiz_attempt_grants_extra" CHECK ("extra_attempts" BETWEEN 1 AND 10))`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "FK_quiz_attempt_grants_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "FK_quiz_attempt_grants_granted_by" FOREIGN KEY ("granted_by") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_quiz_attempt_grants_user_lesson" ON "quiz_attempt_grants" ("user_id", "course_id", "lesson_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "quiz_attempt_grants"`);
  }
}
