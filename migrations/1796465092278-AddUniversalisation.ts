import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Universalisation confirmations and the other numerators of the plan (docs/universalisation-exchange.md):
 * - universalisation_rules: each imported version of content/indicators/universalisation.yaml (version = content
 *   hash), one current;
 * - universalisation_checks: the outbox the completing transaction writes (one pending row per person at a time);
 * - universalisation_confirmations: one per person, target group and rule version, dated by the database clock,
 *   with its evidence and the person's place at that moment;
 * - declarations: VNeID level 2 and digital bank account, self-declared or confirmed by a helper (history kept);
 * - in_person_learning: learning a helper saw happen face to face.
 */
export class AddUniversalisation1796465092278 implements MigrationInterface {
  name = 'AddUniversalisation1796465092278';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "universalisation_rules" (
        "version" text PRIMARY KEY,
        "rule_set_id" text NOT NULL,
        "rules" jsonb NOT NULL,
        "current" boolean NOT NULL DEFAULT false,
        "imported_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_universalisation_rules_current" ON "universalisation_rules" ("current") WHERE "current"`,
    );
    await queryRunner.query(`
      CREATE TABLE "universalisation_checks" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "reason" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "done_at" timestamptz,
        "outcome" text CHECK ("outcome" IN ('confirmed', 'not-satisfied', 'no-group', 'no-rules')),
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_universalisation_checks_pending" ON "universalisation_checks" ("user_id") WHERE "done_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_universalisation_checks_due" ON "universalisation_checks" ("created_at") WHERE "done_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "universalisation_confirmations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "target_group" text NOT NULL,
        "rule_version" text NOT NULL REFERENCES "universalisation_rules" ("version"),
        "confirmed_at" timestamptz NOT NULL DEFAULT now(),
        "confirmed_on" date NOT NULL,
        "unit_id" uuid REFERENCES "administrative_units" ("id"),
        "unit_path" text,
        "organisation_id" uuid REFERENCES "organisations" ("id"),
        "evidence" jsonb NOT NULL,
        "check_id" uuid REFERENCES "universalisation_checks" ("id") ON DELETE SET NULL,
        CONSTRAINT "UQ_universalisation_confirmations" UNIQUE ("user_id", "target_group", "rule_version")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_universalisation_confirmations_at" ON "universalisation_confirmations" ("confirmed_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_universalisation_confirmations_place" ON "universalisation_confirmations" ("unit_path" text_pattern_ops, "confirmed_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "declarations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "kind" text NOT NULL CHECK ("kind" IN ('vneid_level2', 'bank_account')),
        "value" boolean NOT NULL,
        "source" text NOT NULL CHECK ("source" IN ('self', 'helper')),
        "confirmed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_declarations_user_kind" ON "declarations" ("user_id", "kind", "at" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "in_person_learning" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "course_id" text NOT NULL REFERENCES "courses" ("id"),
        "lesson_id" uuid REFERENCES "lesson_revisions" ("id"),
        "learned_on" date NOT NULL,
        "note" text NOT NULL DEFAULT '',
        "confirmed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_in_person_learning" ON "in_person_learning" ("user_id", "course_id", coalesce("lesson_id", '00000000-0000-0000-0000-000000000000'::uuid), "learned_on")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "in_person_learning"`);
    await queryRunner.query(`DROP TABLE "declarations"`);
    await queryRunner.query(`DROP TABLE "universalisation_confirmations"`);
    await queryRunner.query(`DROP TABLE "universalisation_checks"`);
    await queryRunner.query(`DROP TABLE "universalisation_rules"`);
  }
}
