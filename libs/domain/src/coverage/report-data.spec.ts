import type { IndicatorDefinition } from './indicators';
import { parsePeriod } from './periods';
import { assembleReportData, canonicalJson, nextRevision, type ReportDataInput } from './report-data';

const trained: IndicatorDefinition = {
  code: 'staff-trained',
  title: { vi: 'Cán bộ, công chức được tập huấn' },
  targetGroup: 'public-servants',
  subGroup: '',
  measure: 'trained',
  denominator: 'population',
  targets: [
    { by: '2025-12-31', share: 0.8, strictlyAbove: true },
    { by: '2026-12-31', share: 1 },
  ],
  source: { document: 'KH 01', section: 'II.1' },
};
const vneid: IndicatorDefinition = {
  code: 'vneid',
  title: { vi: 'Người dân có VNeID mức 2' },
  targetGroup: '*',
  subGroup: '',
  measure: 'vneid_level2',
  denominator: 'none',
  targets: [{ by: '2025-12-31', count: 5, strictlyAbove: true }],
  source: { document: 'KH 01', section: 'II.3' },
  provisional: true,
};

const input = (over: Partial<ReportDataInput> = {}): ReportDataInput => ({
  plan: { id: 'demo', title: { vi: 'Kế hoạch' }, indicators: [trained, vneid] },
  period: parsePeriod('2025-Q3')!,
  cutOff: '2025-09-30T17:00:00.000Z',
  registeredAt: '2025-10-01T00:00:00.000Z',
  place: { kind: 'unit', id: 'P', code: 'P', name: 'Tỉnh', level: 'province' },
  children: [
    { kind: 'unit', id: 'C2', code: 'C2', name: 'Xã Ân', level: 'commune' },
    { kind: 'unit', id: 'C1', code: 'C1', name: 'Phường Đông', level: 'commune' },
  ],
  numerators: [
    { placeKey: 'P', targetGroup: 'public-servants', subGroup: '', measure: 'trained', count: 8 },
    {
      placeKey: 'P',
      targetGroup: 'public-servants',
      subGroup: 'org:state_agency',
      measure: 'trained',
      count: 8,
    },
    { placeKey: 'C1', targetGroup: 'public-servants', subGroup: '', measure: 'trained', count: 5 },
    { placeKey: 'C1', targetGroup: 'public-servants', subGroup: '', measure: 'trained', count: 3 },
    { placeKey: 'P', targetGroup: '*', subGroup: '', measure: 'vneid_level2', count: 6 },
  ],
  registered: [
    { placeKey: 'P', targetGroup: 'public-servants', subGroup: '', measure: 'registered', count: 12 },
  ],
  populations: [
    {
      placeKey: 'P',
      targetGroup: 'public-servants',
      subGroup: '',
      value: 10,
      period: '2025',
      source: 'Cục TK',
    },
    {
      placeKey: 'C1',
      targetGroup: 'public-servants',
      subGroup: '',
      value: 8,
      period: '2025',
      source: 'Cục TK',
    },
  ],
  ...over,
});

describe('assembleReportData', () => {
  it('puts the total first, then the places one level down in Vietnamese order, with each indicator', () => {
    const data = assembleReportData(input());
    expect(data.rows.map((r) => [r.place.code, r.total])).toEqual([
      ['P', true],
      ['C1', false],
      ['C2', false],
    ]);
    const [total, c1, c2] = data.rows;
    expect(total!.cells[0]).toEqual({
      code: 'staff-trained',
      numerator: 8,
      registered: 12,
      population: { value: 10, period: '2025', source: 'Cục TK' },
      share: 0.8,
      gap: 1,
      status: 'behind',
      exceedsPopulation: false,
    });
    // counts for the same key add up; exactly 100 % meets "100 % by 2026" but the target in force is 80 %+
    expect(c1!.cells[0]).toMatchObject({ numerator: 8, share: 1, status: 'met', gap: 0 });
    expect(c2!.cells[0]).toMatchObject({
      numerator: 0,
      population: null,
      status: 'no-population',
      share: null,
    });
    expect(total!.cells[1]).toMatchObject({ code: 'vneid', numerator: 6, status: 'met', population: null });
  });

  it('judges against the target in force at the period end, and freezes the indicator with it', () => {
    const data = assembleReportData(input({ period: parsePeriod('2026')! }));
    expect(data.indicators[0]).toMatchObject({
      code: 'staff-trained',
      target: { by: '2026-12-31', share: 1 },
    });
    expect(data.indicators[1]).toMatchObject({ provisional: true, target: { count: 5 } });
    expect(data.rows[0]!.cells[0]).toMatchObject({ status: 'behind', gap: 2 });
  });

  it('gives the same canonical text however the inputs are ordered', () => {
    const a = assembleReportData(input());
    const b = assembleReportData(
      input({ numerators: [...input().numerators].reverse(), children: [...input().children].reverse() }),
    );
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('refuses counts that are not whole non-negative numbers', () => {
    expect(() =>
      assembleReportData(
        input({
          numerators: [{ placeKey: 'P', targetGroup: '*', subGroup: '', measure: 'trained', count: -1 }],
        }),
      ),
    ).toThrow(RangeError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 'ễ', y: null }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":null,"z":"ễ"}]},"b":1}',
    );
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });
});

describe('nextRevision', () => {
  it('starts at 1, and after failures only', () => {
    expect(nextRevision([], null)).toEqual({ ok: true, revision: 1, supersedes: null });
    expect(nextRevision([{ revision: 1, status: 'failed' }], null)).toEqual({
      ok: true,
      revision: 2,
      supersedes: null,
    });
  });
  it('refuses a second report unless it corrects the latest finished one', () => {
    const ready = [{ revision: 1, status: 'submitted' }];
    expect(nextRevision(ready, null)).toEqual({ ok: false, code: 'REPORT_EXISTS' });
    expect(nextRevision(ready, 2)).toEqual({ ok: false, code: 'CORRECTION_OF_WRONG_REVISION' });
    expect(nextRevision(ready, 1)).toEqual({ ok: true, revision: 2, supersedes: 1 });
    expect(nextRevision([{ revision: 1, status: 'generating' }], 1)).toEqual({
      ok: false,
      code: 'REPORT_NOT_FINISHED',
    });
    expect(
      nextRevision(
        [
          { revision: 1, status: 'ready' },
          { revision: 2, status: 'ready' },
          { revision: 3, status: 'failed' },
        ],
        2,
      ),
    ).toEqual({ ok: true, revision: 4, supersedes: 2 });
  });
});
