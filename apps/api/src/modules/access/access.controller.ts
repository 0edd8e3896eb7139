import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiEmptyResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import {
  type ConsentInput,
  consentSchema,
  type LearnerListQuery,
  learnerListQuerySchema,
  type ProfileUpdate,
  profileUpdateSchema,
  type RoleGrantInput,
  roleGrantSchema,
  adminLearnerSchema,
  createdIdSchema,
  learnerPageSchema,
  profileResponseSchema,
  roleGrantsResponseSchema,
} from '@hocvuso/contracts';
import { AccessService } from './access.service';

@ApiTags('access')
@Controller()
export class AccessController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  @Get('me/profile')
  @ApiResponseFrom(profileResponseSchema)
  profile(@CurrentUser() user: AuthUser) {
    return this.access.profile(user.id);
  }

  @Put('me/profile')
  @ApiResponseFrom(profileResponseSchema)
  @ApiBody({ schema: zodSchema(profileUpdateSchema) })
  updateProfile(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(profileUpdateSchema)) body: ProfileUpdate,
  ) {
    return this.access.updateProfile(user.id, body);
  }

  @Post('me/consents')
  @HttpCode(200)
  @ApiResponseFrom(profileResponseSchema)
  @ApiBody({ schema: zodSchema(consentSchema) })
  consent(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(consentSchema)) body: ConsentInput) {
    return this.access.recordConsent(user.id, body);
  }

  @Get('admin/learners')
  @ApiQueryFrom(learnerListQuerySchema)
  @ApiResponseFrom(learnerPageSchema)
  learners(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(learnerListQuerySchema)) q: LearnerListQuery,
  ) {
    return this.access.learners(user, q);
  }

  @Get('admin/learners/:id')
  @ApiResponseFrom(adminLearnerSchema)
  learner(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.access.learner(user, id);
  }

  @Get('admin/learners/:id/role-grants')
  @ApiResponseFrom(roleGrantsResponseSchema)
  grants(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.access.grants(user, id);
  }

  @Post('admin/role-grants')
  @ApiResponseFrom(createdIdSchema, 201)
  @ApiBody({ schema: zodSchema(roleGrantSchema) })
  grant(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(roleGrantSchema)) body: RoleGrantInput) {
    return this.access.grant(user, body);
  }

  @Delete('admin/role-grants/:id')
  @HttpCode(204)
  @ApiEmptyResponse()
  async revoke(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.access.revokeGrant(user, id);
  }
}
