import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CoverageDriftQuery,
  coverageDriftQuerySchema,
  type CoverageDriftResponse,
  coverageDriftResponseSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CoverageDriftService } from './coverage-drift.service';

/** GET /api/admin/coverage/drift: the latest reconcile runs of the coverage rollups and their drift rows. */
@ApiTags('coverage')
@Controller()
export class CoverageDriftController {
  constructor(@Inject(CoverageDriftService) private readonly drift: CoverageDriftService) {}

  /** The latest `runs` reconcile runs (default 10, at most 50), newest first, each with its drift rows. */
  @Get('admin/coverage/drift')
  @ApiQueryFrom(coverageDriftQuerySchema)
  @ApiResponseFrom(coverageDriftResponseSchema)
  recent(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(coverageDriftQuerySchema)) q: CoverageDriftQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoverageDriftResponse> {
    void reply.header('cache-control', 'no-store');
    return this.drift.recent(user, q);
  }
}
