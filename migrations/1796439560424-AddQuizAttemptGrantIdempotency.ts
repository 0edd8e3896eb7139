import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grants of extra quiz attempts (docs/quizzes.md) arrive with an Idempotency-Key: a request replayed by a
 * flaky network or a double click grants once. The key is unique per granter; the grant row keeps it.
 */
export class AddQuizAttemptGrantIdempotency1796439560424 implements MigrationInterface {
  name = 'AddQuizAttemptGrantIdempotency1796439560424';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quiz_attempt_grants" ADD "idempotency_key" text`);
    await queryRunner.query(
      `ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "UQ_quiz_attempt_grants_idempotency" UNIQUE ("granted_by", "idempotency_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quiz_attempt_grants" DROP CONSTRAINT "UQ_quiz_attempt_grants_idempotency"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempt_grants" DROP COLUMN "idempotency_key"`);
  }
}
