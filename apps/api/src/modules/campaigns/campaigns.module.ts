import { Module } from '@nestjs/common';
import { CampaignCloseService } from './campaign-close.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { LeagueTableService } from './league-table.service';

/**
 * Emulation campaigns (docs/campaigns.md): campaigns with a scoring rule as data, the live league table, the
 * 10 October template, and the close with its awards (people's Open Badges through the certificate pipeline,
 * units' signed records).
 */
@Module({
  controllers: [CampaignsController],
  providers: [CampaignsService, LeagueTableService, CampaignCloseService],
})
export class CampaignsModule {}
