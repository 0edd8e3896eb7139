import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  emptyBodySchema,
  type MeResponse,
  meResponseSchema,
  type PhoneCodeSent,
  phoneCodeSentSchema,
  type PhoneVerificationConfirm,
  phoneVerificationConfirmSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { PhoneVerificationService } from './phone-verification.service';

/** Confirming a phone sign-up's number with the code sent to it by SMS (docs/sms.md). */
@ApiTags('auth')
@Controller('auth/phone-verification')
export class PhoneVerificationController {
  constructor(@Inject(PhoneVerificationService) private readonly phones: PhoneVerificationService) {}

  /**
   * Sends a new code (the earlier ones stop working). 429 SMS_RESEND_TOO_SOON within a minute of the last,
   * 429 SMS_DAILY_LIMIT over a daily cap (both with `retryAfterSeconds`), 409 PHONE_ALREADY_VERIFIED.
   */
  @UseGuards(ThrottlerGuard)
  @Post()
  @HttpCode(202)
  @ApiResponseFrom(phoneCodeSentSchema, 202)
  @ApiBody({ schema: zodSchema(emptyBodySchema) })
  resend(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ): Promise<PhoneCodeSent> {
    return this.phones.resend(user);
  }

  /** Confirms the number: the account, now `phoneVerified`. 400 PHONE_CODE_INVALID for a wrong, used or expired code. */
  @UseGuards(ThrottlerGuard)
  @Post('confirm')
  @HttpCode(200)
  @ApiResponseFrom(meResponseSchema)
  @ApiBody({ schema: zodSchema(phoneVerificationConfirmSchema) })
  confirm(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(phoneVerificationConfirmSchema)) body: PhoneVerificationConfirm,
  ): Promise<MeResponse> {
    return this.phones.confirm(user, body.code);
  }
}
