import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates are never silently given up: a request whose error can never go away by itself (the issuer
 * refuses the input, its key cannot be read) ends in a visible failed state with a reason code, and transient
 * errors are retried with a capped backoff measured from the last attempt. Administrators re-run failed
 * requests once the cause is fixed (`certificates:retry-failed`, or the admin action).
 */
export class AddCertificateRequestFailures1796437533952 implements MigrationInterface {
  name = 'AddCertificateRequestFailures1796437533952';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificate_requests" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "certificate_requests" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "certificate_requests" ADD "failure_code" text`);
    await queryRunner.query(
      `CREATE INDEX "certificate_requests_failed_idx" ON "certificate_requests" ("failed_at") WHERE "failed_at" IS NOT NULL AND "issued_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "certificate_requests_failed_idx"`);
    await queryRunner.query(`ALTER TABLE "certificate_requests" DROP COLUMN "failure_code"`);
    await queryRunner.query(`ALTER TABLE "certificate_requests" DROP COLUMN "failed_at"`);
    await queryRunner.query(`ALTER TABLE "certificate_requests" DROP COLUMN "last_attempt_at"`);
  }
}
