import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  ambassadorGrantSchema,
  ambassadorPageSchema,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  emptyBodySchema,
  menteesResponseSchema,
  mentorInvitationSchema,
  type NameAmbassadorInput,
  nameAmbassadorSchema,
  nominationSchema,
  nominationsResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { AmbassadorStandingService } from './ambassador-standing.service';
import { MentorshipsService } from './mentorships.service';

const AMBASSADORS_ONLY = 'This needs a digital ambassador.';
const APPROVERS_ONLY = 'This needs an administrator of the area.';

@ApiTags('ambassadors')
@Controller()
export class AmbassadorController {
  constructor(
    @Inject(AmbassadorStandingService) private readonly standing: AmbassadorStandingService,
    @Inject(MentorshipsService) private readonly mentorships: MentorshipsService,
  ) {}

  /** The caller's standing, the required courses, people guided toward the goal, and the badge. */
  @Get('me/ambassador')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(ambassadorPageSchema)
  page(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) q: CourseDetailQuery,
  ) {
    return this.standing.page(user, q.lang);
  }

  /** Self-nomination, approved by an administrator of the caller's area. */
  @Post('ambassador/nominations')
  @ApiResponseFrom(nominationSchema, 201)
  nominate(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown) {
    return this.standing.nominate(user);
  }

  /** A new invitation link (and its token, for the QR code). */
  @Post('ambassador/invitations')
  @RequireCapability('ambassador.invite', AMBASSADORS_ONLY)
  @ApiResponseFrom(mentorInvitationSchema, 201)
  invite(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown) {
    return this.mentorships.invite(user);
  }

  /** The mentees who accepted and have not ended it, with their progress summary. */
  @Get('ambassador/mentees')
  @RequireCapability('ambassador.invite', AMBASSADORS_ONLY)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(menteesResponseSchema)
  mentees(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) q: CourseDetailQuery,
  ) {
    return this.mentorships.mentees(user, q.lang);
  }

  /** Pending nominations of the caller's area. */
  @Get('admin/ambassador-nominations')
  @RequireCapability('ambassador.approve', APPROVERS_ONLY)
  @ApiResponseFrom(nominationsResponseSchema)
  nominations(@CurrentUser() user: AuthUser) {
    return this.standing.nominations(user);
  }

  @Post('admin/ambassador-nominations/:id/approve')
  @HttpCode(200)
  @RequireCapability('ambassador.approve', APPROVERS_ONLY)
  @ApiResponseFrom(nominationSchema)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ) {
    return this.standing.decide(user, id, true);
  }

  @Post('admin/ambassador-nominations/:id/decline')
  @HttpCode(200)
  @RequireCapability('ambassador.approve', APPROVERS_ONLY)
  @ApiResponseFrom(nominationSchema)
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ) {
    return this.standing.decide(user, id, false);
  }

  /** An administrator names an eligible learner of the area ambassador. */
  @Post('admin/ambassadors')
  @RequireCapability('ambassador.approve', APPROVERS_ONLY)
  @ApiBody({ schema: zodSchema(nameAmbassadorSchema) })
  @ApiResponseFrom(ambassadorGrantSchema, 201)
  name(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(nameAmbassadorSchema)) body: NameAmbassadorInput,
  ) {
    return this.standing.name(user, body.userId);
  }
}
