import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals of the coverage rollups (docs/coverage.md "Rollups"), so a dashboard reads one row per place and
 * key instead of one per month (the province dashboard sums its 38 communes' keys over every month otherwise):
 * - coverage_totals: per place, target group, sub-group and measure, the sum of coverage_rollups' counts over all
 *   months (`count`) and how many month rows there are (`months`). A numerator up to a month is the total less the
 *   months after it (none, unless a fact is dated ahead), and exists when a month row up to it exists, exactly as
 *   summing the months would say.
 * - Kept by statement triggers on coverage_rollups (insert, update, delete, each with its transition table), so
 *   every writer of the rollups (the fold, a reconcile, a test) keeps them equal; one upsert per statement, in key
 *   order. Low fill factor: the fold updates the same province and 'all' rows every batch, and free room on the
 *   page keeps those updates HOT (no index growth, pruned in place).
 * - IDX_coverage_rollups_month: finds the months after the one asked (usually none) without walking each key.
 */
export class AddCoverageTotals1796469865777 implements MigrationInterface {
  name = 'AddCoverageTotals1796469865777';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "coverage_totals" (
        "place_kind" text NOT NULL CHECK ("place_kind" IN ('unit', 'organisation', 'all')),
        "place_id" uuid NOT NULL,
        "target_group" text NOT NULL,
        "sub_group" text NOT NULL DEFAULT '',
        "measure" text NOT NULL,
        "count" bigint NOT NULL,
        "months" integer NOT NULL,
        CONSTRAINT "PK_coverage_totals" PRIMARY KEY ("place_kind", "place_id", "target_group", "sub_group", "measure")
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(`CREATE INDEX "IDX_coverage_rollups_month" ON "coverage_rollups" ("month")`);
    // One function for the three statements: `delta` is what the statement added (+) and removed (-) per key.
    await queryRunner.query(`
      CREATE FUNCTION coverage_totals_apply() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO coverage_totals AS t (place_kind, place_id, target_group, sub_group, measure, count, months)
          SELECT place_kind, place_id, target_group, sub_group, measure, sum(count), count(*)
            FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (place_kind, place_id, target_group, sub_group, measure)
          DO UPDATE SET count = t.count + excluded.count, months = t.months + excluded.months;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO coverage_totals AS t (place_kind, place_id, target_group, sub_group, measure, count, months)
          SELECT place_kind, place_id, target_group, sub_group, measure, sum(count), sum(months)
            FROM (SELECT place_kind, place_id, target_group, sub_group, measure, count, 1 AS months FROM new_rows
                  UNION ALL
                  SELECT place_kind, place_id, target_group, sub_group, measure, -count, -1 FROM old_rows) d
           GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (place_kind, place_id, target_group, sub_group, measure)
          DO UPDATE SET count = t.count + excluded.count, months = t.months + excluded.months;
        ELSE
          UPDATE coverage_totals t SET count = t.count - d.count, months = t.months - d.months
            FROM (SELECT place_kind, place_id, target_group, sub_group, measure, sum(count) AS count, count(*) AS months
                    FROM old_rows GROUP BY 1, 2, 3, 4, 5) d
           WHERE t.place_kind = d.place_kind AND t.place_id = d.place_id AND t.target_group = d.target_group
             AND t.sub_group = d.sub_group AND t.measure = d.measure;
        END IF;
        RETURN NULL;
      END \$\$`);
    await queryRunner.query(`
      CREATE TRIGGER "coverage_totals_insert" AFTER INSERT ON "coverage_rollups"
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_totals_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER "coverage_totals_update" AFTER UPDATE ON "coverage_rollups"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_totals_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER "coverage_totals_delete" AFTER DELETE ON "coverage_rollups"
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_totals_apply()`);
    // The rollups folded before this migration.
    await queryRunner.query(`
      INSERT INTO coverage_totals (place_kind, place_id, target_group, sub_group, measure, count, months)
      SELECT place_kind, place_id, target_group, sub_group, measure, sum(count), count(*)
        FROM coverage_rollups GROUP BY 1, 2, 3, 4, 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "coverage_totals_delete" ON "coverage_rollups"`);
    await queryRunner.query(`DROP TRIGGER "coverage_totals_update" ON "coverage_rollups"`);
    await queryRunner.query(`DROP TRIGGER "coverage_totals_insert" ON "coverage_rollups"`);
    await queryRunner.query(`DROP FUNCTION coverage_totals_apply()`);
    await queryRunner.query(`DROP INDEX "IDX_coverage_rollups_month"`);
    await queryRunner.query(`DROP TABLE "coverage_totals"`);
  }
}
