import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline video (docs/offline.md): the player's heartbeats queued offline are synced as `watch` events, recorded
 * once by their event id like the other offline events (their verdict and the video seconds they credited).
 */
export class AddOfflineWatchEvents1796600000000 implements MigrationInterface {
  name = 'AddOfflineWatchEvents1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offline_events" DROP CONSTRAINT "offline_events_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "offline_events" ADD CONSTRAINT "offline_events_kind_check" CHECK (kind IN ('read', 'complete', 'quiz', 'watch'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "offline_events" WHERE kind = 'watch'`);
    await queryRunner.query(`ALTER TABLE "offline_events" DROP CONSTRAINT "offline_events_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "offline_events" ADD CONSTRAINT "offline_events_kind_check" CHECK (kind IN ('read', 'complete', 'quiz'))`,
    );
  }
}
