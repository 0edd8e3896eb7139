import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline pinned questions (docs/offline.md): an answer given offline to a question pinned in a video is synced
 * as a `video-answer` event, recorded once by its event id like the other offline events (its verdict and, when
 * graded, whether it was right).
 */
export class AddOfflineVideoAnswerEvents1796700000000 implements MigrationInterface {
  name = 'AddOfflineVideoAnswerEvents1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offline_events" DROP CONSTRAINT "offline_events_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "offline_events" ADD CONSTRAINT "offline_events_kind_check" CHECK (kind IN ('read', 'complete', 'quiz', 'watch', 'video-answer'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "offline_events" WHERE kind = 'video-answer'`);
    await queryRunner.query(`ALTER TABLE "offline_events" DROP CONSTRAINT "offline_events_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "offline_events" ADD CONSTRAINT "offline_events_kind_check" CHECK (kind IN ('read', 'complete', 'quiz', 'watch'))`,
    );
  }
}
