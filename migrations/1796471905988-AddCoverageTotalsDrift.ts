import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly reconcile also checks coverage_totals (the running totals the dashboards read, kept by triggers on
 * coverage_rollups) against the rollups: a drift row may name that table (measure set, no month), and a run counts
 * those rows in `totals_drift`.
 */
export class AddCoverageTotalsDrift1796471905988 implements MigrationInterface {
  name = 'AddCoverageTotalsDrift1796471905988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "coverage_drift" DROP CONSTRAINT "coverage_drift_table_name_check"`);
    await queryRunner.query(`ALTER TABLE "coverage_drift" DROP CONSTRAINT "CHK_coverage_drift_key"`);
    await queryRunner.query(`
      ALTER TABLE "coverage_drift" ADD CONSTRAINT "CHK_coverage_drift_table"
      CHECK ("table_name" IN ('coverage_rollups', 'coverage_registered', 'coverage_totals'))`);
    await queryRunner.query(`
      ALTER TABLE "coverage_drift" ADD CONSTRAINT "CHK_coverage_drift_key"
      CHECK (("table_name" = 'coverage_rollups') = ("month" IS NOT NULL)
             AND ("table_name" = 'coverage_registered') = ("measure" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "coverage_reconcile_runs" ADD "totals_drift" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "coverage_reconcile_runs" DROP COLUMN "totals_drift"`);
    await queryRunner.query(`DELETE FROM "coverage_drift" WHERE "table_name" = 'coverage_totals'`);
    await queryRunner.query(`ALTER TABLE "coverage_drift" DROP CONSTRAINT "CHK_coverage_drift_key"`);
    await queryRunner.query(`ALTER TABLE "coverage_drift" DROP CONSTRAINT "CHK_coverage_drift_table"`);
    await queryRunner.query(`
      ALTER TABLE "coverage_drift" ADD CONSTRAINT "coverage_drift_table_name_check"
      CHECK ("table_name" IN ('coverage_rollups', 'coverage_registered'))`);
    await queryRunner.query(`
      ALTER TABLE "coverage_drift" ADD CONSTRAINT "CHK_coverage_drift_key"
      CHECK (("table_name" = 'coverage_rollups') = ("measure" IS NOT NULL AND "month" IS NOT NULL))`);
  }
}
