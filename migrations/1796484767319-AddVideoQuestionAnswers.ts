import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers to questions pinned in videos (docs/in-video-questions.md): one row per learner, lesson revision and
 * question, holding the FIRST answer as graded (the primary key makes it one, however many requests race).
 */
export class AddVideoQuestionAnswers1796484767319 implements MigrationInterface {
  name = 'AddVideoQuestionAnswers1796484767319';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "video_question_answers" (
        "user_id" uuid NOT NULL,
        "lesson_revision_id" uuid NOT NULL,
        "question_id" text NOT NULL,
        "response" text[] NOT NULL,
        "correct" boolean NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_video_question_answers" PRIMARY KEY ("user_id", "lesson_revision_id", "question_id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "video_question_answers" ADD CONSTRAINT "FK_video_question_answers_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_question_answers" ADD CONSTRAINT "FK_video_question_answers_revision" FOREIGN KEY ("lesson_revision_id") REFERENCES "lesson_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "video_question_answers"`);
  }
}
