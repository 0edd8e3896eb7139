import {
  checkPopulationRows,
  MAX_POPULATION,
  type PopulationCheckContext,
  populationColumnOf,
  type PopulationRecord,
  readCount,
  type UnitVersionInfo,
} from './population-rows';

const units: Record<string, UnitVersionInfo[]> = {
  P1: [{ id: 'u-p1', code: 'P1', path: '/P1/', validFrom: '2020-01-01', validTo: null, successorCodes: [] }],
  C1: [
    { id: 'u-c1', code: 'C1', path: '/P1/C1/', validFrom: '2020-01-01', validTo: null, successorCodes: [] },
  ],
  // Merged into C3 on 2025-07-01 (valid_to is exclusive).
  OLD: [
    {
      id: 'u-old',
      code: 'OLD',
      path: '/P1/OLD/',
      validFrom: '2020-01-01',
      validTo: '2025-07-01',
      successorCodes: ['C3', 'C4'],
    },
  ],
  C3: [
    { id: 'u-c3', code: 'C3', path: '/P1/C3/', validFrom: '2025-07-01', validTo: null, successorCodes: [] },
  ],
  NEW: [
    {
      id: 'u-new',
      code: 'NEW',
      path: '/P1/NEW/',
      validFrom: '2027-01-01',
      validTo: null,
      successorCodes: [],
    },
  ],
  // Another province: exists, but outside a P1 statistician's area.
  X9: [
    { id: 'u-x9', code: 'X9', path: '/P2/X9/', validFrom: '2020-01-01', validTo: null, successorCodes: [] },
  ],
};

const ctx = (over: Partial<PopulationCheckContext> = {}): PopulationCheckContext => ({
  unitVersions: (code) => units[code] ?? [],
  organisation: (code) =>
    code === 'ORG1'
      ? { id: 'o-1', code, unitPath: '/P1/C1/' }
      : code === 'ORGX'
        ? { id: 'o-x', code, unitPath: '/P2/X9/' }
        : undefined,
  reaches: (t) => (t.unitPath ?? '').startsWith('/P1/'),
  ...over,
});

let line = 1;
const rec = (cells: PopulationRecord['cells']): PopulationRecord => ({
  line: ++line,
  cells: {
    target_group: 'citizens',
    sub_group: '',
    period: '2025',
    source: 'Cục Thống kê',
    count: '100',
    ...cells,
  },
});
beforeEach(() => {
  line = 1;
});

/** Numbers the records as lines of one file (the header is line 1). */
const sheet = (records: PopulationRecord[]) => records.map((r, i) => ({ ...r, line: i + 2 }));
const errorsOf = (records: PopulationRecord[], c = ctx()) =>
  checkPopulationRows(sheet(records), c).rejected.map((r) => [
    r.line,
    r.errors.map((e) => `${e.field}:${e.code}`),
  ]);

describe('population sheet headers', () => {
  it('reads canonical names and Vietnamese aliases, with or without diacritics, BOM tolerated', () => {
    expect(populationColumnOf('unit_code')).toBe('unit_code');
    expect(populationColumnOf('\uFEFFMã đơn vị')).toBe('unit_code');
    expect(populationColumnOf('MA DON VI')).toBe('unit_code');
    expect(populationColumnOf('Mã tổ chức')).toBe('organisation_code');
    expect(populationColumnOf('Nhóm đối tượng')).toBe('target_group');
    expect(populationColumnOf('Nhóm con')).toBe('sub_group');
    expect(populationColumnOf('Kỳ')).toBe('period');
    expect(populationColumnOf('Nguồn')).toBe('source');
    expect(populationColumnOf('Số lượng')).toBe('count');
    expect(populationColumnOf('Ghi chú')).toBeUndefined();
  });
});

describe('population counts', () => {
  it('reads whole numbers, with dot, comma, space or no-break space grouping thousands', () => {
    for (const [input, value] of [
      ['12345', 12345],
      ['12.345', 12345],
      ['12,345', 12345],
      ['1 234 567', 1234567],
      ['1\u00A0234', 1234],
      [' 0 ', 0],
      [4200, 4200],
      [MAX_POPULATION, MAX_POPULATION],
    ] as const)
      expect(readCount(input)).toEqual({ value });
  });
  it('refuses decimals, negatives, text, mixed grouping and absurd figures, each with its code', () => {
    for (const [input, code] of [
      ['12,5', 'count_not_integer'],
      ['1.2345', 'count_not_integer'],
      [12.5, 'count_not_integer'],
      ['-5', 'count_negative'],
      [-1, 'count_negative'],
      ['abc', 'count_not_number'],
      ['1,234.567', 'count_not_number'],
      ['12.34.5', 'count_not_number'],
      ['1e5', 'count_not_number'],
      [Number.NaN, 'count_not_number'],
      ['', 'count_missing'],
      [undefined, 'count_missing'],
      [MAX_POPULATION + 1, 'count_absurd'],
      ['999.999.999.999.999', 'count_absurd'],
    ] as const)
      expect(readCount(input)).toMatchObject({ code });
  });
});

