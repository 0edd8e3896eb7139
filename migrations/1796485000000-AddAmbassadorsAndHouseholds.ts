import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digital ambassadors and digital families (docs/ambassadors-and-families.md).
 * - `ambassador_requirements`: the courses a person must complete to become an ambassador, global (null group)
 *   or per target group; seeded with one global course.
 * - `ambassador_nominations`: self-nominations waiting for an administrator of the person's area (one pending
 *   per person).
 * - `mentor_invitations`: an ambassador's invitation links, single use (used_by set once); `mentorships`: one
 *   per ambassador and mentee, never oneself, at most one in force per mentee; the mentee may end it.
 * - `certificate_requests` and `certificates` also carry achievements (a user and an achievement id instead of
 *   an enrolment): the same outbox, issuer, status lists and verification; one per user and achievement.
 * - `household_members`: who belongs to a household (one household per person), seeded from the household code
 *   on the profiles; `household_invitations`: single-use links a member hands out, accepted only by the person.
 */
export class AddAmbassadorsAndHouseholds1796485000000 implements MigrationInterface {
  name = 'AddAmbassadorsAndHouseholds1796485000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ambassador_requirements" (
        "id" serial NOT NULL,
        "target_group" text,
        "course_id" text NOT NULL,
        CONSTRAINT "PK_ambassador_requirements" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_ambassador_requirements" UNIQUE NULLS NOT DISTINCT ("target_group", "course_id")
      )`);
    await queryRunner.query(
      `INSERT INTO "ambassador_requirements" ("target_group", "course_id") VALUES (NULL, 'online-scams')`,
    );
    await queryRunner.query(`
      CREATE TABLE "ambassador_nominations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_ambassador_nominations" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_ambassador_nominations_status" CHECK ("status" IN ('pending', 'approved', 'declined')),
        CONSTRAINT "FK_ambassador_nominations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_ambassador_nominations_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_ambassador_nominations_pending" ON "ambassador_nominations" ("user_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE "mentor_invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ambassador_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_by" uuid,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_mentor_invitations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_mentor_invitations_ambassador" FOREIGN KEY ("ambassador_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_mentor_invitations_used_by" FOREIGN KEY ("used_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mentor_invitations_ambassador" ON "mentor_invitations" ("ambassador_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "mentorships" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ambassador_id" uuid NOT NULL,
        "mentee_id" uuid NOT NULL,
        "invitation_id" uuid,
        "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "ended_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_mentorships" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_mentorships_pair" UNIQUE ("ambassador_id", "mentee_id"),
        CONSTRAINT "CHK_mentorships_not_self" CHECK ("ambassador_id" <> "mentee_id"),
        CONSTRAINT "FK_mentorships_ambassador" FOREIGN KEY ("ambassador_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_mentorships_mentee" FOREIGN KEY ("mentee_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_mentorships_invitation" FOREIGN KEY ("invitation_id") REFERENCES "mentor_invitations"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_mentorships_one_in_force" ON "mentorships" ("mentee_id") WHERE "ended_at" IS NULL`,
    );

    // Achievements through the certificate pipeline.
    await queryRunner.query(`
      ALTER TABLE "certificate_requests"
        ALTER COLUMN "enrolment_id" DROP NOT NULL,
        ALTER COLUMN "course_version_id" DROP NOT NULL,
        ADD COLUMN "user_id" uuid,
        ADD COLUMN "achievement_id" text,
        ADD CONSTRAINT "FK_certificate_requests_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        ADD CONSTRAINT "CHK_certificate_requests_subject" CHECK (
          ("enrolment_id" IS NOT NULL AND "course_version_id" IS NOT NULL AND "achievement_id" IS NULL AND "user_id" IS NULL)
          OR ("enrolment_id" IS NULL AND "course_version_id" IS NULL AND "achievement_id" IS NOT NULL AND "user_id" IS NOT NULL))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_certificate_requests_achievement" ON "certificate_requests" ("user_id", "achievement_id") WHERE "achievement_id" IS NOT NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE "certificates"
        ALTER COLUMN "enrolment_id" DROP NOT NULL,
        ALTER COLUMN "course_id" DROP NOT NULL,
        ALTER COLUMN "course_version_id" DROP NOT NULL,
        ADD COLUMN "achievement_id" text,
        ADD COLUMN "achievement_name" jsonb,
        ADD CONSTRAINT "CHK_certificates_subject" CHECK (
          ("enrolment_id" IS NOT NULL AND "course_version_id" IS NOT NULL AND "achievement_id" IS NULL)
          OR ("enrolment_id" IS NULL AND "course_version_id" IS NULL AND "achievement_id" IS NOT NULL AND "achievement_name" IS NOT NULL))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_certificates_achievement" ON "certificates" ("user_id", "achievement_id") WHERE "achievement_id" IS NOT NULL`,
    );

    // Digital families.
    await queryRunner.query(`
      CREATE TABLE "household_members" (
        "user_id" uuid NOT NULL,
        "household_id" uuid NOT NULL,
        "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "guided_by" uuid,
        CONSTRAINT "PK_household_members" PRIMARY KEY ("user_id"),
        CONSTRAINT "CHK_household_members_not_self" CHECK ("guided_by" IS NULL OR "guided_by" <> "user_id"),
        CONSTRAINT "FK_household_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_household_members_household" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_household_members_guided_by" FOREIGN KEY ("guided_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_household_members_household" ON "household_members" ("household_id")`,
    );
    // Existing codes become households: everyone who gave a household code is a member of it (they typed it).
    await queryRunner.query(`
      INSERT INTO "household_members" ("user_id", "household_id", "joined_at")
      SELECT "user_id", "household_id", "updated_at" FROM "learner_profiles" WHERE "household_id" IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "household_invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "household_id" uuid NOT NULL,
        "invited_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_by" uuid,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_household_invitations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_household_invitations_household" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_household_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_household_invitations_used_by" FOREIGN KEY ("used_by") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_household_invitations_by" ON "household_invitations" ("invited_by", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "household_invitations"`);
    await queryRunner.query(`DROP TABLE "household_members"`);
    await queryRunner.query(`DELETE FROM "certificates" WHERE "achievement_id" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "UQ_certificates_achievement"`);
    await queryRunner.query(`
      ALTER TABLE "certificates" DROP CONSTRAINT "CHK_certificates_subject",
        DROP COLUMN "achievement_name", DROP COLUMN "achievement_id",
        ALTER COLUMN "course_version_id" SET NOT NULL, ALTER COLUMN "course_id" SET NOT NULL,
        ALTER COLUMN "enrolment_id" SET NOT NULL`);
    await queryRunner.query(`DELETE FROM "certificate_requests" WHERE "achievement_id" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "UQ_certificate_requests_achievement"`);
    await queryRunner.query(`
      ALTER TABLE "certificate_requests" DROP CONSTRAINT "CHK_certificate_requests_subject",
        DROP CONSTRAINT "FK_certificate_requests_user", DROP COLUMN "achievement_id", DROP COLUMN "user_id",
        ALTER COLUMN "course_version_id" SET NOT NULL, ALTER COLUMN "enrolment_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "mentorships"`);
    await queryRunner.query(`DROP TABLE "mentor_invitations"`);
    await queryRunner.query(`DROP TABLE "ambassador_nominations"`);
    await queryRunner.query(`DROP TABLE "ambassador_requirements"`);
  }
}
