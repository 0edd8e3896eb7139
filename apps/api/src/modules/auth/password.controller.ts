import { Body, Controller, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  type PasswordResetAccepted,
  passwordResetAcceptedSchema,
  type PasswordResetCodeRequest,
  passwordResetCodeRequestSchema,
  type PasswordResetCodeResponse,
  passwordResetCodeResponseSchema,
  type PasswordResetConfirm,
  passwordResetConfirmSchema,
  type PasswordResetRequest,
  passwordResetRequestSchema,
  type SetPasswordRequest,
  setPasswordRequestSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiEmptyResponse, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { clearSessionCookie } from './session-cookie';

const ACCEPTED: PasswordResetAccepted = {
  accepted: true,
  message:
    'If an account matches, a reset link (to an e-mail address) or a six-digit code (by SMS, to a phone number) is on its way. A link works once within 30 minutes, a code within 10.',
};

@ApiTags('auth')
@Controller('auth')
export class PasswordController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(PasswordResetService) private readonly resets: PasswordResetService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Always 202 with the same body, whether or not the account exists (no account enumeration). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset')
  @HttpCode(202)
  @ApiResponseFrom(passwordResetAcceptedSchema, 202)
  @ApiBody({ schema: zodSchema(passwordResetRequestSchema) })
  async requestReset(
    @Body(new ZodValidationPipe(passwordResetRequestSchema)) body: PasswordResetRequest,
  ): Promise<PasswordResetAccepted> {
    await this.resets.request(body.identifier);
    return ACCEPTED;
  }

  /**
   * Exchanges the six-digit code sent by SMS for a reset token (then `password-reset/confirm`). An unknown number
   * and a wrong, used or expired code answer alike: 400 RESET_CODE_INVALID.
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset/code')
  @HttpCode(200)
  @ApiResponseFrom(passwordResetCodeResponseSchema)
  @ApiBody({ schema: zodSchema(passwordResetCodeRequestSchema) })
  exchangeResetCode(
    @Body(new ZodValidationPipe(passwordResetCodeRequestSchema)) body: PasswordResetCodeRequest,
  ): Promise<PasswordResetCodeResponse> {
    return this.resets.exchangeCode(body.phone, body.code);
  }

  /** Sets the new password with the e-mailed token (once; 400 RESET_TOKEN_INVALID when used or expired) and signs out everywhere. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiEmptyResponse()
  @ApiBody({ schema: zodSchema(passwordResetConfirmSchema) })
  async confirmReset(
    @Body(new ZodValidationPipe(passwordResetConfirmSchema)) body: PasswordResetConfirm,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.resets.confirm(body.token, body.password);
    clearSessionCookie(reply, this.config);
  }

  /** Sets a first password (after a one-time code or a provider sign-in) or changes it (`currentPassword` required). */
  @UseGuards(ThrottlerGuard)
  @Post('password')
  @HttpCode(204)
  @ApiEmptyResponse()
  @ApiBody({ schema: zodSchema(setPasswordRequestSchema) })
  async setPassword(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(setPasswordRequestSchema)) body: SetPasswordRequest,
  ): Promise<void> {
    await this.auth.setPassword(user, body);
  }
}
