import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mandates can be edited, extended and cancelled (docs/mandates.md): a description, a version for optimistic
 * concurrency (every change bumps it; a stale edit answers 409), a status (active or cancelled, kept for
 * compliance history) and when it last changed. The SMS outbox: a text message per row, written in the same
 * transaction as the change it announces, sent over SMPP by the worker with retries and backoff; `dedupe_key`
 * is unique so a replayed fan-out writes nothing twice.
 */
export class AddMandateChangesAndSmsOutbox1796459855201 implements MigrationInterface {
  name = 'AddMandateChangesAndSmsOutbox1796459855201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mandates" ADD "description" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "mandates" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "mandates" ADD "status" text NOT NULL DEFAULT 'active'`);
    await queryRunner.query(
      `ALTER TABLE "mandates" ADD CONSTRAINT "CHK_mandates_status" CHECK ("status" IN ('active', 'cancelled'))`,
    );
    await queryRunner.query(`ALTER TABLE "mandates" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "mandates" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`
            CREATE TABLE "sms_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "to_number" text NOT NULL,
                "text" text NOT NULL,
                "dedupe_key" text NOT NULL,
                "user_id" uuid,
                "status" text NOT NULL DEFAULT 'queued',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT 0,
                "error" text,
                "message_ids" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_sms_outbox" PRIMARY KEY ("id"),
                CONSTRAINT "UQ_sms_outbox_dedupe_key" UNIQUE ("dedupe_key"),
                CONSTRAINT "CHK_sms_outbox_status" CHECK ("status" IN ('queued', 'sent', 'failed')),
                CONSTRAINT "FK_sms_outbox_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_sms_outbox_due" ON "sms_outbox" ("next_attempt_at") WHERE "status" = 'queued'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sms_outbox_user" ON "sms_outbox" ("user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sms_outbox"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP CONSTRAINT "CHK_mandates_status"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "description"`);
  }
}
