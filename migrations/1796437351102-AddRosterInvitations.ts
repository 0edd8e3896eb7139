import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account safety (issue 11, sections 3 and 4):
 * - `account_origins`: who created an account on someone's behalf (assisted registration or a roster) and
 *   where. Only such accounts, in the helper's own area, may be given a new one-time sign-in code. The accounts
 *   registered in person before this migration are taken from the audit log.
 * - `roster_imports`: each roster upload (not dry runs) with its report, readable by the person who uploaded it.
 * - `roster_invitations`: a roster never places or claims an existing account; it invites it, and only the
 *   person's acceptance places them and enrols them. At most one pending invitation per person and place.
 * - `sign_in_failures`: failed password sign-ins per account identifier (a SHA-256 of the normalised e-mail
 *   or phone), for the per-identifier throttle.
 */
export class AddRosterInvitations1796437351102 implements MigrationInterface {
  name = 'AddRosterInvitations1796437351102';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "account_origins" (
                "user_id" uuid NOT NULL,
                "origin" text NOT NULL,
                "created_by" uuid,
                "unit_id" uuid,
                "unit_path" text,
                "organisation_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_account_origins" PRIMARY KEY ("user_id"),
                CONSTRAINT "CHK_account_origins_origin" CHECK ("origin" IN ('assisted_registration', 'roster')),
                CONSTRAINT "FK_account_origins_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
                CONSTRAINT "FK_account_origins_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "account_origins" ("user_id", "origin", "created_by", "unit_id", "unit_path", "created_at")
            SELECT DISTINCT ON (a."subject_id") a."subject_id"::uuid, 'assisted_registration', a."actor_user_id",
                   (a."after" ->> 'unitId')::uuid, a."scope", a."at"
              FROM "audit_log" a JOIN "users" u ON u."id"::text = a."subject_id"
             WHERE a."action" = 'learner.assisted_register'
             ORDER BY a."subject_id", a."at"
        `);
    await queryRunner.query(`
            CREATE TABLE "roster_imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "uploaded_by" uuid,
                "course_ids" text[] NOT NULL,
                "uploader_scope" jsonb NOT NULL,
                "summary" jsonb NOT NULL,
                "rows" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_roster_imports" PRIMARY KEY ("id"),
                CONSTRAINT "FK_roster_imports_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_roster_imports_uploader" ON "roster_imports" ("uploaded_by", "created_at")`,
    );
    await queryRunner.query(`
            CREATE TABLE "roster_invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "import_id" uuid,
                "user_id" uuid NOT NULL,
                "invited_by" uuid,
                "unit_id" uuid,
                "unit_path" text,
                "organisation_id" uuid,
                "target_group" text NOT NULL,
                "sub_groups" text[] NOT NULL DEFAULT '{}',
                "course_ids" text[] NOT NULL DEFAULT '{}',
                "status" text NOT NULL DEFAULT 'pending',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "responded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_roster_invitations" PRIMARY KEY ("id"),
                CONSTRAINT "CHK_roster_invitations_status" CHECK ("status" IN ('pending', 'accepted', 'declined')),
                CONSTRAINT "FK_roster_invitations_import" FOREIGN KEY ("import_id") REFERENCES "roster_imports"("id") ON DELETE SET NULL,
                CONSTRAINT "FK_roster_invitations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
                CONSTRAINT "FK_roster_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(`CREATE INDEX "IDX_roster_invitations_user" ON "roster_invitations" ("user_id")`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_roster_invitations_pending" ON "roster_invitations"
                ("user_id", coalesce("unit_id"::text, ''), coalesce("organisation_id"::text, '')) WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "sign_in_failures" (
                "id" bigserial NOT NULL,
                "identifier_key" text NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_sign_in_failures" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_sign_in_failures_key_at" ON "sign_in_failures" ("identifier_key", "at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_failures"`);
    await queryRunner.query(`DROP TABLE "roster_invitations"`);
    await queryRunner.query(`DROP TABLE "roster_imports"`);
    await queryRunner.query(`DROP TABLE "account_origins"`);
  }
}
