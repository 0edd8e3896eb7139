import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Periodic coverage reports (docs/coverage.md "Periodic reports"): one row per revision of a report for a plan,
 * a place (a unit, an organisation, or everywhere) and a period. The api inserts it queued (the outbox), the
 * worker generates it once (progress 0..100) and freezes its figures in `data` with their sha256 in `checksum`.
 * Once ready, `data`, `checksum`, `cut_off` and what identifies the report can never change (trigger): a
 * correction is a new revision that names the one it supersedes, with a reason.
 */
export class AddCoverageReports1796463812085 implements MigrationInterface {
  name = 'AddCoverageReports1796463812085';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "coverage_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plan_id" text NOT NULL,
        "plan" jsonb NOT NULL,
        "place_kind" text NOT NULL CHECK ("place_kind" IN ('unit', 'organisation', 'all')),
        "place_id" uuid NOT NULL,
        "unit_path" text,
        "organisation_id" uuid REFERENCES "organisations" ("id"),
        "place_name" text NOT NULL,
        "period_code" text NOT NULL,
        "period_kind" text NOT NULL CHECK ("period_kind" IN ('quarter', 'half', 'year', 'adhoc')),
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "cut_off" timestamptz NOT NULL,
        "revision" int NOT NULL CHECK ("revision" >= 1),
        "status" text NOT NULL DEFAULT 'queued' CHECK ("status" IN ('queued', 'generating', 'ready', 'failed', 'submitted')),
        "progress" smallint NOT NULL DEFAULT 0 CHECK ("progress" BETWEEN 0 AND 100),
        "requested_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "supersedes" int,
        "correction_reason" text,
        "data" jsonb,
        "checksum" text CHECK ("checksum" ~ '^[0-9a-f]{64}$'),
        "attempts" int NOT NULL DEFAULT 0,
        "started_at" timestamptz,
        "generated_at" timestamptz,
        "submitted_at" timestamptz,
        "submitted_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "failure_code" text,
        CONSTRAINT "PK_coverage_reports" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_coverage_reports_revision" UNIQUE ("plan_id", "place_kind", "place_id", "period_code", "revision"),
        CONSTRAINT "CHK_coverage_reports_period" CHECK ("period_start" <= "period_end"),
        CONSTRAINT "CHK_coverage_reports_correction" CHECK (("supersedes" IS NULL) = ("correction_reason" IS NULL) AND ("supersedes" IS NULL OR "supersedes" < "revision")),
        CONSTRAINT "CHK_coverage_reports_ready" CHECK ("status" NOT IN ('ready', 'submitted') OR ("data" IS NOT NULL AND "checksum" IS NOT NULL AND "generated_at" IS NOT NULL)),
        CONSTRAINT "CHK_coverage_reports_submitted" CHECK (("status" = 'submitted') = ("submitted_at" IS NOT NULL))
      )`);
    // At most one report of a (plan, place, period) is being made at a time (the 50 parallel requests).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_coverage_reports_in_progress" ON "coverage_reports" ("plan_id", "place_kind", "place_id", "period_code") WHERE "status" IN ('queued', 'generating')`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_coverage_reports_unit_path" ON "coverage_reports" ("unit_path" text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_coverage_reports_pending" ON "coverage_reports" ("requested_at") WHERE "status" IN ('queued', 'generating')`);
    await queryRunner.query(`
      CREATE FUNCTION coverage_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status IN ('ready', 'submitted') THEN
            RAISE EXCEPTION 'coverage report % revision % is frozen', OLD.period_code, OLD.revision USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status IN ('ready', 'submitted') AND (
             NEW.data IS DISTINCT FROM OLD.data OR NEW.checksum IS DISTINCT FROM OLD.checksum
             OR NEW.cut_off IS DISTINCT FROM OLD.cut_off OR NEW.plan IS DISTINCT FROM OLD.plan
             OR NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.place_kind IS DISTINCT FROM OLD.place_kind
             OR NEW.place_id IS DISTINCT FROM OLD.place_id OR NEW.period_code IS DISTINCT FROM OLD.period_code
             OR NEW.period_start IS DISTINCT FROM OLD.period_start OR NEW.period_end IS DISTINCT FROM OLD.period_end
             OR NEW.revision IS DISTINCT FROM OLD.revision OR NEW.generated_at IS DISTINCT FROM OLD.generated_at
             OR NEW.status NOT IN ('ready', 'submitted')
             OR (OLD.status = 'submitted' AND (NEW.status <> 'submitted' OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
                                                OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by))) THEN
          RAISE EXCEPTION 'coverage report % revision % is frozen', OLD.period_code, OLD.revision USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "coverage_reports_frozen" BEFORE UPDATE OR DELETE ON "coverage_reports" FOR EACH ROW EXECUTE FUNCTION coverage_reports_frozen()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coverage_reports"`);
    await queryRunner.query(`DROP FUNCTION coverage_reports_frozen()`);
  }
}
