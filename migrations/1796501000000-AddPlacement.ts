import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placement tests and personal paths (docs/placement.md). `placement_tests` holds one test per target group,
 * imported from content/placement/<group>.yaml. `placement_attempts` holds a learner's attempts: the layout
 * served (question ids and per-attempt opaque option ids, never the key), then, once submitted, the answers in
 * bank ids, each item's grade and the competencies mastered. At most one open attempt per learner (a partial
 * unique index), so parallel starts meet one attempt; a submission is one conditional update of that row.
 */
export class AddPlacement1796501000000 implements MigrationInterface {
  name = 'AddPlacement1796501000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "placement_tests" (
        "target_group" text PRIMARY KEY REFERENCES "target_groups"("code") ON DELETE RESTRICT,
        "framework_id" text NOT NULL REFERENCES "frameworks"("id") ON DELETE RESTRICT,
        "questions" jsonb NOT NULL,
        "content_hash" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "placement_attempts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "target_group" text NOT NULL REFERENCES "placement_tests"("target_group") ON DELETE CASCADE,
        "framework_id" text NOT NULL,
        "test_hash" text NOT NULL,
        "seed" text NOT NULL,
        "layout" jsonb NOT NULL,
        "started_at" timestamptz NOT NULL DEFAULT now(),
        "submitted_at" timestamptz,
        "answers" jsonb,
        "item_results" jsonb,
        "mastered" text array,
        CONSTRAINT "placement_attempts_submitted_check"
          CHECK ((submitted_at IS NULL) = (answers IS NULL) AND (submitted_at IS NULL) = (mastered IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "placement_attempts_one_open" ON "placement_attempts" ("user_id") WHERE submitted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_attempts_user_submitted" ON "placement_attempts" ("user_id", "submitted_at" DESC)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "placement_attempts"`);
    await queryRunner.query(`DROP TABLE "placement_tests"`);
  }
}
