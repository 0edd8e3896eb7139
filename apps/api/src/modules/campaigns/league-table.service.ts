import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { campaignRuleSchema, type LeagueTable } from '@hocvuso/contracts';
import {
  type CampaignRule,
  campaignPeriod,
  campaignPhase,
  guidedByAmbassador,
  type GuidedCompletion,
  peopleGuidedIn,
  rankUnits,
  type UnitFacts,
  type UnitStanding,
  vietnamDate,
} from '@hocvuso/domain';
import {
  campaignGuidedCompletions,
  campaignHelpGiven,
  type CampaignRow,
  campaignSessions,
  campaignTrainedCounts,
  databaseNowMs,
  populationsInForce,
  type Queryable,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';

/** How long a league table is served from memory before it is computed again. */
const CACHE_MS = 15_000;

export interface Standings {
  now: number;
  period: { from: number; to: number };
  rule: CampaignRule;
  rows: Array<UnitStanding & { unitName: string; population: number | null }>;
  /** Per ambassador, the people of the participating units they guided in the period (the individual awards). */
  guidedByPerson: Array<{ userId: string; count: number }>;
}

/**
 * The live league table of a campaign (docs/campaigns.md): one query per indicator over every participating
 * unit's subtree, scored by the pure rule (rankUnits), cached briefly in this replica.
 */
@Injectable()
export class LeagueTableService {
  private readonly cache = new Map<string, { at: number; table: LeagueTable }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async table(c: CampaignRow): Promise<LeagueTable> {
    const hit = this.cache.get(c.id);
    if (hit && Date.now() - hit.at < CACHE_MS && c.closed_at === null) return hit.table;
    const s = await this.standings(this.db, c);
    const table: LeagueTable = {
      campaignId: c.id,
      phase: campaignPhase(s.period, s.now, c.closed_at !== null),
      computedAt: new Date(s.now).toISOString(),
      rows: s.rows.map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        rank: r.rank,
        points: r.points,
        noPopulation: r.noPopulation,
        population: r.population,
        scores: r.scores,
      })),
    };
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(c.id, { at: Date.now(), table });
    return table;
  }

  /** Forgets a campaign's table (after an edit or the close). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** Scores every unit of the campaign from the database as of now (or the period's end once it is over). */
  async standings(db: Queryable, c: CampaignRow): Promise<Standings> {
    const rule = campaignRuleSchema.parse(c.rule) as CampaignRule;
    const now = await databaseNowMs(db);
    const period = campaignPeriod(c.starts_on, c.ends_on);
    const until = Math.min(now, period.to);
    const from = new Date(period.from).toISOString();
    const to = new Date(until).toISOString();
    const [trained, populations, sessions, guided, help] = [
      await campaignTrainedCounts(db, c.id, { targetGroup: rule.targetGroup, from, to }),
      await populationsInForce(db, {
        places: c.units.map((u) => ({ kind: 'unit' as const, id: u.id })),
        asOf: vietnamDate(new Date(Math.max(period.from, until - 1))),
        sumChildren: true,
      }),
      await campaignSessions(db, c.id, { from, to: new Date(period.to).toISOString() }),
      await campaignGuidedCompletions(db, c.id, { from, to }),
      await campaignHelpGiven(db, c.id, { startsOn: c.starts_on, endsOn: c.ends_on }),
    ];
    const guidedRows: GuidedCompletion[] = guided.map((g) => ({
      ambassadorId: g.ambassador_id,
      menteeId: g.mentee_id,
      menteeUnitPath: g.mentee_unit_path,
      acceptedAt: new Date(g.accepted_at).getTime(),
      endedAt: g.ended_at ? new Date(g.ended_at).getTime() : null,
      completedAt: new Date(g.completed_at).getTime(),
    }));
    const facts: UnitFacts[] = c.units.map((u) => {
      const t = trained.find((x) => x.unit_id === u.id);
      const pop = populations.find(
        (p) => p.place_id === u.id && p.target_group === rule.targetGroup && p.sub_group === '',
      );
      return {
        unitId: u.id,
        population: pop ? pop.value : null,
        trainedBefore: t?.before ?? 0,
        trainedByEnd: t?.by_end ?? 0,
        sessions: sessions
          .filter((s) => s.unit_id === u.id)
          .map((s) => ({
            id: s.id,
            startsAt: new Date(s.starts_at).getTime(),
            endsAt: new Date(s.ends_at).getTime(),
            createdAt: new Date(s.created_at).getTime(),
            cancelled: s.cancelled,
            attendees: s.attendees,
          })),
        peopleGuided: peopleGuidedIn(guidedRows, u.path, period),
        helpGiven: help.find((h) => h.unit_id === u.id)?.people ?? 0,
      };
    });
    const nameOf = new Map(c.units.map((u) => [u.id, u.name]));
    const ranked = rankUnits(
      rule,
      facts,
      period,
      now,
      (a, b) => (nameOf.get(a) ?? a).localeCompare(nameOf.get(b) ?? b, 'vi') || (a < b ? -1 : 1),
    );
    return {
      now,
      period,
      rule,
      rows: ranked.map((r) => ({
        ...r,
        unitName: nameOf.get(r.unitId) ?? '',
        population: facts.find((f) => f.unitId === r.unitId)!.population,
      })),
      guidedByPerson: guidedByAmbassador(
        guidedRows,
        c.units.map((u) => u.path),
        period,
      ),
    };
  }
}
