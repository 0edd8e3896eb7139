import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiEmptyResponse, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { clearSessionCookie } from '../auth/session-cookie';
import {
  type AdminDeidentifyRequest,
  adminDeidentifySchema,
  type DeleteAccountRequest,
  deleteAccountSchema,
  dataExportSchema,
} from '@hocvuso/contracts';
import { PrivacyService } from './privacy.service';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(
    @Inject(PrivacyService) private readonly privacy: PrivacyService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Everything the platform holds about the caller, as one JSON download. Audited. */
  @Get('me/data-export')
  @ApiResponseFrom(dataExportSchema)
  async export(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = await this.privacy.export(user);
    void reply
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        `attachment; filename="hocvuso-data-${data.generatedAt.slice(0, 10)}.json"`,
      );
    return data;
  }

  /**
   * Deletes the caller's account by de-identifying it (statistics stay valid). Certificates stay valid with the
   * name they were issued to, unless `withdrawCertificates` revokes them first. Needs the password, or for an
   * account without one a sign-in within the last ten minutes. Signs out everywhere.
   */
  @Delete('me/account')
  @HttpCode(204)
  @ApiEmptyResponse()
  @ApiBody({ schema: zodSchema(deleteAccountSchema) })
  async deleteAccount(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(deleteAccountSchema)) body: DeleteAccountRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.privacy.deleteOwn(user, body.password, body.withdrawCertificates);
    clearSessionCookie(reply, this.config);
  }

  /** An administrator de-identifies a learner of their area (404 outside it), giving a reason for the audit log. */
  @Post('admin/learners/:id/deidentify')
  @HttpCode(204)
  @ApiEmptyResponse()
  @ApiBody({ schema: zodSchema(adminDeidentifySchema) })
  async deidentify(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(adminDeidentifySchema)) body: AdminDeidentifyRequest,
  ): Promise<void> {
    await this.privacy.deidentifyByAdmin(user, id, body.reason);
  }
}
