import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { certificateRequestCounts, type CertificateRequestCounts, databaseAnswers } from '@hocvuso/db';
import { BullJobQueue, type JobQueue, SCHEDULES } from '@hocvuso/jobs';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { healthResponseSchema, readinessResponseSchema } from '@hocvuso/contracts';
import { Public } from '../../common/decorators/public.decorator';
import { ApiResponseFrom } from '../../common/http/openapi';
import { JOB_QUEUE } from '../jobs/jobs.module';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  /** Liveness: the process answers. */
  @Public()
  @Get('health')
  @ApiResponseFrom(healthResponseSchema)
  health(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  }

  /**
   * Readiness: Postgres answers, and Redis too when the deployment uses it (503 otherwise). It also reports,
   * without failing on them (they are the worker's business, not this replica's): whether Redis still holds
   * the worker's repeating schedules (`jobs.schedules`: a FLUSHALL loses them until the worker registers them
   * again, within SCHEDULE_CHECK_SECONDS), and the certificate requests that failed for good or keep retrying
   * (`certificates`), listed in `warnings` so monitoring can alert on them.
   */
  @Public()
  @Get('ready')
  @ApiResponseFrom(readinessResponseSchema, 200, 'Ready')
  @ApiResponseFrom(readinessResponseSchema, 503, 'Not ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const postgres = await databaseAnswers(this.db);
    const certificates = postgres
      ? await certificateRequestCounts(this.db).catch(() => undefined)
      : undefined;
    const queue = await this.jobs.ping();
    const schedules = queue ? await this.scheduleState() : 'unknown';
    const ok = postgres && queue;
    const warnings = [
      ...(certificates && certificates.failed > 0 ? ['certificates_failed'] : []),
      ...(certificates && certificates.retrying > 0 ? ['certificates_retrying'] : []),
      ...(schedules === 'missing' ? ['schedules_missing'] : []),
    ];
    void reply.status(ok ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: ok ? 'ready' : 'not_ready',
      checks: {
        postgres: postgres ? 'up' : 'down',
        jobs: { transport: this.jobs.transport, status: queue ? 'up' : 'down', schedules },
        certificates: (certificates ?? null) as CertificateRequestCounts | null,
      },
      warnings,
    };
  }

  /** Whether Redis holds every repeating schedule of the worker ('not_applicable' without Redis). */
  private async scheduleState(): Promise<'registered' | 'missing' | 'unknown' | 'not_applicable'> {
    if (!(this.jobs instanceof BullJobQueue)) return 'not_applicable';
    try {
      return (await this.jobs.missingSchedules(SCHEDULES)).length === 0 ? 'registered' : 'missing';
    } catch {
      return 'unknown';
    }
  }
}
