import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { emptyBodySchema, rosterInvitationSchema, rosterInvitationsResponseSchema } from '@hocvuso/contracts';
import { ApiResponseFrom } from '../../common/http/openapi';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { InvitationsService } from './invitations.service';

@ApiTags('rosters')
@Controller('me/invitations')
export class InvitationsController {
  constructor(@Inject(InvitationsService) private readonly invitations: InvitationsService) {}

  /** The caller's roster invitations, pending first. */
  @Get()
  @ApiResponseFrom(rosterInvitationsResponseSchema)
  mine(@CurrentUser() user: AuthUser) {
    return this.invitations.mine(user);
  }

  /** Accepts: the caller is placed where the invitation says and enrolled in its courses. */
  @Post(':id/accept')
  @HttpCode(200)
  @ApiResponseFrom(rosterInvitationSchema)
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ) {
    return this.invitations.answer(user, id, true);
  }

  /** Declines: nothing about the caller changes. */
  @Post(':id/decline')
  @HttpCode(200)
  @ApiResponseFrom(rosterInvitationSchema)
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ) {
    return this.invitations.answer(user, id, false);
  }
}
