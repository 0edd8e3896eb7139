import { Body, Controller, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  campaignAwardsSchema,
  type CampaignInput,
  campaignInputSchema,
  campaignListSchema,
  campaignSchema,
  campaignTemplateQuerySchema,
  campaignTemplateSchema,
  campaignUnitListSchema,
  campaignUnitQuerySchema,
  leagueTableSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CampaignCloseService } from './campaign-close.service';
import { CampaignsService } from './campaigns.service';
import { LeagueTableService } from './league-table.service';

const MANAGERS = 'This needs a campaign manager.';

/**
 * Emulation campaigns (docs/campaigns.md). Every route needs a signed-in caller: managers (campaign.manage)
 * create, edit and close; readers of the area (campaign.read) and learners of a participating unit read a
 * campaign, its league table and its awards.
 */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(LeagueTableService) private readonly league: LeagueTableService,
    @Inject(CampaignCloseService) private readonly closing: CampaignCloseService,
  ) {}

  /** The campaigns the caller sees: of their area, or in which their own unit takes part. */
  @Get()
  @ApiResponseFrom(campaignListSchema)
  list(@CurrentUser() user: AuthUser) {
    return this.campaigns.list(user);
  }

  /** "Ngày hội học tập số toàn dân 10/10": the festival template, prefilled for a year. */
  @Get('templates/national-digital-learning-day')
  @RequireCapability('campaign.manage', MANAGERS)
  @ApiQueryFrom(campaignTemplateQuerySchema)
  @ApiResponseFrom(campaignTemplateSchema)
  template(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(campaignTemplateQuerySchema)) q: { year?: number },
  ) {
    return this.campaigns.template(user, q.year);
  }

  /** Units of the manager's area to pick from, by name. */
  @Get('units')
  @RequireCapability('campaign.manage', MANAGERS)
  @ApiQueryFrom(campaignUnitQuerySchema)
  @ApiResponseFrom(campaignUnitListSchema)
  units(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(campaignUnitQuerySchema)) q: { q: string },
  ) {
    return this.campaigns.unitChoices(user, q.q);
  }

  @Post()
  @RequireCapability('campaign.manage', MANAGERS)
  @ApiResponseFrom(campaignSchema, 201)
  @ApiBody({ schema: zodSchema(campaignInputSchema) })
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(campaignInputSchema)) body: CampaignInput,
  ) {
    return this.campaigns.create(user, body);
  }

  @Get(':id')
  @ApiResponseFrom(campaignSchema)
  one(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.campaigns.one(user, id);
  }

  @Put(':id')
  @RequireCapability('campaign.manage', MANAGERS)
  @ApiResponseFrom(campaignSchema)
  @ApiBody({ schema: zodSchema(campaignInputSchema) })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(campaignInputSchema)) body: CampaignInput,
  ) {
    return this.campaigns.update(user, id, body);
  }

  /** The live league table: units ranked by the campaign's rule, each indicator's value and points. */
  @Get(':id/league')
  @ApiResponseFrom(leagueTableSchema)
  async leagueTable(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const campaign = await this.campaigns.readable(user, id);
    void reply.header('Cache-Control', 'private, max-age=15');
    return this.league.table(campaign);
  }

  /** The awards of a closed campaign (empty lists before). */
  @Get(':id/awards')
  @ApiResponseFrom(campaignAwardsSchema)
  awards(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.closing.awards(user, id);
  }

  /** Closes an ended campaign and issues its awards, once: a repeated close answers the same awards (200). */
  @Post(':id/close')
  @RequireCapability('campaign.manage', MANAGERS)
  @ApiResponseFrom(campaignAwardsSchema, 201)
  async close(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { awards, created } = await this.closing.close(user, id);
    if (!created) void reply.status(200);
    return awards;
  }
}
