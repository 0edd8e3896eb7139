import { MigrationInterface, QueryRunner } from "typeorm";

export class AddNotifications1795865290380 implements MigrationInterface {
    name = 'AddNotifications1795865290380'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "title" jsonb NOT NULL,
                "body" jsonb NOT NULL,
                "link" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5323ccd23482802bd9759e88ee" ON "notifications" ("user_id", "read_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_preferences" (
                "user_id" uuid NOT NULL,
                "email_enabled" boolean NOT NULL DEFAULT true,
                "in_app_enabled" boolean NOT NULL DEFAULT true,
                "reminders_enabled" boolean NOT NULL DEFAULT true,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "reminder_deliveries" (
                "dedupe_key" text NOT NULL,
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "subject_id" text NOT NULL,
                "period" text NOT NULL,
                "channels" text array NOT NULL,
                "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_52943ac4c526b78b8a02b2dd592" PRIMARY KEY ("dedupe_key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4189f4e2c249b3468af8df2752" ON "reminder_deliveries" ("user_id", "delivered_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reminder_deliveries_inactive_weekly" ON "reminder_deliveries" ("user_id", "period")
            WHERE kind = 'inactive'
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "to_address" text NOT NULL,
                "subject" text NOT NULL,
                "text" text NOT NULL,
                "html" text NOT NULL,
                "headers" jsonb NOT NULL DEFAULT '{}',
                "dedupe_key" text,
                "transport" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "error" text,
                CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f98b21146dd23ba194f53d8a3d" ON "mail_outbox" ("dedupe_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fcd1a0d3ccf48db931b510e617" ON "mail_outbox" ("created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_473c729b9550e5dd4e82300a41" ON "mail_outbox" ("transport", "sent_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reminder_deliveries"
            ADD CONSTRAINT "FK_120aa4e2b6349b1a1fd33237134" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "FK_120aa4e2b6349b1a1fd33237134"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_473c729b9550e5dd4e82300a41"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fcd1a0d3ccf48db931b510e617"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f98b21146dd23ba194f53d8a3d"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_outbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_reminder_deliveries_inactive_weekly"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4189f4e2c249b3468af8df2752"
        `);
        await queryRunner.query(`
            DROP TABLE "reminder_deliveries"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_preferences"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5323ccd23482802bd9759e88ee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    }

}
