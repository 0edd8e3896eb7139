import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  adminLearnerSchema,
  createdIdSchema,
  type LearnerFilter,
  learnerFilterSchema,
  type LearnerListQuery,
  learnerListQuerySchema,
  learnerPageSchema,
  type RoleGrantInput,
  roleGrantSchema,
  roleGrantsResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import type { FastifyReply } from 'fastify';
import { streamCsv } from '../../common/http/csv';
import {
  ApiEmptyResponse,
  ApiMediaResponse,
  ApiQueryFrom,
  ApiResponseFrom,
  zodSchema,
} from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import type { LearnerRow } from '@hocvuso/db';
import { LearnersService } from './learners.service';

/** Admins' learners of their area and role grants (out of scope answers 404). */
@ApiTags('learners')
@Controller()
export class LearnersController {
  constructor(@Inject(LearnersService) private readonly learnersService: LearnersService) {}

  @Get('admin/learners')
  @ApiQueryFrom(learnerListQuerySchema)
  @ApiResponseFrom(learnerPageSchema)
  learners(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(learnerListQuerySchema)) q: LearnerListQuery,
  ) {
    return this.learnersService.learners(user, q);
  }

  /**
   * The same list (scope, filters, consent rule) as a streamed CSV download for spreadsheets: UTF-8 with a BOM,
   * cells a spreadsheet would run as formulas neutralised; the export is audited.
   */
  @Get('admin/learners.csv')
  @ApiQueryFrom(learnerFilterSchema)
  @ApiMediaResponse('text/csv')
  async learnersCsv(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(learnerFilterSchema)) q: LearnerFilter,
    @Res() reply: FastifyReply,
  ) {
    const batches = await this.learnersService.exportLearners(user, q);
    return streamCsv(reply, 'learners.csv', LEARNER_CSV_HEADER, csvRows(batches));
  }

  @Get('admin/learners/:id')
  @ApiResponseFrom(adminLearnerSchema)
  learner(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.learnersService.learner(user, id);
  }

  @Get('admin/learners/:id/role-grants')
  @ApiResponseFrom(roleGrantsResponseSchema)
  grants(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.learnersService.grants(user, id);
  }

  @Post('admin/role-grants')
  @ApiResponseFrom(createdIdSchema, 201)
  @ApiBody({ schema: zodSchema(roleGrantSchema) })
  grant(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(roleGrantSchema)) body: RoleGrantInput) {
    return this.learnersService.grant(user, body);
  }

  @Delete('admin/role-grants/:id')
  @HttpCode(204)
  @ApiEmptyResponse()
  async revoke(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.learnersService.revokeGrant(user, id);
  }
}

const LEARNER_CSV_HEADER = [
  'name',
  'email',
  'phone',
  'unit',
  'organisation',
  'target_groups',
  'sub_groups',
  'has_profile',
  'enrolments',
  'completed',
];

async function* csvRows(batches: AsyncIterable<LearnerRow[]>): AsyncIterable<unknown[][]> {
  for await (const rows of batches)
    yield rows.map((r) => [
      r.display_name,
      r.email,
      r.phone,
      r.unit_name,
      r.organisation_name,
      (r.target_groups ?? []).join(';'),
      (r.sub_groups ?? []).join(';'),
      r.has_profile,
      r.enrolments,
      r.completed,
    ]);
}
