import { MigrationInterface, QueryRunner } from "typeorm";

export class AddIdentityUpgrades1795866681316 implements MigrationInterface {
    name = 'AddIdentityUpgrades1795866681316'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "password_reset_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_91185d86d5d7557b19abbb2868b" UNIQUE ("token_hash"),
                CONSTRAINT "PK_d16bebd73e844c48bca50ff8d3d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_469f5210ed2fcafaf17da2e350" ON "password_reset_tokens" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "oidc_identities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "provider" text NOT NULL,
                "subject" text NOT NULL,
                "user_id" uuid NOT NULL,
                "acr" text,
                "amr" text array,
                "auth_time" TIMESTAMP WITH TIME ZONE,
                "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_login_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_cf0c3ae4150b2ff93d1fd4c4d76" UNIQUE ("user_id", "provider"),
                CONSTRAINT "UQ_ea98b5bc01d6a78088450c019f7" UNIQUE ("provider", "subject"),
                CONSTRAINT "PK_5f2ee4d63e1d0ca3bc5c924dcf4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9fe6252422ff84d3a961b11b93" ON "oidc_identities" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "oidc_pending_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "provider" text NOT NULL,
                "subject" text NOT NULL,
                "user_id" uuid NOT NULL,
                "acr" text,
                "amr" text array,
                "auth_time" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_bfb816d80b7ca2da3e047665798" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8f704d32ef669346591cdd9170" ON "oidc_pending_links" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "oidc_login_states" (
                "state_hash" bytea NOT NULL,
                "provider" text NOT NULL,
                "nonce" text NOT NULL,
                "code_verifier" text NOT NULL,
                "return_to" text NOT NULL DEFAULT '/',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ed4b77d1fa74df9e8cb1fe2d588" PRIMARY KEY ("state_hash")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9acb0c4fe219ac0ee3236ad431" ON "oidc_login_states" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sign_in_codes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" bytea NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "failed_attempts" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_24f300b58e6f0c283b16257d15f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_01487bdbedf91b5d5b4cb69963" ON "sign_in_codes" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "identity_verified" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "identity_assurance" text
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "deidentified_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "family_id" uuid NOT NULL DEFAULT gen_random_uuid()
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "rotated_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "replaced_by" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "authenticated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "auth_method" text NOT NULL DEFAULT 'password'
        `);
        // Sessions that existed before: their sign-in time is when they were created.
        await queryRunner.query(`
            UPDATE "sessions" SET "authenticated_at" = "created_at"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f61929073858aa9cb9cb893b66" ON "sessions" ("family_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "password_reset_tokens"
            ADD CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "oidc_identities"
            ADD CONSTRAINT "FK_9fe6252422ff84d3a961b11b930" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "oidc_pending_links"
            ADD CONSTRAINT "FK_8f704d32ef669346591cdd9170e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sign_in_codes"
            ADD CONSTRAINT "FK_01487bdbedf91b5d5b4cb69963a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sign_in_codes" DROP CONSTRAINT "FK_01487bdbedf91b5d5b4cb69963a"
        `);
        await queryRunner.query(`
            ALTER TABLE "oidc_pending_links" DROP CONSTRAINT "FK_8f704d32ef669346591cdd9170e"
        `);
        await queryRunner.query(`
            ALTER TABLE "oidc_identities" DROP CONSTRAINT "FK_9fe6252422ff84d3a961b11b930"
        `);
        await queryRunner.query(`
            ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f61929073858aa9cb9cb893b66"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "auth_method"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "authenticated_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "replaced_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "rotated_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "family_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "deidentified_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "identity_assurance"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "identity_verified"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_01487bdbedf91b5d5b4cb69963"
        `);
        await queryRunner.query(`
            DROP TABLE "sign_in_codes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9acb0c4fe219ac0ee3236ad431"
        `);
        await queryRunner.query(`
            DROP TABLE "oidc_login_states"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8f704d32ef669346591cdd9170"
        `);
        await queryRunner.query(`
            DROP TABLE "oidc_pending_links"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9fe6252422ff84d3a961b11b93"
        `);
        await queryRunner.query(`
            DROP TABLE "oidc_identities"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_469f5210ed2fcafaf17da2e350"
        `);
        await queryRunner.query(`
            DROP TABLE "password_reset_tokens"
        `);
    }

}
