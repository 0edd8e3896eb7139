import { guidedByAmbassador, type GuidedCompletion, peopleGuidedIn } from './guided';
import { campaignAchievement, campaignOfAchievement, unitAwardRecord } from './awards';
import {
  campaignDays,
  campaignPeriod,
  commonUnitPath,
  campaignPhase,
  festivalTemplate,
  festivalYear,
} from './period';

const period = campaignPeriod('2026-10-01', '2026-10-31');
const H = 3_600_000;
const row = (over: Partial<GuidedCompletion>): GuidedCompletion => ({
  ambassadorId: 'amb1',
  menteeId: 'm1',
  menteeUnitPath: '/P/C1/',
  acceptedAt: period.from - 24 * H,
  endedAt: null,
  completedAt: period.from + 24 * H,
  ...over,
});

describe('people guided in a campaign', () => {
  it('counts a person once per unit, only for completions in the period while guided', () => {
    const rows = [
      row({}),
      row({ completedAt: period.from + 48 * H }), // a second course: still one person
      row({ ambassadorId: 'amb2' }), // a second ambassador: still one person for the unit
      row({ menteeId: 'm2', completedAt: period.from - H }), // before the period
      row({ menteeId: 'm3', completedAt: period.to }), // after the period (to is exclusive)
      row({ menteeId: 'm4', acceptedAt: period.from + 48 * H }), // completed before accepting
      row({ menteeId: 'm5', endedAt: period.from + H }), // completed after the mentorship ended
      row({ menteeId: 'm6', menteeUnitPath: '/P/C2/' }), // another commune
      row({ menteeId: 'm7', menteeUnitPath: null }), // no place
    ];
    expect(peopleGuidedIn(rows, '/P/C1/', period)).toBe(1);
    expect(peopleGuidedIn(rows, '/P/', period)).toBe(2);
    expect(guidedByAmbassador(rows, ['/P/C1/'], period)).toEqual([
      { userId: 'amb1', count: 1 },
      { userId: 'amb2', count: 1 },
    ]);
    expect(guidedByAmbassador(rows, ['/Q/'], period)).toEqual([]);
  });
});

describe('campaign period on the Vietnam clock', () => {
  it('runs from midnight of the first day to midnight after the last, in Vietnam', () => {
    expect(new Date(period.from).toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(new Date(period.to).toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(campaignDays('2026-10-01', '2026-10-31')).toBe(31);
  });

  it('is upcoming, running, ended, then closed', () => {
    expect(campaignPhase(period, period.from - 1, false)).toBe('upcoming');
    expect(campaignPhase(period, period.from, false)).toBe('running');
    expect(campaignPhase(period, period.to - 1, false)).toBe('running');
    expect(campaignPhase(period, period.to, false)).toBe('ended');
    expect(campaignPhase(period, period.to, true)).toBe('closed');
  });

  it('offers the 10 October festival around the 10th of October of the coming festival', () => {
    const t = festivalTemplate(2027);
    expect(t.name.vi).toBe('Ngày hội học tập số toàn dân 10/10/2027'.normalize('NFC'));
    expect(t.startsOn < '2027-10-10' && t.endsOn > '2027-10-10').toBe(true);
    expect(t.rule.terms.map((x) => x.indicator)).toContain('sessions_held');
    expect(festivalYear('2026-10-31')).toBe(2026);
    expect(festivalYear('2026-11-01')).toBe(2027);
    expect(festivalYear('2026-03-01')).toBe(2026);
  });
});

describe('campaign awards', () => {
  it('names one achievement per campaign and reads the campaign back from it', () => {
    const id = '0b6a3c1e-3d1f-4c2a-9a55-2f1e7c9d8b10';
    const a = campaignAchievement({
      id,
      name: { vi: 'Thi đua', en: 'Race' },
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
    });
    expect(a.id).toBe(`campaign-${id}`);
    expect(campaignOfAchievement(a.id)).toBe(id);
    expect(campaignOfAchievement('digital-ambassador-guided-5')).toBeUndefined();
    expect(campaignOfAchievement('campaign-not-a-uuid')).toBeUndefined();
    expect(a.name.vi).toContain('Thi đua');
  });

  it('writes a unit award record with a stable key order', () => {
    const record = {
      campaignId: 'c',
      campaignName: { vi: 'A', en: 'B' },
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      unitId: 'u',
      unitName: 'Xã Một',
      rank: 1,
      points: 12.5,
    };
    expect(unitAwardRecord(record)).toBe(unitAwardRecord({ ...record }));
    expect(JSON.parse(unitAwardRecord(record))).toMatchObject({ rank: 1, unit: { id: 'u', name: 'Xã Một' } });
  });
});

describe("a campaign's area", () => {
  it('is the deepest unit above every participant', () => {
    expect(commonUnitPath(['/01/00004/T1/', '/01/00004/T2/'])).toBe('/01/00004/');
    expect(commonUnitPath(['/01/00004/', '/01/00037/'])).toBe('/01/');
    expect(commonUnitPath(['/01/00004/', '/01/00004/T1/'])).toBe('/01/00004/');
    expect(commonUnitPath(['/01/', '/02/'])).toBe('/');
    expect(commonUnitPath(['/010/', '/01/'])).toBe('/');
    expect(commonUnitPath([])).toBe('/');
  });
});
