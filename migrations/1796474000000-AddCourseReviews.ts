import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review before publishing (issue 14, item 6; docs/studio-review.md):
 * - course_reviews: one row per studio course under review (none: a draft never submitted, or published since);
 *   the state and the exact draft revision it is about. The primary key makes "one approval" a row update
 *   guarded by the expected state, so parallel decisions cannot both win.
 * - course_review_comments: a reviewer's or teacher's comment on one lesson (by its stable key), resolvable.
 * - course_drafts.published_document: the draft as last published, so a reviewer sees what the draft changes.
 */
export class AddCourseReviews1796474000000 implements MigrationInterface {
  name = 'AddCourseReviews1796474000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "course_reviews" (
        "course_id" text NOT NULL,
        "state" text NOT NULL,
        "draft_revision" integer NOT NULL,
        "submitted_by" uuid NOT NULL,
        "decided_by" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "course_reviews_state_check" CHECK (state IN ('in_review', 'changes_requested', 'approved')),
        CONSTRAINT "PK_course_reviews" PRIMARY KEY ("course_id"),
        CONSTRAINT "FK_course_reviews_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "course_review_comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "course_id" text NOT NULL,
        "lesson_key" text NOT NULL,
        "body" text NOT NULL,
        "draft_revision" integer NOT NULL,
        "author_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "resolved_by" uuid,
        CONSTRAINT "course_review_comments_body_check" CHECK (char_length(body) BETWEEN 1 AND 2000),
        CONSTRAINT "PK_course_review_comments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_course_review_comments_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_course_review_comments_course" ON "course_review_comments" ("course_id", "created_at")`,
    );
    await queryRunner.query(`ALTER TABLE "course_drafts" ADD "published_document" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "course_drafts" DROP COLUMN "published_document"`);
    await queryRunner.query(`DROP TABLE "course_review_comments"`);
    await queryRunner.query(`DROP TABLE "course_reviews"`);
  }
}
