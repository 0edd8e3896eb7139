import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDirectoryAndAccess1795865093328 implements MigrationInterface {
  name = 'AddDirectoryAndAccess1795865093328';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "administrative_units" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" text NOT NULL,
                "level" text NOT NULL,
                "name" text NOT NULL,
                "parent_id" uuid,
                "path" text NOT NULL,
                "valid_from" date NOT NULL,
                "valid_to" date,
                "successor_codes" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_4cead3b98aeea3d5353b8dedb63" UNIQUE ("code", "valid_from"),
                CONSTRAINT "PK_97f662b9b848ae0982347d7d1d3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "consents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "text_version" text NOT NULL,
                "channel" text NOT NULL,
                "granted" boolean NOT NULL,
                "recorded_by" uuid,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_997e19502d7e5407f2d468a9e4" ON "consents" ("user_id", "purpose")
        `);
    await queryRunner.query(`
            CREATE TABLE "households" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "unit_id" uuid NOT NULL,
                "code" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_ee4f6dd45feed707b7c5518d314" UNIQUE ("unit_id", "code"),
                CONSTRAINT "PK_2b1aef2640717132e9231aac756" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organisations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" text NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "unit_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_06f3139d67205a125c84f8c6c45" UNIQUE ("code"),
                CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2d13fa614a476cd7d3fc1fda83" ON "organisations" ("unit_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "learner_profiles" (
                "user_id" uuid NOT NULL,
                "target_groups" text array NOT NULL DEFAULT '{}',
                "sub_groups" text array NOT NULL DEFAULT '{}',
                "unit_id" uuid,
                "unit_path" text,
                "organisation_id" uuid,
                "household_id" uuid,
                "accessibility" jsonb NOT NULL DEFAULT '{}',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_94cd9a55d9923c7f859e683c051" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a017c3b70995e2d7c47b0d09d9" ON "learner_profiles" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a13e85ab7994c85adb02267132" ON "learner_profiles" ("unit_path")
        `);
    await queryRunner.query(`
            CREATE TABLE "mandates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" text NOT NULL,
                "course_ids" text array NOT NULL,
                "unit_id" uuid,
                "unit_path" text,
                "organisation_id" uuid,
                "target_group" text,
                "due_on" date NOT NULL,
                "grace_days" integer NOT NULL DEFAULT '0',
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "archived_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_08c57882cd87cc778f329700004" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0e433a5adc1277d6d6522f68c3" ON "mandates" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_673966ad9af0e0a555a382f36f" ON "mandates" ("unit_path")
        `);
    await queryRunner.query(`
            CREATE TABLE "role_grants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "unit_id" uuid,
                "organisation_id" uuid,
                "granted_by" uuid,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f7cf33da46b9f884f2d459e0eff" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5cd62d6d8ab68ed4c286b707f2" ON "role_grants" ("user_id")
            WHERE revoked_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym"
            SET DEFAULT gen_random_uuid()
        `);
    await queryRunner.query(`
            ALTER TABLE "administrative_units"
            ADD CONSTRAINT "FK_1d33f2501763089f6790637a923" FOREIGN KEY ("parent_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_946390b9024aba22cd1c1621430" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "households"
            ADD CONSTRAINT "FK_b6e4cbce357cb0b6f807c018379" FOREIGN KEY ("unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "FK_2d13fa614a476cd7d3fc1fda835" FOREIGN KEY ("unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles"
            ADD CONSTRAINT "FK_94cd9a55d9923c7f859e683c051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles"
            ADD CONSTRAINT "FK_39a9d7e4733028c7901f90ad51f" FOREIGN KEY ("unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles"
            ADD CONSTRAINT "FK_a017c3b70995e2d7c47b0d09d96" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles"
            ADD CONSTRAINT "FK_61cbf2f7ac81a9f5110edc83f0c" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mandates"
            ADD CONSTRAINT "FK_6d214eedda1e11e99cf523939f2" FOREIGN KEY ("unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mandates"
            ADD CONSTRAINT "FK_0e433a5adc1277d6d6522f68c3e" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "role_grants"
            ADD CONSTRAINT "FK_2b1c3c28ffbc09b85170c655d4b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "role_grants"
            ADD CONSTRAINT "FK_3d63c6a18fcacc7f6624c51a096" FOREIGN KEY ("unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "role_grants"
            ADD CONSTRAINT "FK_7fa35a1ceed481f62897cc110ea" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Written by hand: indexes for subtree scope checks (prefix matches on materialised paths), one live
    // grant per user, role and scope, and the move of the unscoped roles of user_roles into role_grants.
    await queryRunner.query(
      `CREATE INDEX "administrative_units_path_idx" ON "administrative_units" ("path" text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "learner_profiles_unit_path_prefix_idx" ON "learner_profiles" ("unit_path" text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "mandates_unit_path_prefix_idx" ON "mandates" ("unit_path" text_pattern_ops)`,
    );
    await queryRunner.query(`
            CREATE UNIQUE INDEX "role_grants_unique_live" ON "role_grants"
              ("user_id", "role", coalesce("unit_id"::text, ''), coalesce("organisation_id"::text, ''))
              WHERE "revoked_at" IS NULL
        `);
    await queryRunner.query(`
            INSERT INTO "role_grants" ("user_id", "role", "granted_by", "granted_at")
            SELECT "user_id", "role", "granted_by", "granted_at" FROM "user_roles"
        `);
    await queryRunner.query(`DROP TABLE "user_roles"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "user_roles" ("user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE, "role" text NOT NULL,
              "granted_by" uuid, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), PRIMARY KEY ("user_id", "role"))
        `);
    await queryRunner.query(`
            INSERT INTO "user_roles" ("user_id", "role", "granted_by", "granted_at")
            SELECT DISTINCT ON ("user_id", "role") "user_id", "role", "granted_by", "granted_at" FROM "role_grants" WHERE "revoked_at" IS NULL
        `);
    await queryRunner.query(`DROP INDEX "role_grants_unique_live"`);
    await queryRunner.query(`DROP INDEX "mandates_unit_path_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "learner_profiles_unit_path_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "administrative_units_path_idx"`);
    await queryRunner.query(`
            ALTER TABLE "role_grants" DROP CONSTRAINT "FK_7fa35a1ceed481f62897cc110ea"
        `);
    await queryRunner.query(`
            ALTER TABLE "role_grants" DROP CONSTRAINT "FK_3d63c6a18fcacc7f6624c51a096"
        `);
    await queryRunner.query(`
            ALTER TABLE "role_grants" DROP CONSTRAINT "FK_2b1c3c28ffbc09b85170c655d4b"
        `);
    await queryRunner.query(`
            ALTER TABLE "mandates" DROP CONSTRAINT "FK_0e433a5adc1277d6d6522f68c3e"
        `);
    await queryRunner.query(`
            ALTER TABLE "mandates" DROP CONSTRAINT "FK_6d214eedda1e11e99cf523939f2"
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles" DROP CONSTRAINT "FK_61cbf2f7ac81a9f5110edc83f0c"
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles" DROP CONSTRAINT "FK_a017c3b70995e2d7c47b0d09d96"
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles" DROP CONSTRAINT "FK_39a9d7e4733028c7901f90ad51f"
        `);
    await queryRunner.query(`
            ALTER TABLE "learner_profiles" DROP CONSTRAINT "FK_94cd9a55d9923c7f859e683c051"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "FK_2d13fa614a476cd7d3fc1fda835"
        `);
    await queryRunner.query(`
            ALTER TABLE "households" DROP CONSTRAINT "FK_b6e4cbce357cb0b6f807c018379"
        `);
    await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_946390b9024aba22cd1c1621430"
        `);
    await queryRunner.query(`
            ALTER TABLE "administrative_units" DROP CONSTRAINT "FK_1d33f2501763089f6790637a923"
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "pseudonym"
            SET DEFAULT gen_random_uuid()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5cd62d6d8ab68ed4c286b707f2"
        `);
    await queryRunner.query(`
            DROP TABLE "role_grants"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_673966ad9af0e0a555a382f36f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0e433a5adc1277d6d6522f68c3"
        `);
    await queryRunner.query(`
            DROP TABLE "mandates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a13e85ab7994c85adb02267132"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a017c3b70995e2d7c47b0d09d9"
        `);
    await queryRunner.query(`
            DROP TABLE "learner_profiles"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2d13fa614a476cd7d3fc1fda83"
        `);
    await queryRunner.query(`
            DROP TABLE "organisations"
        `);
    await queryRunner.query(`
            DROP TABLE "households"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_997e19502d7e5407f2d468a9e4"
        `);
    await queryRunner.query(`
            DROP TABLE "consents"
        `);
    await queryRunner.query(`
            DROP TABLE "administrative_units"
        `);
  }
}
