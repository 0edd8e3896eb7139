import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly reconcile of the coverage rollups (docs/coverage.md):
 * - coverage_reconcile_runs: one row per run (nightly, once per Vietnam night; or by hand), with its counts; a run
 *   that finds nothing says zero.
 * - coverage_drift: one row per key where the maintained table differed from the recount (what the recount
 *   expected, what the table held), repaired in the same transaction.
 */
export class AddCoverageDrift1796469400000 implements MigrationInterface {
  name = 'AddCoverageDrift1796469400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "coverage_reconcile_runs" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "trigger" text NOT NULL CHECK ("trigger" IN ('nightly', 'manual')),
        "night" date,
        "started_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        "keys_checked" integer NOT NULL DEFAULT 0,
        "rollup_drift" integer NOT NULL DEFAULT 0,
        "registered_drift" integer NOT NULL DEFAULT 0,
        CONSTRAINT "CHK_coverage_reconcile_runs_night" CHECK (("trigger" = 'nightly') = ("night" IS NOT NULL))
      )`);
    // One nightly run per Vietnam night, whichever worker claims it first.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_coverage_reconcile_runs_night" ON "coverage_reconcile_runs" ("night") WHERE "trigger" = 'nightly'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_coverage_reconcile_runs_started" ON "coverage_reconcile_runs" ("started_at" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "coverage_drift" (
        "id" bigserial PRIMARY KEY,
        "run_id" uuid NOT NULL REFERENCES "coverage_reconcile_runs" ("id") ON DELETE CASCADE,
        "table_name" text NOT NULL CHECK ("table_name" IN ('coverage_rollups', 'coverage_registered')),
        "place_kind" text NOT NULL,
        "place_id" uuid NOT NULL,
        "target_group" text NOT NULL,
        "sub_group" text NOT NULL,
        "measure" text,
        "month" date,
        "expected" bigint NOT NULL,
        "found" bigint NOT NULL,
        "detected_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_coverage_drift_key" CHECK (("table_name" = 'coverage_rollups') = ("measure" IS NOT NULL AND "month" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_coverage_drift_run" ON "coverage_drift" ("run_id", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coverage_drift"`);
    await queryRunner.query(`DROP TABLE "coverage_reconcile_runs"`);
  }
}
