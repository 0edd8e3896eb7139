import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type DigitalIdentityInput,
  digitalIdentityInputSchema,
  digitalIdentitySchema,
  type HelperDigitalIdentityInput,
  helperDigitalIdentityInputSchema,
  type InPersonLearningInput,
  inPersonLearningInputSchema,
  inPersonLearningSchema,
  type UniversalisationExportQuery,
  universalisationExportQuerySchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { DeclarationsService } from './declarations.service';
import { UniversalisationExportService } from './universalisation-export.service';

/**
 * Declarations (VNeID level 2, bank account), in-person learning confirmed by helpers, and the signed export of
 * universalisation confirmations (docs/universalisation-exchange.md).
 */
@ApiTags('universalisation')
@Controller()
export class UniversalisationController {
  constructor(
    @Inject(DeclarationsService) private readonly declarations: DeclarationsService,
    @Inject(UniversalisationExportService) private readonly exports: UniversalisationExportService,
  ) {}

  @Get('me/digital-identity')
  @ApiResponseFrom(digitalIdentitySchema)
  mine(@CurrentUser() user: AuthUser) {
    return this.declarations.mine(user.id);
  }

  @Put('me/digital-identity')
  @ApiResponseFrom(digitalIdentitySchema)
  @ApiBody({ schema: zodSchema(digitalIdentityInputSchema) })
  declare(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(digitalIdentityInputSchema)) body: DigitalIdentityInput,
  ) {
    return this.declarations.declare(user.id, body);
  }

  /** What a learner of the helper's area declared or had confirmed, before the helper confirms face to face. */
  @Get('admin/learners/:id/digital-identity')
  @RequireCapability('identity.confirm', 'This needs a helper or administrator role.')
  @ApiResponseFrom(digitalIdentitySchema)
  ofLearner(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.declarations.ofLearner(user, id);
  }

  @Post('admin/learners/:id/digital-identity')
  @HttpCode(200)
  @RequireCapability('identity.confirm', 'This needs a helper or administrator role.')
  @ApiResponseFrom(digitalIdentitySchema)
  @ApiBody({ schema: zodSchema(helperDigitalIdentityInputSchema) })
  confirm(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(helperDigitalIdentityInputSchema)) body: HelperDigitalIdentityInput,
  ) {
    return this.declarations.confirm(user, id, body);
  }

  @Post('admin/in-person-learning')
  @RequireCapability('identity.confirm', 'This needs a helper or administrator role.')
  @ApiResponseFrom(inPersonLearningSchema, 201)
  @ApiBody({ schema: zodSchema(inPersonLearningInputSchema) })
  async inPerson(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(inPersonLearningInputSchema)) body: InPersonLearningInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const record = await this.declarations.recordInPerson(user, body);
    if (!record.created) void reply.status(200);
    return record;
  }

  /** The signed batch (compact JWS, application/jose) of the confirmations of a period in the caller's area. */
  @Get('admin/universalisation/export')
  @RequireCapability('universalisation.export', 'This needs a province or system administrator.')
  @ApiQueryFrom(universalisationExportQuerySchema)
  @ApiMediaResponse('application/jose')
  async export(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(universalisationExportQuerySchema)) q: UniversalisationExportQuery,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.exports.export(user, q);
    await reply
      .status(200)
      .header('Content-Type', file.mediaType)
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Record-Count', String(file.count))
      .send(file.body);
  }
}
