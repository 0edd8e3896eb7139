import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review before publishing (docs/studio-review.md): a reviewer who requests changes says why. The reason is
 * kept on the review row while the course waits for those changes (the teacher reads it on the editor) and
 * cleared by the next submission or approval; the per-lesson comments stay where they are.
 */
export class AddCourseReviewReason1796491553472 implements MigrationInterface {
  name = 'AddCourseReviewReason1796491553472';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "course_reviews" ADD "reason" text`);
    await queryRunner.query(
      `ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_reason_check"
         CHECK (reason IS NULL OR char_length(reason) BETWEEN 1 AND 2000)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "course_reviews" DROP CONSTRAINT "course_reviews_reason_check"`);
    await queryRunner.query(`ALTER TABLE "course_reviews" DROP COLUMN "reason"`);
  }
}
