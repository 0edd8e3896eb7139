import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Studio videos (docs/video-pipeline.md): a video a teacher uploaded (tus) to a course, checked by content and
 * probed, then transcoded by the worker into an HLS ladder and a poster; and its caption files, one per language.
 * A row exists only for an upload that passed every check (refused uploads leave no row and no file).
 */
export class AddCourseVideos1796485342660 implements MigrationInterface {
  name = 'AddCourseVideos1796485342660';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "course_videos" (
        "id" uuid NOT NULL,
        "course_id" text NOT NULL,
        "owner_id" uuid NOT NULL,
        "original_name" text NOT NULL,
        "media_type" text NOT NULL,
        "original_key" text NOT NULL,
        "size_bytes" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "duration_seconds" double precision NOT NULL,
        "width" integer NOT NULL,
        "height" integer NOT NULL,
        "status" text NOT NULL DEFAULT 'uploaded',
        "progress" smallint NOT NULL DEFAULT 0,
        "error_code" text,
        "error_message" text,
        "hls_key" text,
        "poster_key" text,
        "renditions" jsonb NOT NULL DEFAULT '[]',
        "attempts" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_course_videos" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_course_videos_status" CHECK ("status" IN ('uploaded', 'transcoding', 'ready', 'failed')),
        CONSTRAINT "CHK_course_videos_progress" CHECK ("progress" BETWEEN 0 AND 100),
        CONSTRAINT "CHK_course_videos_ready" CHECK ("status" <> 'ready' OR ("hls_key" IS NOT NULL AND "poster_key" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_course_videos_course" ON "course_videos" ("course_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "course_videos" ADD CONSTRAINT "FK_course_videos_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE TABLE "course_video_captions" (
        "video_id" uuid NOT NULL,
        "language" text NOT NULL,
        "storage_key" text NOT NULL,
        "sha256" character(64) NOT NULL,
        "cue_count" integer NOT NULL,
        "coverage" double precision NOT NULL,
        "uploaded_by" uuid NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_course_video_captions" PRIMARY KEY ("video_id", "language")
      )`);
    await queryRunner.query(
      `ALTER TABLE "course_video_captions" ADD CONSTRAINT "FK_course_video_captions_video" FOREIGN KEY ("video_id") REFERENCES "course_videos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "course_video_captions"`);
    await queryRunner.query(`DROP TABLE "course_videos"`);
  }
}
