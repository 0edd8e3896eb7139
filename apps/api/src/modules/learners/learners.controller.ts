import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  adminLearnerSchema,
  createdIdSchema,
  type LearnerListQuery,
  learnerListQuerySchema,
  learnerPageSchema,
  type RoleGrantInput,
  roleGrantSchema,
  roleGrantsResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiEmptyResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
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
