import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official populations (denominators), imported by statisticians from CSV or XLSX sheets (docs/populations.md).
 * `population_imports` logs every import attempt (dry runs and refused files included) with its row report;
 * `populations` holds the figures per place (a unit or an organisation), target group, sub-group ('' for the
 * whole group), period (a year, half or quarter code) and source. A figure is never updated in place: a new value
 * for the same key is a new revision and the previous one points to it (`superseded_by`); the current figure of a
 * key is the one not superseded.
 */
export class AddPopulations1796464707979 implements MigrationInterface {
  name = 'AddPopulations1796464707979';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "population_imports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "imported_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "file_name" text NOT NULL,
        "format" text NOT NULL CHECK ("format" IN ('csv', 'xlsx')),
        "periods" text[] NOT NULL DEFAULT '{}',
        "sources" text[] NOT NULL DEFAULT '{}',
        "dry_run" boolean NOT NULL,
        "applied" boolean NOT NULL,
        "rows" integer NOT NULL CHECK ("rows" >= 0),
        "created" integer NOT NULL CHECK ("created" >= 0),
        "revised" integer NOT NULL CHECK ("revised" >= 0),
        "unchanged" integer NOT NULL CHECK ("unchanged" >= 0),
        "rejected" integer NOT NULL CHECK ("rejected" >= 0),
        "report" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_population_imports_by" ON "population_imports" ("imported_by", "created_at" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "populations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "place_kind" text NOT NULL CHECK ("place_kind" IN ('unit', 'organisation')),
        "place_id" uuid NOT NULL,
        "target_group" text NOT NULL,
        "sub_group" text NOT NULL DEFAULT '',
        "period" text NOT NULL,
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "source" text NOT NULL CHECK (length("source") BETWEEN 1 AND 200),
        "value" integer NOT NULL CHECK ("value" >= 0 AND "value" <= 100000000),
        "revision" integer NOT NULL CHECK ("revision" >= 1),
        "import_id" uuid REFERENCES "population_imports" ("id") ON DELETE SET NULL,
        "superseded_by" uuid REFERENCES "populations" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_populations_revision" UNIQUE ("place_kind", "place_id", "target_group", "sub_group", "period", "source", "revision")
      )`);
    // One current (not superseded) revision per key.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_populations_current" ON "populations" ("place_kind", "place_id", "target_group", "sub_group", "period", "source") WHERE "superseded_by" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_populations_in_force" ON "populations" ("place_kind", "place_id", "period_start") WHERE "superseded_by" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "populations"`);
    await queryRunner.query(`DROP TABLE "population_imports"`);
  }
}
