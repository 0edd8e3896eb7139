import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  emptyBodySchema,
  mentorInvitationPreviewSchema,
  type MentorInvitationToken,
  mentorInvitationTokenSchema,
  mentorshipSchema,
  mentorshipsResponseSchema,
} from '@hocvuso/contracts';
import { z } from 'zod';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { MentorshipsService } from './mentorships.service';

/** The invited person's side: read an invitation, accept it, see and end their mentorships. */
@ApiTags('ambassadors')
@Controller()
export class MentorInvitationsController {
  constructor(@Inject(MentorshipsService) private readonly mentorships: MentorshipsService) {}

  /** Who invites the caller (the token is posted, not put in an address). Nothing is recorded. */
  @Post('mentor-invitations/preview')
  @HttpCode(200)
  @ApiBody({ schema: zodSchema(mentorInvitationTokenSchema) })
  @ApiResponseFrom(mentorInvitationPreviewSchema)
  preview(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(mentorInvitationTokenSchema)) body: MentorInvitationToken,
  ) {
    return this.mentorships.preview(user, body.token);
  }

  /** The caller accepts: the ambassador may now see their progress summary, until they end it. */
  @Post('mentor-invitations/accept')
  @ApiBody({ schema: zodSchema(mentorInvitationTokenSchema) })
  @ApiResponseFrom(mentorshipSchema, 201)
  accept(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(mentorInvitationTokenSchema)) body: MentorInvitationToken,
  ) {
    return this.mentorships.accept(user, body.token);
  }

  @Get('me/mentorships')
  @ApiResponseFrom(mentorshipsResponseSchema)
  mine(@CurrentUser() user: AuthUser) {
    return this.mentorships.mine(user);
  }

  /** The mentee ends a mentorship. */
  @Post('me/mentorships/:id/end')
  @HttpCode(200)
  @ApiResponseFrom(z.object({ endedAt: z.string() }))
  end(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ) {
    return this.mentorships.end(user, id);
  }
}
