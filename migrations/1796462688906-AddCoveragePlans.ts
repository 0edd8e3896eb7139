import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage plans (content/indicators/<plan-id>.yaml), as `npm run content:import` stores them: the validated
 * definition (indicators, targets, required course sets) and its content hash, so a second import of an
 * unchanged plan writes nothing. A plan removed from the folder is kept (reports name it) and marked retired.
 */
export class AddCoveragePlans1796462688906 implements MigrationInterface {
  name = 'AddCoveragePlans1796462688906';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "coverage_plans" (
        "id" text PRIMARY KEY,
        "definition" jsonb NOT NULL,
        "content_hash" text NOT NULL,
        "imported_at" timestamptz NOT NULL DEFAULT now(),
        "retired_at" timestamptz
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coverage_plans"`);
  }
}