describe('population rows', () => {
  it('accepts rows for units and organisations in the area, resolving each place', () => {
    const { rows, rejected } = checkPopulationRows(
      sheet([
        rec({ unit_code: 'C1', count: '1.200' }),
        rec({ unit_code: 'C1', sub_group: 'age:16+', count: 900 }),
        rec({ organisation_code: 'ORG1', target_group: 'enterprise-workers', sub_group: 'org:cooperative' }),
        rec({ unit_code: 'C1', period: '2025-Q3', target_group: 'students', sub_group: 'school:primary' }),
      ]),
      ctx(),
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.line, r.placeKind, r.placeId, r.subGroup, r.value])).toEqual([
      [2, 'unit', 'u-c1', '', 1200],
      [3, 'unit', 'u-c1', 'age:16+', 900],
      [4, 'organisation', 'o-1', 'org:cooperative', 100],
      [5, 'unit', 'u-c1', 'school:primary', 100],
    ]);
    expect(rows[2]!.placePath).toBe('/P1/C1/');
  });

  it('an unknown unit and a unit of another area get the same answer (nothing leaks)', () => {
    const res = checkPopulationRows(sheet([rec({ unit_code: 'NOPE' }), rec({ unit_code: 'X9' })]), ctx());
    expect(res.rows).toEqual([]);
    expect(res.rejected.map((r) => r.errors[0]!.message)).toEqual([
      'no unit NOPE in your area',
      'no unit X9 in your area',
    ]);
    expect(errorsOf([rec({ organisation_code: 'ORGX' }), rec({ organisation_code: 'ZZZ' })])).toEqual([
      [2, ['organisation_code:unknown_place']],
      [3, ['organisation_code:unknown_place']],
    ]);
  });

  it('a unit merged before the period ends names its successors; a successor valid then is fine', () => {
    const res = checkPopulationRows(
      sheet([
        rec({ unit_code: 'OLD', period: '2025' }),
        rec({ unit_code: 'OLD', period: '2025-Q1' }),
        rec({ unit_code: 'C3', period: '2025-H2' }),
        rec({ unit_code: 'C3', period: '2025-Q1' }),
        rec({ unit_code: 'NEW', period: '2026' }),
      ]),
      ctx(),
    );
    expect(res.rows.map((r) => [r.line, r.placeId])).toEqual([
      [3, 'u-old'],
      [4, 'u-c3'],
    ]);
    expect(res.rejected.map((r) => [r.line, r.errors[0]!.code])).toEqual([
      [2, 'unit_ended'],
      [5, 'unit_not_yet'],
      [6, 'unit_not_yet'],
    ]);
    expect(res.rejected[0]!.errors[0]!.message).toContain('C3, C4');
  });

  it('refuses wrong periods, groups, sub-groups and sources', () => {
    expect(
      errorsOf([
        rec({ unit_code: 'C1', period: '2025-Q5' }),
        rec({ unit_code: 'C1', period: '2025-01-01..2025-03-31' }),
        rec({ unit_code: 'C1', target_group: 'farmers' }),
        rec({ unit_code: 'C1', sub_group: 'school:primary' }),
        rec({ unit_code: 'C1', sub_group: 'age:65+' }),
        rec({ unit_code: 'C1', source: '' }),
        rec({ unit_code: 'C1', source: 'x'.repeat(201) }),
      ]),
    ).toEqual([
      [2, ['period:bad_period']],
      [3, ['period:bad_period']],
      [4, ['target_group:bad_group']],
      [5, ['sub_group:sub_group_mismatch']],
      [6, ['sub_group:sub_group_mismatch']],
      [7, ['source:bad_source']],
      [8, ['source:bad_source']],
    ]);
  });

  it('lists every error of a row at once', () => {
    expect(
      errorsOf([
        rec({ unit_code: 'C1', organisation_code: 'ORG1', period: 'Q1', target_group: '', count: '-3' }),
      ]),
    ).toEqual([
      [2, ['place:place_both', 'period:bad_period', 'target_group:bad_group', 'count:count_negative']],
    ]);
    expect(errorsOf([rec({ count: 'nhiều' })])).toEqual([
      [2, ['place:place_missing', 'count:count_not_number']],
    ]);
  });

  it('refuses NUL, zero-width and text-direction characters in codes and text', () => {
    expect(
      errorsOf([
        rec({ unit_code: 'C\u00001' }),
        rec({ unit_code: 'C1\u200B' }),
        rec({ unit_code: '\u202EC1' }),
        rec({ unit_code: 'C1', source: 'Cục\u2066 Thống kê' }),
        rec({ unit_code: 'C-1' }),
      ]),
    ).toEqual([
      [2, ['unit_code:unsafe_text']],
      [3, ['unit_code:unsafe_text']],
      [4, ['unit_code:unsafe_text']],
      [5, ['source:unsafe_text']],
      [6, ['unit_code:bad_code']],
    ]);
    // The report quotes nothing invisible (it is stored as jsonb, which cannot hold NUL, and shown to people).
    const { rejected } = checkPopulationRows(
      sheet([rec({ unit_code: 'C\u00001', count: 'x\u0000' })]),
      ctx(),
    );
    expect(rejected[0]!.key).toBe('C\uFFFD1');
    expect(JSON.stringify(rejected)).not.toMatch(/\\u0000/);
  });

  it('refuses the same key twice in one file, naming the first line', () => {
    const res = checkPopulationRows(
      sheet([
        rec({ unit_code: 'C1' }),
        rec({ unit_code: 'C1', count: '101' }),
        // Another source or period is another key.
        rec({ unit_code: 'C1', source: 'Sở GD&ĐT' }),
        rec({ unit_code: 'C1', period: '2026' }),
      ]),
      ctx(),
    );
    expect(res.rejected).toEqual([
      {
        line: 3,
        key: 'C1',
        targetGroup: 'citizens',
        errors: [{ field: 'place', code: 'duplicate', message: expect.stringContaining('line 2') }],
      },
    ]);
    expect(res.rows.map((r) => r.line)).toEqual([2, 4, 5]);
  });

  it('refuses sub-groups adding up to more than the whole group, in the file or against stored figures', () => {
    const students = { target_group: 'students', unit_code: 'C1' };
    expect(
      errorsOf([
        rec({ ...students, count: '100' }),
        rec({ ...students, sub_group: 'school:primary', count: '60' }),
        rec({ ...students, sub_group: 'school:lower-secondary', count: '50' }),
      ]).map(([l]) => l),
    ).toEqual([2, 3, 4]);
    // Equal is fine.
    expect(
      errorsOf([
        rec({ ...students, count: '110' }),
        rec({ ...students, sub_group: 'school:primary', count: '60' }),
        rec({ ...students, sub_group: 'school:lower-secondary', count: '50' }),
      ]),
    ).toEqual([]);
    // The whole group stored already; a sub-group in the file exceeds it.
    const stored = [
      {
        placeKind: 'unit' as const,
        placeId: 'u-c1',
        targetGroup: 'students',
        subGroup: '',
        period: '2025',
        source: 'Cục Thống kê',
        value: 100,
      },
    ];
    expect(
      errorsOf([rec({ ...students, sub_group: 'school:primary', count: '101' })], ctx({ stored })),
    ).toEqual([[2, ['count:sub_groups_exceed_whole']]]);
    // A new whole figure in the file replaces the stored one.
    expect(
      errorsOf(
        [rec({ ...students, count: '200' }), rec({ ...students, sub_group: 'school:primary', count: '150' })],
        ctx({ stored }),
      ),
    ).toEqual([]);
    // Another source is another bucket.
    expect(
      errorsOf(
        [rec({ ...students, sub_group: 'school:primary', count: '150', source: 'Sở GD&ĐT' })],
        ctx({ stored }),
      ),
    ).toEqual([]);
  });

  it('normalises text to NFC and collapses spaces in the source', () => {
    const decomposed = 'Cục Thống kê'.normalize('NFD');
    const { rows } = checkPopulationRows(
      sheet([rec({ unit_code: ' C1 ', source: `  ${decomposed}   tỉnh ` })]),
      ctx(),
    );
    expect(rows[0]!.source).toBe('Cục Thống kê tỉnh'.normalize('NFC'));
    expect(rows[0]!.placeCode).toBe('C1');
  });
});
