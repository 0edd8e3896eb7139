import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone-first accounts (docs/sms.md). `users.phone_verified_at`: when the person proved they hold the number
 * (a code sent by SMS); accounts that existed before keep their numbers as vouched (a helper or a roster
 * created most of them, and a self sign-up could not be checked then). `phone_codes`: the six-digit codes sent by
 * SMS to verify a number or to reset a password, only a keyed hash stored, short-lived, with a failure count.
 * `sms_daily_counts`: how many SMS each person, each number and the whole platform queued on one Vietnam
 * calendar day, the counters the daily caps are enforced on (one conditional upsert per scope). `sms_outbox`
 * records which gateway sent each message.
 */
export class AddPhoneVerification1796550000000 implements MigrationInterface {
  name = 'AddPhoneVerification1796550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "phone_verified_at" timestamptz`);
    await queryRunner.query(
      `UPDATE "users" SET "phone_verified_at" = "created_at" WHERE "phone" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "phone_codes" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "purpose" text NOT NULL CONSTRAINT "CHK_phone_codes_purpose" CHECK ("purpose" IN ('verify', 'reset')),
        "phone" text NOT NULL,
        "code_hash" bytea NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "used_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_phone_codes_live" ON "phone_codes" ("user_id", "purpose") WHERE "used_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "sms_daily_counts" (
        "day" date NOT NULL,
        "scope" text NOT NULL,
        "count" integer NOT NULL CONSTRAINT "CHK_sms_daily_counts_count" CHECK ("count" >= 0),
        CONSTRAINT "PK_sms_daily_counts" PRIMARY KEY ("day", "scope")
      )`);
    await queryRunner.query(`ALTER TABLE "sms_outbox" ADD "gateway" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sms_outbox" DROP COLUMN "gateway"`);
    await queryRunner.query(`DROP TABLE "sms_daily_counts"`);
    await queryRunner.query(`DROP TABLE "phone_codes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone_verified_at"`);
  }
}
