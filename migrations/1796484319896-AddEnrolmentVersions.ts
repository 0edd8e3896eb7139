import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learners stay on the version they started (docs/crediting.md "Staying on a version"):
 * - enrolments.course_version_id: the version an enrolment is on. An enrolment in progress reads it until it
 *   completes or the learner moves; a completed one reads the course's current version. Existing enrolments
 *   start on their course's current version. An insert that names none (rosters, mandates, tools) gets the
 *   course's current version from a trigger, so every way of enrolling starts on the current version.
 * - lesson_revision_carries: the publishes that marked a lesson's change minor (from one revision to the next).
 *   A learner who moves to a newer version keeps their credit for a lesson reached from their revision only
 *   through minor changes; a major change (no row) asks them to read it again.
 */
export class AddEnrolmentVersions1796484319896 implements MigrationInterface {
  name = 'AddEnrolmentVersions1796484319896';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD "course_version_id" uuid REFERENCES "course_versions"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `UPDATE "enrolments" e SET "course_version_id" = c.current_version_id FROM "courses" c WHERE c.id = e.course_id`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_enrolments_course_version" ON "enrolments" ("course_id", "course_version_id", "status")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "enrolments_start_on_current_version"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.course_version_id IS NULL THEN
          SELECT current_version_id INTO NEW.course_version_id FROM courses WHERE id = NEW.course_id;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "TR_enrolments_start_on_current_version" BEFORE INSERT ON "enrolments"
        FOR EACH ROW EXECUTE FUNCTION "enrolments_start_on_current_version"()`);
    await queryRunner.query(`
      CREATE TABLE "lesson_revision_carries" (
        "from_revision_id" uuid NOT NULL REFERENCES "lesson_revisions"("id") ON DELETE CASCADE,
        "to_revision_id" uuid NOT NULL REFERENCES "lesson_revisions"("id") ON DELETE CASCADE,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lesson_revision_carries" PRIMARY KEY ("from_revision_id", "to_revision_id"),
        CONSTRAINT "CHK_lesson_revision_carries_distinct" CHECK ("from_revision_id" <> "to_revision_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_lesson_revision_carries_to" ON "lesson_revision_carries" ("to_revision_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "lesson_revision_carries"`);
    await queryRunner.query(`DROP TRIGGER "TR_enrolments_start_on_current_version" ON "enrolments"`);
    await queryRunner.query(`DROP FUNCTION "enrolments_start_on_current_version"()`);
    await queryRunner.query(`DROP INDEX "IDX_enrolments_course_version"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "course_version_id"`);
  }
}
