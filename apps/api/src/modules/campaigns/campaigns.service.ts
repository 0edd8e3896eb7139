import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Campaign,
  CampaignInput,
  CampaignList,
  CampaignTemplateView,
  CampaignUnitList,
} from '@hocvuso/contracts';
import {
  campaignPeriod,
  campaignPhase,
  commonUnitPath,
  ConflictError,
  festivalTemplate,
  festivalYear,
  foldForSearch,
  holds,
  isUuid,
  reaches,
  scopeFor,
  ValidationError,
  vietnamDate,
} from '@hocvuso/domain';
import {
  appendAudit,
  campaignById,
  type CampaignRow,
  campaignUnitChoices,
  currentUnitsByIds,
  databaseNowMs,
  insertCampaign,
  placeTakesPart,
  profileUnitPath,
  setCampaignUnits,
  updateCampaign,
  visibleCampaigns,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability } from '../../common/guards/require-capability';
import { LeagueTableService } from './league-table.service';

const MANAGERS = 'This needs a campaign manager.';

/**
 * Emulation campaigns (docs/campaigns.md): managers create and edit them with units of their area only; readers of
 * the area and learners of a participating unit see them. Out of reach answers 404 `CAMPAIGN_NOT_FOUND`.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LeagueTableService) private readonly league: LeagueTableService,
  ) {}

  /** The 10 October festival template of a year (default: the coming festival on the Vietnam clock). */
  async template(user: AuthUser, year: number | undefined): Promise<CampaignTemplateView> {
    requireCapability(user, 'campaign.manage', MANAGERS);
    const today = vietnamDate(new Date(await databaseNowMs(this.db)));
    return festivalTemplate(year ?? festivalYear(today));
  }

  /** Units the manager may include, by name (their area only). */
  async unitChoices(user: AuthUser, q: string): Promise<CampaignUnitList> {
    requireCapability(user, 'campaign.manage', MANAGERS);
    const scope = scopeFor(user.grants, 'campaign.manage');
    const rows = await campaignUnitChoices(this.db, scope, 2000);
    const needle = foldForSearch(q);
    return {
      items: rows
        .filter((r) => needle === '' || foldForSearch(r.name).includes(needle))
        .slice(0, 50)
        .map((r) => ({ id: r.id, name: r.name, level: r.level, path: r.path })),
    };
  }

  async create(user: AuthUser, input: CampaignInput): Promise<Campaign> {
    requireCapability(user, 'campaign.manage', MANAGERS);
    const units = await this.unitsInReach(user, input.unitIds);
    const scopePath = this.areaOf(user, units);
    const id = await this.db.transaction(async (tx) => {
      const created = await insertCampaign(tx, this.values(input, scopePath), user.id);
      await setCampaignUnits(tx, created, units);
      await appendAudit(tx, {
        actor: user.id,
        action: 'campaign.create',
        subjectType: 'campaign',
        subjectId: created,
        after: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, unitIds: input.unitIds },
      });
      return created;
    });
    return this.view(user, (await campaignById(this.db, id))!);
  }

  async update(user: AuthUser, id: string, input: CampaignInput): Promise<Campaign> {
    const current = await this.managed(user, id);
    if (current.closed_at) throw closed();
    const units = await this.unitsInReach(user, input.unitIds);
    const scopePath = this.areaOf(user, units);
    await this.db.transaction(async (tx) => {
      if ((await updateCampaign(tx, id, this.values(input, scopePath))) === 0) throw closed();
      await setCampaignUnits(tx, id, units);
      await appendAudit(tx, {
        actor: user.id,
        action: 'campaign.update',
        subjectType: 'campaign',
        subjectId: id,
        after: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, unitIds: input.unitIds },
      });
    });
    this.league.forget(id);
    return this.view(user, (await campaignById(this.db, id))!);
  }

  async list(user: AuthUser): Promise<CampaignList> {
    const scope = scopeFor(user.grants, 'campaign.read');
    const rows = await visibleCampaigns(
      this.db,
      {
        global: scope.global,
        unitPaths: scope.unitPaths,
        learnerUnitPath: await profileUnitPath(this.db, user.id),
      },
      100,
    );
    const now = await databaseNowMs(this.db);
    return { items: rows.map((r) => this.viewAt(user, r, now)) };
  }

  async one(user: AuthUser, id: string): Promise<Campaign> {
    return this.view(user, await this.readable(user, id));
  }

  /** A campaign the caller may read (campaign.read over its area, or their place takes part), else 404. */
  async readable(user: AuthUser, id: string): Promise<CampaignRow> {
    const row = isUuid(id) ? await campaignById(this.db, id) : undefined;
    if (!row) throw notFound('campaign');
    if (reaches(user.grants, 'campaign.read', { unitPath: row.scope_path, organisationId: null })) return row;
    const place = await profileUnitPath(this.db, user.id);
    if (place && (await placeTakesPart(this.db, row.id, place))) return row;
    throw notFound('campaign');
  }

  /** A campaign the caller manages (campaign.manage over its area): 403 without the capability, else 404. */
  async managed(user: AuthUser, id: string): Promise<CampaignRow> {
    requireCapability(user, 'campaign.manage', MANAGERS);
    const row = isUuid(id) ? await campaignById(this.db, id) : undefined;
    if (!row || !reaches(user.grants, 'campaign.manage', { unitPath: row.scope_path, organisationId: null }))
      throw notFound('campaign');
    return row;
  }

  /** When a campaign was closed, read fresh (after a close that another request made). */
  async readableRowClosedAt(id: string): Promise<Date | null | undefined> {
    return (await campaignById(this.db, id))?.closed_at;
  }

  async view(user: AuthUser, row: CampaignRow): Promise<Campaign> {
    return this.viewAt(user, row, await databaseNowMs(this.db));
  }

  private viewAt(user: AuthUser, row: CampaignRow, now: number): Campaign {
    const rule = row.rule as Campaign['rule'];
    return {
      id: row.id,
      name: row.name,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      phase: campaignPhase(campaignPeriod(row.starts_on, row.ends_on), now, row.closed_at !== null),
      units: row.units.map((u) => ({ id: u.id, name: u.name, level: u.level })),
      topUnits: row.top_units,
      topPeople: row.top_people,
      rule,
      template: row.template,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      canManage:
        holds(user.grants, 'campaign.manage') &&
        reaches(user.grants, 'campaign.manage', { unitPath: row.scope_path, organisationId: null }),
    };
  }

  /** Every unit must exist today and lie in the manager's area; otherwise 404 UNIT_NOT_FOUND (nothing leaks). */
  private async unitsInReach(
    user: AuthUser,
    ids: readonly string[],
  ): Promise<Array<{ id: string; path: string }>> {
    const rows = await currentUnitsByIds(this.db, ids);
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row || !reaches(user.grants, 'campaign.manage', { unitPath: row.path, organisationId: null }))
        throw notFound('unit');
    }
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id)!;
      return { id: row.id, path: row.path };
    });
  }

  /** The campaign's area: the deepest unit above all its units, which the manager must reach as a whole. */
  private areaOf(user: AuthUser, units: ReadonlyArray<{ path: string }>): string {
    const scopePath = commonUnitPath(units.map((u) => u.path));
    if (!reaches(user.grants, 'campaign.manage', { unitPath: scopePath, organisationId: null }))
      throw new ValidationError(
        'CAMPAIGN_UNITS_ACROSS_AREAS',
        'The units of a campaign must lie inside one area you manage.',
        { path: ['unitIds'] },
      );
    return scopePath;
  }

  private values(input: CampaignInput, scopePath: string) {
    return {
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      rule: input.rule,
      topUnits: input.topUnits,
      topPeople: input.topPeople,
      scopePath,
      template: input.template,
    };
  }
}

const closed = () =>
  new ConflictError('CAMPAIGN_CLOSED', 'This campaign is closed; it can no longer change.');
