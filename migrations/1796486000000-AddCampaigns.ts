import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emulation campaigns (docs/campaigns.md).
 * - `campaigns`: a name (vi, en), a period of Vietnam dates, the scoring rule as data (validated by the contract),
 *   how many units and people are awarded, and the area it belongs to (`scope_path`: the deepest unit above every
 *   participant, so only managers and readers of that area reach it). Closed once (`closed_at`).
 * - `campaign_units`: the participating administrative units (their path as of joining, for subtree sums).
 * - `campaign_awards`: what the close awarded, one row per unit or person (unique), with the standing at the
 *   close; a person's row points to the Open Badges certificate request, a unit's row carries the digest and HMAC
 *   of its record (a unit is not a person the certificate pipeline can issue to).
 */
export class AddCampaigns1796486000000 implements MigrationInterface {
  name = 'AddCampaigns1796486000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "campaigns" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "name" jsonb NOT NULL,
        "starts_on" date NOT NULL,
        "ends_on" date NOT NULL,
        "rule" jsonb NOT NULL,
        "top_units" integer NOT NULL CHECK ("top_units" BETWEEN 1 AND 20),
        "top_people" integer NOT NULL CHECK ("top_people" BETWEEN 0 AND 50),
        "scope_path" text NOT NULL,
        "template" text,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "closed_at" timestamptz,
        "closed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_campaigns_period" CHECK ("ends_on" >= "starts_on")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_campaigns_scope" ON "campaigns" ("scope_path" text_pattern_ops, "starts_on" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "campaign_units" (
        "campaign_id" uuid NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
        "unit_id" uuid NOT NULL REFERENCES "administrative_units" ("id"),
        "unit_path" text NOT NULL,
        CONSTRAINT "PK_campaign_units" PRIMARY KEY ("campaign_id", "unit_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_campaign_units_path" ON "campaign_units" ("unit_path" text_pattern_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE "campaign_awards" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "campaign_id" uuid NOT NULL REFERENCES "campaigns" ("id") ON DELETE CASCADE,
        "kind" text NOT NULL CHECK ("kind" IN ('unit', 'person')),
        "unit_id" uuid REFERENCES "administrative_units" ("id"),
        "user_id" uuid REFERENCES "users" ("id") ON DELETE CASCADE,
        "rank" integer NOT NULL CHECK ("rank" >= 1),
        "points" numeric NOT NULL,
        "standing" jsonb NOT NULL DEFAULT '{}',
        "certificate_request_id" uuid REFERENCES "certificate_requests" ("id") ON DELETE SET NULL,
        "digest" text,
        "signature" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_campaign_awards_subject" CHECK (
          ("kind" = 'unit' AND "unit_id" IS NOT NULL AND "user_id" IS NULL AND "digest" IS NOT NULL AND "signature" IS NOT NULL)
          OR ("kind" = 'person' AND "user_id" IS NOT NULL AND "unit_id" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_campaign_awards_unit" ON "campaign_awards" ("campaign_id", "unit_id") WHERE "kind" = 'unit'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_campaign_awards_person" ON "campaign_awards" ("campaign_id", "user_id") WHERE "kind" = 'person'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "campaign_awards"`);
    await queryRunner.query(`DROP TABLE "campaign_units"`);
    await queryRunner.query(`DROP TABLE "campaigns"`);
  }
}
