import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobQueue } from '@hocvuso/jobs';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { Public } from '../../common/decorators/public.decorator';
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
  health(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  }

  /** Readiness: Postgres answers, and Redis too when the deployment uses it. 503 otherwise. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const postgres = await this.db
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const queue = await this.jobs.ping();
    const ok = postgres && queue;
    void reply.status(ok ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: ok ? 'ready' : 'not_ready',
      checks: {
        postgres: postgres ? 'up' : 'down',
        jobs: { transport: this.jobs.transport, status: queue ? 'up' : 'down' },
      },
    };
  }
}
