import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups of the coverage facts (docs/coverage.md). Dashboards read only these, never the facts or progress rows:
 * - coverage_rollups: facts counted per place (each unit on the person's path, their organisation and its parents,
 *   and 'all' under the nil uuid), target group, sub-group ('' for the whole group), measure and Vietnam month;
 *   the numerator at a date is the sum of the months up to it.
 * - coverage_registered: accounts placed per place, group and sub-group now (always live).
 * - coverage_registration_deltas: what a trigger on learner_profiles appends (-1 where the profile was, +1 where
 *   it is); the worker folds them into coverage_registered, so a learner's own transaction never waits on a shared
 *   counter row.
 * - coverage_fold_state: when the worker last brought the rollups up to date (the dashboards' freshAt).
 */
export class AddCoverageRollups1796465186413 implements MigrationInterface {
  name = 'AddCoverageRollups1796465186413';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "coverage_rollups" (
        "place_kind" text NOT NULL CHECK ("place_kind" IN ('unit', 'organisation', 'all')),
        "place_id" uuid NOT NULL,
        "target_group" text NOT NULL,
        "sub_group" text NOT NULL DEFAULT '',
        "measure" text NOT NULL,
        "month" date NOT NULL,
        "count" bigint NOT NULL,
        CONSTRAINT "PK_coverage_rollups" PRIMARY KEY ("place_kind", "place_id", "target_group", "sub_group", "measure", "month")
      )`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "coverage_registered" (
        "place_kind" text NOT NULL CHECK ("place_kind" IN ('unit', 'organisation', 'all')),
        "place_id" uuid NOT NULL,
        "target_group" text NOT NULL,
        "sub_group" text NOT NULL DEFAULT '',
        "count" bigint NOT NULL,
        CONSTRAINT "PK_coverage_registered" PRIMARY KEY ("place_kind", "place_id", "target_group", "sub_group")
      )`);
    await queryRunner.query(`
      CREATE TABLE "coverage_registration_deltas" (
        "id" bigserial PRIMARY KEY,
        "unit_id" uuid,
        "organisation_id" uuid,
        "target_groups" text[] NOT NULL,
        "school_level" text,
        "birth_year" smallint,
        "delta" smallint NOT NULL CHECK ("delta" IN (-1, 1)),
        "at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE TABLE "coverage_fold_state" ("id" smallint PRIMARY KEY CHECK ("id" = 1), "folded_at" timestamptz NOT NULL)`);
    await queryRunner.query(`
      CREATE FUNCTION coverage_registration_delta() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO coverage_registration_deltas (unit_id, organisation_id, target_groups, school_level, birth_year, delta)
          VALUES (OLD.unit_id, OLD.organisation_id, OLD.target_groups, OLD.school_level, OLD.birth_year, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO coverage_registration_deltas (unit_id, organisation_id, target_groups, school_level, birth_year, delta)
          VALUES (NEW.unit_id, NEW.organisation_id, NEW.target_groups, NEW.school_level, NEW.birth_year, 1);
        END IF;
        RETURN NULL;
      END \$\$`);
    await queryRunner.query(`
      CREATE TRIGGER "coverage_registration_delta_insert_delete" AFTER INSERT OR DELETE ON "learner_profiles"
      FOR EACH ROW EXECUTE FUNCTION coverage_registration_delta()`);
    // An update counts only when something the counts depend on changed (not a language or accessibility choice).
    await queryRunner.query(`
      CREATE TRIGGER "coverage_registration_delta_update" AFTER UPDATE ON "learner_profiles"
      FOR EACH ROW WHEN (
        OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
        OR OLD.target_groups IS DISTINCT FROM NEW.target_groups OR OLD.school_level IS DISTINCT FROM NEW.school_level
        OR OLD.birth_year IS DISTINCT FROM NEW.birth_year)
      EXECUTE FUNCTION coverage_registration_delta()`);
    // Profiles that exist before this migration are counted once, as if just inserted.
    await queryRunner.query(`
      INSERT INTO coverage_registration_deltas (unit_id, organisation_id, target_groups, school_level, birth_year, delta)
      SELECT unit_id, organisation_id, target_groups, school_level, birth_year, 1 FROM learner_profiles`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "coverage_registration_delta_update" ON "learner_profiles"`);
    await queryRunner.query(`DROP TRIGGER "coverage_registration_delta_insert_delete" ON "learner_profiles"`);
    await queryRunner.query(`DROP FUNCTION coverage_registration_delta()`);
    await queryRunner.query(`DROP TABLE "coverage_fold_state"`);
    await queryRunner.query(`DROP TABLE "coverage_registration_deltas"`);
    await queryRunner.query(`DROP TABLE "coverage_registered"`);
    await queryRunner.query(`DROP TABLE "coverage_rollups"`);
  }
}
