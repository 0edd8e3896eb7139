import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline learning (docs/offline.md). `offline_downloads` holds when a learner first downloaded a course: offline
 * time before it counts for nothing. `offline_events` holds every offline event applied, by the device's event id
 * (the primary key makes a replay, or 50 syncs of one batch at once, apply it once), with the span of server time
 * it was credited for (so the same minute is never credited twice) and the verdict a replay answers again.
 */
export class AddOfflineSync1796510000000 implements MigrationInterface {
  name = 'AddOfflineSync1796510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "offline_downloads" (
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "course_id" text NOT NULL REFERENCES "courses"("id") ON DELETE CASCADE,
        "downloaded_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("user_id", "course_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "offline_events" (
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "event_id" uuid NOT NULL,
        "course_id" text NOT NULL,
        "lesson_id" uuid NOT NULL,
        "kind" text NOT NULL CHECK (kind IN ('read', 'complete', 'quiz')),
        "started_at" timestamptz,
        "ended_at" timestamptz,
        "status" text NOT NULL CHECK (status IN ('credited', 'completed', 'graded', 'refused')),
        "reason" text,
        "seconds" integer,
        "passed" boolean,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("user_id", "event_id"),
        CONSTRAINT "offline_events_span_check" CHECK (started_at IS NULL OR ended_at > started_at)
      )`);
    await queryRunner.query(
      `CREATE INDEX "offline_events_course_spans" ON "offline_events" ("user_id", "course_id") WHERE started_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "offline_events"`);
    await queryRunner.query(`DROP TABLE "offline_downloads"`);
  }
}
