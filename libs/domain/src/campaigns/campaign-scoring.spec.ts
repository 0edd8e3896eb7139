import type { SessionForCounting } from '../community/sessions-held';
import type { CampaignRule } from './indicators';
import { campaignPeriod } from './period';
import { percentOf, personAwardees, rankUnits, scoreUnit, type UnitFacts, unitAwardees } from './scoring';

const period = campaignPeriod('2026-09-10', '2026-10-31');
const H = 3_600_000;
const after = period.to + 24 * H;

const facts = (unitId: string, over: Partial<UnitFacts> = {}): UnitFacts => ({
  unitId,
  population: 1000,
  trainedBefore: 0,
  trainedByEnd: 0,
  sessions: [],
  peopleGuided: 0,
  helpGiven: 0,
  ...over,
});

const rule = (terms: CampaignRule['terms'], minAttendees = 3): CampaignRule => ({
  targetGroup: 'citizens',
  minAttendees,
  terms,
});

describe('campaign scoring: a weighted sum of indicators', () => {
  it('ranks two communes by their trained share and gives each indicator its value and points', () => {
    const r = rule([{ indicator: 'trained_share', weight: 2, cap: null }]);
    const table = rankUnits(
      r,
      [facts('a', { trainedByEnd: 100 }), facts('b', { population: 200, trainedByEnd: 100 })],
      period,
      after,
    );
    expect(table.map((s) => [s.unitId, s.rank, s.points])).toEqual([
      ['b', 1, 100],
      ['a', 2, 20],
    ]);
    expect(table[0]!.scores).toEqual([{ indicator: 'trained_share', value: 50, points: 100, capped: false }]);
  });

  it('sums several weighted indicators', () => {
    const r = rule([
      { indicator: 'trained_growth', weight: 3, cap: null },
      { indicator: 'people_guided', weight: 1, cap: null },
      { indicator: 'help_given', weight: 0.5, cap: null },
    ]);
    const s = scoreUnit(
      r,
      facts('a', { trainedBefore: 100, trainedByEnd: 150, peopleGuided: 4, helpGiven: 7 }),
      period,
      after,
    );
    // growth 5 points of percent × 3 + 4 × 1 + 7 × 0.5
    expect(s.points).toBe(15 + 4 + 3.5);
    expect(s.scores.map((x) => x.value)).toEqual([5, 4, 7]);
  });

  it('counts a capped value only up to its cap and says so', () => {
    const r = rule([{ indicator: 'help_given', weight: 2, cap: 10 }]);
    const s = scoreUnit(r, facts('a', { helpGiven: 500 }), period, after);
    expect(s.scores[0]).toEqual({ indicator: 'help_given', value: 500, points: 20, capped: true });
    expect(scoreUnit(r, facts('a', { helpGiven: 10 }), period, after).scores[0]!.capped).toBe(false);
  });

  it('shares a rank between equal points and skips the next (1, 1, 3), ties listed in a stable order', () => {
    const r = rule([{ indicator: 'people_guided', weight: 1, cap: null }]);
    const table = rankUnits(
      r,
      [facts('c', { peopleGuided: 1 }), facts('b', { peopleGuided: 5 }), facts('a', { peopleGuided: 5 })],
      period,
      after,
    );
    expect(table.map((s) => [s.unitId, s.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
    expect(unitAwardees(table, 1).map((s) => s.unitId)).toEqual(['a', 'b']);
  });

  it('scores 0 without a population instead of dividing by zero, and flags it', () => {
    const r = rule([
      { indicator: 'trained_share', weight: 1, cap: null },
      { indicator: 'trained_growth', weight: 1, cap: null },
    ]);
    for (const population of [0, null]) {
      const s = scoreUnit(r, facts('a', { population, trainedByEnd: 30 }), period, after);
      expect(s.points).toBe(0);
      expect(s.noPopulation).toBe(true);
      expect(s.scores.map((x) => x.value)).toEqual([null, null]);
    }
    expect(percentOf(5, 0)).toBeNull();
  });

  it('lists a unit with no data at all with 0 points, and never awards 0 points', () => {
    const r = rule([
      { indicator: 'trained_share', weight: 1, cap: null },
      { indicator: 'sessions_held', weight: 1, cap: null },
    ]);
    const table = rankUnits(r, [facts('empty'), facts('b', { trainedByEnd: 10 })], period, after);
    expect(table.map((s) => [s.unitId, s.points, s.rank])).toEqual([
      ['b', 1, 1],
      ['empty', 0, 2],
    ]);
    expect(unitAwardees(rankUnits(r, [facts('empty')], period, after), 3)).toEqual([]);
  });

  it('never counts a shrinking trained count as negative growth', () => {
    const r = rule([{ indicator: 'trained_growth', weight: 1, cap: null }]);
    expect(scoreUnit(r, facts('a', { trainedBefore: 50, trainedByEnd: 40 }), period, after).points).toBe(0);
  });
});

describe('campaign scoring: gaming the sessions indicator', () => {
  const announced = (over: Partial<SessionForCounting>): SessionForCounting => ({
    id: 's',
    startsAt: period.from + 48 * H,
    endsAt: period.from + 50 * H,
    createdAt: period.from - 24 * H,
    cancelled: false,
    attendees: 10,
    ...over,
  });
  const r = rule([{ indicator: 'sessions_held', weight: 1, cap: null }]);

  it('does not count empty sessions, nor sessions written down after they started', () => {
    const sessions = [
      announced({ id: 'real' }),
      ...Array.from({ length: 50 }, (_, i) => announced({ id: `empty${i}`, attendees: 0 })),
      announced({ id: 'late', createdAt: period.from + 49 * H }),
      announced({ id: 'cancelled', cancelled: true }),
    ];
    expect(scoreUnit(r, facts('a', { sessions }), period, after).scores[0]!.value).toBe(1);
  });

  it('does not count sessions outside the period', () => {
    const sessions = [
      announced({ id: 'before', startsAt: period.from - 10 * H, endsAt: period.from - 8 * H }),
      announced({ id: 'after', startsAt: period.to + H, endsAt: period.to + 3 * H }),
      announced({ id: 'in' }),
    ];
    expect(scoreUnit(r, facts('a', { sessions }), period, after + 10 * 24 * H).scores[0]!.value).toBe(1);
  });

  it('applies a campaign minimum of attendees above the platform one', () => {
    const sessions = [announced({ id: 'five', attendees: 5 }), announced({ id: 'ten', attendees: 10 })];
    const strict = rule([{ indicator: 'sessions_held', weight: 1, cap: null }], 8);
    expect(scoreUnit(strict, facts('a', { sessions }), period, after).scores[0]!.value).toBe(1);
  });

  it('counts a session still running as not held yet', () => {
    const during = period.from + 49 * H;
    expect(scoreUnit(r, facts('a', { sessions: [announced({})] }), period, during).scores[0]!.value).toBe(0);
  });
});

describe('individual awards', () => {
  it('ranks people by the people they guided, takes everyone tied at the edge, never someone with none', () => {
    const top = personAwardees(
      [
        { userId: 'u3', count: 2 },
        { userId: 'u1', count: 5 },
        { userId: 'u2', count: 2 },
        { userId: 'u0', count: 0 },
      ],
      2,
    );
    expect(top).toEqual([
      { userId: 'u1', count: 5, rank: 1 },
      { userId: 'u2', count: 2, rank: 2 },
      { userId: 'u3', count: 2, rank: 2 },
    ]);
    expect(personAwardees([{ userId: 'u0', count: 0 }], 5)).toEqual([]);
    expect(personAwardees([{ userId: 'u1', count: 3 }], 0)).toEqual([]);
  });
});
