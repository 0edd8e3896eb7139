import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type ConsentInput,
  consentSchema,
  type ProfileUpdate,
  profilePromptSchema,
  profileResponseSchema,
  profileUpdateSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { ProfileService } from './profile.service';

/** The caller's own profile and consents. */
@ApiTags('profile')
@Controller()
export class ProfileController {
  constructor(@Inject(ProfileService) private readonly profiles: ProfileService) {}

  @Get('me/profile')
  @ApiResponseFrom(profileResponseSchema)
  profile(@CurrentUser() user: AuthUser) {
    return this.profiles.profile(user.id);
  }

  @Put('me/profile')
  @ApiResponseFrom(profileResponseSchema)
  @ApiBody({ schema: zodSchema(profileUpdateSchema) })
  updateProfile(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(profileUpdateSchema)) body: ProfileUpdate,
  ) {
    return this.profiles.updateProfile(user.id, body);
  }

  /** Whether to ask the caller for their target group and place (docs/learners.md, "asked again later"). */
  @Get('me/profile-prompt')
  @ApiResponseFrom(profilePromptSchema)
  profilePrompt(@CurrentUser() user: AuthUser) {
    return this.profiles.profilePrompt(user.id);
  }

  /** Not now: the prompt stays away for some days (remembered on the account). */
  @Post('me/profile-prompt/dismiss')
  @HttpCode(200)
  @ApiResponseFrom(profilePromptSchema)
  dismissProfilePrompt(@CurrentUser() user: AuthUser) {
    return this.profiles.dismissProfilePrompt(user.id);
  }

  @Post('me/consents')
  @HttpCode(200)
  @ApiResponseFrom(profileResponseSchema)
  @ApiBody({ schema: zodSchema(consentSchema) })
  consent(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(consentSchema)) body: ConsentInput) {
    return this.profiles.recordConsent(user.id, body);
  }
}
