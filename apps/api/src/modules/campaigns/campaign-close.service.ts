import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CampaignAwards } from '@hocvuso/contracts';
import {
  campaignAchievementId,
  campaignPeriod,
  ConflictError,
  personAwardees,
  unitAwardees,
  unitAwardRecord,
} from '@hocvuso/domain';
import {
  appendAudit,
  campaignAwardsOf,
  campaignById,
  databaseNowMs,
  type CampaignRow,
  insertPersonAward,
  insertUnitAward,
  lockCampaign,
  markCampaignClosed,
  requestAchievement,
  achievementState,
} from '@hocvuso/db';
import { achievementJobId, type JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { AwardSignature } from './award-signature';
import { CampaignsService } from './campaigns.service';
import { LeagueTableService } from './league-table.service';

/**
 * Closing a campaign and its awards (docs/campaigns.md). The close runs in one transaction holding the campaign's
 * row lock: the first of any number of parallel closes scores the units and people, writes the awards and the
 * certificate requests of the people's Open Badges achievement, and marks the campaign closed; the others wait
 * for the lock, find it closed and answer the same awards.
 */
@Injectable()
export class CampaignCloseService {
  private readonly signature: AwardSignature;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(LeagueTableService) private readonly league: LeagueTableService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.signature = new AwardSignature(config.cookieSecret);
  }

  async close(user: AuthUser, id: string): Promise<{ awards: CampaignAwards; created: boolean }> {
    const campaign = await this.campaigns.managed(user, id);
    // Already closed: the same awards, without queueing for the row lock.
    if (campaign.closed_at) return { awards: await this.awardsOf(campaign), created: false };
    if ((await databaseNowMs(this.db)) < campaignPeriod(campaign.starts_on, campaign.ends_on).to)
      throw notEnded(campaign);
    const requests = await this.db.transaction(async (tx) => {
      const locked = await lockCampaign(tx, campaign.id);
      if (!locked || locked.closed_at) return undefined;
      // Read again under the lock: an edit that committed before it is what gets scored.
      const c = (await campaignById(tx, campaign.id))!;
      const s = await this.league.standings(tx, c);
      if (s.now < s.period.to) throw notEnded(c);
      for (const unit of unitAwardees(s.rows, c.top_units)) {
        const row = s.rows.find((r) => r.unitId === unit.unitId)!;
        const record = unitAwardRecord({
          campaignId: c.id,
          campaignName: c.name,
          startsOn: c.starts_on,
          endsOn: c.ends_on,
          unitId: unit.unitId,
          unitName: row.unitName,
          rank: unit.rank,
          points: unit.points,
        });
        const digest = this.signature.digest(record);
        await insertUnitAward(tx, {
          campaignId: c.id,
          unitId: unit.unitId,
          rank: unit.rank,
          points: unit.points,
          standing: { record, scores: unit.scores },
          digest,
          signature: this.signature.sign(digest),
        });
      }
      const written: string[] = [];
      for (const person of personAwardees(s.guidedByPerson, c.top_people)) {
        const achievement = campaignAchievementId(c.id);
        const requestId =
          (await requestAchievement(tx, person.userId, achievement)) ??
          (await achievementState(tx, person.userId, achievement))?.request_id ??
          null;
        await insertPersonAward(tx, {
          campaignId: c.id,
          userId: person.userId,
          rank: person.rank,
          points: person.count,
          certificateRequestId: requestId,
        });
        if (requestId) written.push(requestId);
      }
      await markCampaignClosed(tx, c.id, user.id);
      await appendAudit(tx, {
        actor: user.id,
        action: 'campaign.close',
        subjectType: 'campaign',
        subjectId: c.id,
        after: { units: unitAwardees(s.rows, c.top_units).map((u) => u.unitId), people: written.length },
      });
      return written;
    });
    this.league.forget(campaign.id);
    if (requests) await this.announce(requests);
    return { awards: await this.awardsOf(campaign), created: requests !== undefined };
  }

  /** The awards of a campaign the caller may read (empty until it is closed). */
  async awards(user: AuthUser, id: string): Promise<CampaignAwards> {
    return this.awardsOf(await this.campaigns.readable(user, id));
  }

  private async awardsOf(c: CampaignRow): Promise<CampaignAwards> {
    const rows = await campaignAwardsOf(this.db, c.id);
    const closedAt = (await this.campaigns.readableRowClosedAt(c.id)) ?? null;
    return {
      campaignId: c.id,
      closedAt: closedAt ? new Date(closedAt).toISOString() : null,
      units: rows
        .filter((r) => r.kind === 'unit')
        .map((r) => {
          const record = (r.standing as { record?: string }).record ?? '';
          return {
            unitId: r.unit_id!,
            unitName: r.unit_name ?? '',
            rank: r.rank,
            points: Number(r.points),
            digest: r.digest ?? '',
            signatureValid: this.signature.valid(record, r.digest ?? '', r.signature ?? ''),
          };
        }),
      people: rows
        .filter((r) => r.kind === 'person')
        .map((r) => ({
          displayName: r.display_name ?? '',
          rank: r.rank,
          guided: Number(r.points),
          certificateId: r.certificate_id,
        })),
    };
  }

  /** After commit: hand the requests to the worker (best effort; the certificate sweep covers a miss). */
  private async announce(requestIds: readonly string[]): Promise<void> {
    for (const requestId of requestIds)
      await this.jobs
        .enqueue('issue-certificate', { requestId }, { jobId: achievementJobId(requestId) })
        .catch((err: unknown) =>
          this.logger.warn({ err, requestId }, 'could not enqueue the campaign award; the sweep will'),
        );
  }
}

const notEnded = (c: CampaignRow) =>
  new ConflictError(
    'CAMPAIGN_NOT_ENDED',
    `The campaign runs until ${c.ends_on} (Vietnam time); it can be closed after that.`,
  );
