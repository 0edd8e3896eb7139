import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage against the plan's targets (docs/coverage.md). A coverage fact is recorded once per person, measure
 * (libs/domain/src/coverage/measures.ts) and target group, plus once under the target group '*' so that
 * "all groups" counts people once. It keeps the place and population sub-groups the person had when it was
 * recorded: a learner who later moves is still counted where they were. Facts are never updated by page views;
 * the rollup tables are built from them (rolled_up marks the facts already folded in).
 * Learner profiles gain what the population sub-groups need: a birth year (age 16+) and a school level.
 */
export class AddCoverageFacts1796458738574 implements MigrationInterface {
  name = 'AddCoverageFacts1796458738574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "coverage_facts" (
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "measure" text NOT NULL CHECK ("measure" IN ('trained', 'universalised', 'in_person', 'vneid_level2', 'bank_account')),
        "target_group" text NOT NULL,
        "sub_groups" text[] NOT NULL DEFAULT '{}',
        "unit_id" uuid REFERENCES "administrative_units" ("id"),
        "unit_path" text,
        "organisation_id" uuid REFERENCES "organisations" ("id"),
        "achieved_at" timestamptz NOT NULL DEFAULT now(),
        "source" text NOT NULL CHECK ("source" IN ('system', 'self', 'helper')),
        "recorded_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "evidence" jsonb NOT NULL DEFAULT '{}',
        "rolled_up" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_coverage_facts" PRIMARY KEY ("user_id", "measure", "target_group")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_coverage_facts_unit_path" ON "coverage_facts" ("unit_path" text_pattern_ops, "measure", "target_group", "achieved_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_coverage_facts_organisation" ON "coverage_facts" ("organisation_id", "measure", "target_group", "achieved_at") WHERE "organisation_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_coverage_facts_pending" ON "coverage_facts" ("achieved_at") WHERE NOT "rolled_up"`,
    );
    await queryRunner.query(`ALTER TABLE "learner_profiles" ADD "birth_year" smallint CHECK ("birth_year" BETWEEN 1900 AND 2100)`);
    await queryRunner.query(`ALTER TABLE "learner_profiles" ADD "school_level" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learner_profiles" DROP COLUMN "school_level"`);
    await queryRunner.query(`ALTER TABLE "learner_profiles" DROP COLUMN "birth_year"`);
    await queryRunner.query(`DROP TABLE "coverage_facts"`);
  }
}
