import { countSessionsHeld, type SessionForCounting } from '../community/sessions-held';
import type { CampaignIndicator, CampaignRule } from './indicators';

/**
 * Scoring an emulation campaign (docs/campaigns.md): each participating unit's raw value per indicator, its
 * points (the value, capped, times the weight) and its rank. Pure: the api loads the facts with one query per
 * indicator and calls this; the league table, the close and the tests all score through it.
 */

/** A campaign's period as instants: [from, to) is the Vietnam days startsOn..endsOn. */
export interface CampaignPeriod {
  from: number;
  to: number;
}

/** What the database knows about one participating unit (every figure below the unit, its whole subtree). */
export interface UnitFacts {
  unitId: string;
  /** The official population of the rule's target group in force at the end of the period; null when none. */
  population: number | null;
  /** People with the `trained` fact before the period started. */
  trainedBefore: number;
  /** People with the `trained` fact before the end of the period (or now, while it runs). */
  trainedByEnd: number;
  /** The unit's community sessions (any time; the scorer keeps those that started in the period). */
  sessions: SessionForCounting[];
  /** People of the unit guided to completion during the period (distinct). */
  peopleGuided: number;
  /** People helped with a public service during the period. */
  helpGiven: number;
}

export interface IndicatorScore {
  indicator: CampaignIndicator;
  /** The raw value: a percent for the trained indicators (null without a population), else a count. */
  value: number | null;
  /** min(value, cap) × weight, rounded to 2 decimals; 0 when the value is null. */
  points: number;
  /** Whether the cap cut the value. */
  capped: boolean;
}

export interface UnitStanding {
  unitId: string;
  /** 1 for the best; units with equal points share a rank and the next rank is skipped (1, 1, 3). */
  rank: number;
  points: number;
  scores: IndicatorScore[];
  /** The trained indicators had no population to divide by (they score 0, never a division by zero). */
  noPopulation: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A share in percent with 2 decimals, or null without a population (0 people is no population either). */
export function percentOf(count: number, population: number | null): number | null {
  if (population === null || population <= 0) return null;
  return round2((count / population) * 100);
}

/** The raw value of one indicator for one unit at `asOf` (sessions count only once ended, by `asOf`). */
export function indicatorValue(
  indicator: CampaignIndicator,
  facts: UnitFacts,
  period: CampaignPeriod,
  rule: Pick<CampaignRule, 'minAttendees'>,
  asOf: number,
): number | null {
  switch (indicator) {
    case 'trained_share':
      return percentOf(facts.trainedByEnd, facts.population);
    case 'trained_growth':
      return percentOf(Math.max(0, facts.trainedByEnd - facts.trainedBefore), facts.population);
    case 'sessions_held': {
      // Only sessions that started inside the period; a session is held by the end of the period at the latest.
      const inPeriod = facts.sessions.filter((s) => s.startsAt >= period.from && s.startsAt < period.to);
      return countSessionsHeld(inPeriod, Math.min(asOf, period.to), rule.minAttendees).held;
    }
    case 'people_guided':
      return facts.peopleGuided;
    case 'help_given':
      return facts.helpGiven;
  }
}

/** Scores one unit under the rule. */
export function scoreUnit(
  rule: CampaignRule,
  facts: UnitFacts,
  period: CampaignPeriod,
  asOf: number,
): Omit<UnitStanding, 'rank'> {
  const scores = rule.terms.map((term): IndicatorScore => {
    const value = indicatorValue(term.indicator, facts, period, rule, asOf);
    if (value === null) return { indicator: term.indicator, value, points: 0, capped: false };
    const capped = term.cap !== null && value > term.cap;
    const counted = capped ? term.cap! : value;
    return { indicator: term.indicator, value, points: round2(counted * term.weight), capped };
  });
  const usesPopulation = rule.terms.some(
    (t) => t.indicator === 'trained_share' || t.indicator === 'trained_growth',
  );
  return {
    unitId: facts.unitId,
    points: round2(scores.reduce((sum, s) => sum + s.points, 0)),
    scores,
    noPopulation: usesPopulation && percentOf(0, facts.population) === null,
  };
}

/**
 * The league table: every unit scored and ranked by points, best first. Equal points share a rank (standard
 * competition ranking); within a tie the order is `tieOrder` (the unit's name, so the table reads the same on
 * every load). A unit with no data at all scores 0 and is still listed.
 */
export function rankUnits(
  rule: CampaignRule,
  units: readonly UnitFacts[],
  period: CampaignPeriod,
  asOf: number,
  tieOrder: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
): UnitStanding[] {
  const scored = units
    .map((u) => scoreUnit(rule, u, period, asOf))
    .sort((a, b) => b.points - a.points || tieOrder(a.unitId, b.unitId));
  let rank = 0;
  return scored.map((s, i) => {
    if (i === 0 || s.points !== scored[i - 1]!.points) rank = i + 1;
    return { ...s, rank };
  });
}

/** The units that earn the unit award: ranks 1..topN with points above 0 (a tie at the edge takes all tied). */
export function unitAwardees(standings: readonly UnitStanding[], topN: number): UnitStanding[] {
  return standings.filter((s) => s.rank <= topN && s.points > 0);
}

/** A person's count under the person-level rule (people they guided to completion in the period). */
export interface PersonCount {
  userId: string;
  count: number;
}

/**
 * The people who earn the individual award: ranked by their count, best first, ranks 1..topN, at least one
 * person guided; equal counts share a rank (so a tie at the edge takes everyone tied), ties listed by id.
 */
export function personAwardees(
  people: readonly PersonCount[],
  topN: number,
): Array<PersonCount & { rank: number }> {
  const sorted = people
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  let rank = 0;
  return sorted
    .map((p, i) => {
      if (i === 0 || p.count !== sorted[i - 1]!.count) rank = i + 1;
      return { ...p, rank };
    })
    .filter((p) => p.rank <= topN);
}
