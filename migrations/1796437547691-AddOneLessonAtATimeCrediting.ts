import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress that time earned (docs/crediting.md).
 * - Reading: one learner reads one lesson at a time per course. The enrolment holds the lesson opened last
 *   (current_lesson_id) and since when (current_lesson_since, database clock); opening another lesson of the
 *   course banks the running stint into that lesson's lesson_progress.read_seconds.
 * - Video: each learner and video holds a token bucket of watch credit (video_progress.tokens, settled at
 *   last_heartbeat_at), applied by creditHeartbeat() in libs/domain under the row lock. The SQL twin of the
 *   old per-heartbeat budget (hvs_credit_watch) is dropped: the rule lives in one place.
 */
export class AddOneLessonAtATimeCrediting1796437547691 implements MigrationInterface {
  name = 'AddOneLessonAtATimeCrediting1796437547691';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "current_lesson_id" uuid`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "current_lesson_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" ADD "read_seconds" numeric NOT NULL DEFAULT '0'`);
    // Lessons opened before this change keep the reading time the old clock gave them up to their last activity.
    await queryRunner.query(
      `UPDATE "lesson_progress" SET "read_seconds" = greatest(0, extract(epoch FROM "updated_at" - "started_at"))
        WHERE "status" = 'in_progress'`,
    );
    await queryRunner.query(`ALTER TABLE "video_progress" ADD "tokens" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`DROP FUNCTION hvs_credit_watch(nummultirange, nummultirange, numeric)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION hvs_credit_watch(existing nummultirange, claimed nummultirange, budget numeric)
            RETURNS nummultirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT existing + coalesce(range_agg(numrange(lower(r), least(upper(r), lower(r) + (budget - before)), '[)')), '{}'::nummultirange)
                FROM (SELECT r, coalesce(sum(upper(r) - lower(r)) OVER (ORDER BY lower(r) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                        FROM unnest(claimed - existing) AS r) fresh
               WHERE before < budget
            $$
        `);
    await queryRunner.query(`ALTER TABLE "video_progress" DROP COLUMN "tokens"`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" DROP COLUMN "read_seconds"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "current_lesson_since"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "current_lesson_id"`);
  }
}
