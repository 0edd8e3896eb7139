import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { HelperRegistrationsService } from './helper-registrations.service';
import { HelperSignInCodesService } from './helper-sign-in-codes.service';
import {
  type AssistedRegistration,
  assistedRegistrationSchema,
  type SignInCodeReissue,
  signInCodeReissueSchema,
  assistedRegistrationResponseSchema,
  reissuedSignInCodeSchema,
} from '@hocvuso/contracts';

@ApiTags('identity')
@Controller('helper')
export class HelperRegistrationsController {
  constructor(
    @Inject(HelperRegistrationsService) private readonly registrations: HelperRegistrationsService,
    @Inject(HelperSignInCodesService) private readonly codes: HelperSignInCodesService,
  ) {}

  /**
   * Registers a person in person (phone only), with the consents they gave on the spot, in a unit of the
   * helper's area (404 outside it). Answers the one-time sign-in code to hand over.
   */
  @Post('registrations')
  @ApiResponseFrom(assistedRegistrationResponseSchema, 201)
  @ApiBody({ schema: zodSchema(assistedRegistrationSchema) })
  register(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(assistedRegistrationSchema)) body: AssistedRegistration,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    return this.registrations.register(user, body);
  }

  /**
   * A new one-time sign-in code for a phone-only learner of the helper's area who lost theirs or forgot their
   * password (404 outside the area; 409 SIGN_IN_CODE_NOT_ALLOWED for accounts with an e-mail or another role,
   * or not registered on the person’s behalf in the caller’s area).
   */
  @Post('sign-in-codes')
  @ApiResponseFrom(reissuedSignInCodeSchema, 201)
  @ApiBody({ schema: zodSchema(signInCodeReissueSchema) })
  reissue(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(signInCodeReissueSchema)) body: SignInCodeReissue,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    return this.codes.reissue(user, body);
  }
}
