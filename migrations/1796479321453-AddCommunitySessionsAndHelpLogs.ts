import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community models (docs/community-sessions.md, docs/help-officers.md):
 * - community_sessions: a weekly session of a commune (place, optional coordinates, time, topic, the course and
 *   lesson it teaches), scheduled by a host; created_at is the database clock (sessions written down after they
 *   started do not count as held).
 * - community_session_attendance: one row per person and session (the primary key makes a second check-in, even
 *   fifty at once, the same attendance); it points at the in-person learning row it recorded. A host's offline
 *   check-ins carry an idempotency key, unique per host.
 * - help_logs: help a public-service help officer gave (a person or an anonymous count), rolled up by unit path.
 */
export class AddCommunitySessionsAndHelpLogs1796479321453 implements MigrationInterface {
  name = 'AddCommunitySessionsAndHelpLogs1796479321453';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "community_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "unit_id" uuid NOT NULL REFERENCES "administrative_units" ("id"),
        "unit_path" text NOT NULL,
        "host_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "topic" text NOT NULL,
        "place" text NOT NULL,
        "latitude" double precision,
        "longitude" double precision,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "course_id" text NOT NULL REFERENCES "courses" ("id"),
        "lesson_id" uuid REFERENCES "lesson_revisions" ("id"),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_community_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_community_sessions_times" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "CHK_community_sessions_place" CHECK (("latitude" IS NULL) = ("longitude" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_community_sessions_unit_path_starts" ON "community_sessions" ("unit_path" text_pattern_ops, "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_community_sessions_starts" ON "community_sessions" ("starts_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "community_session_attendance" (
        "session_id" uuid NOT NULL REFERENCES "community_sessions" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "method" text NOT NULL,
        "checked_in_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "in_person_learning_id" uuid REFERENCES "in_person_learning" ("id") ON DELETE SET NULL,
        "idempotency_key" text,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_community_session_attendance" PRIMARY KEY ("session_id", "user_id"),
        CONSTRAINT "CHK_community_session_attendance_method" CHECK ("method" IN ('qr', 'host'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_community_session_attendance_key" ON "community_session_attendance" ("checked_in_by", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_community_session_attendance_user" ON "community_session_attendance" ("user_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "help_logs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "unit_id" uuid NOT NULL REFERENCES "administrative_units" ("id"),
        "unit_path" text NOT NULL,
        "officer_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "person_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "people" integer NOT NULL,
        "service" text NOT NULL,
        "outcome" text NOT NULL,
        "helped_on" date NOT NULL,
        "idempotency_key" text,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_help_logs" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_help_logs_people" CHECK ("people" BETWEEN 1 AND 500),
        CONSTRAINT "CHK_help_logs_outcome" CHECK ("outcome" IN ('done', 'guided', 'referred'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_help_logs_officer_key" ON "help_logs" ("officer_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_help_logs_unit_path_day" ON "help_logs" ("unit_path" text_pattern_ops, "helped_on")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_help_logs_person" ON "help_logs" ("person_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "help_logs"`);
    await queryRunner.query(`DROP TABLE "community_session_attendance"`);
    await queryRunner.query(`DROP TABLE "community_sessions"`);
  }
}
