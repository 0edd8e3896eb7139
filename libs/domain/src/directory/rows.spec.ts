import { checkOrganisationRows, checkRosterRows, checkUnitRows, neutraliseCsvCell } from './rows';

describe('unit rows', () => {
  it('accepts a province, a commune and a village, with line numbers from the file', () => {
    const { rows, rejected } = checkUnitRows([
      { code: 'DEMO', level: 'province', name: 'Tỉnh Mẫu', valid_from: '2025-07-01' },
      { code: 'DEMO01', level: 'commune', name: 'Xã Mẫu Một', parent_code: 'DEMO', valid_from: '2025-07-01' },
      {
        code: 'T1',
        level: 'village',
        name: 'Thôn Một',
        parent_code: 'DEMO01',
        valid_from: '2025-07-01',
        successor_codes: '',
      },
    ]);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.line, r.code])).toEqual([
      [2, 'DEMO'],
      [3, 'DEMO01'],
      [4, 'T1'],
    ]);
  });

  it('lists every problem of a bad row', () => {
    const { rejected } = checkUnitRows([
      { code: 'bad code!', level: 'district', name: '', valid_from: '2025-02-30', valid_to: '2020-01-01' },
    ]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.line).toBe(2);
    expect(rejected[0]!.errors.map((e) => e.field).sort()).toEqual(['code', 'level', 'name', 'valid_from']);
  });

  it('needs the right parent for the level and refuses duplicates in the file', () => {
    const { rejected } = checkUnitRows([
      { code: 'X1', level: 'commune', name: 'Xã', valid_from: '2025-07-01' },
      { code: 'P', level: 'province', name: 'Tỉnh', parent_code: 'Q', valid_from: '2025-07-01' },
      { code: 'P2', level: 'province', name: 'Tỉnh', valid_from: '2025-07-01' },
      { code: 'P2', level: 'province', name: 'Tỉnh', valid_from: '2025-07-01' },
      { code: 'P3', level: 'province', name: 'Tỉnh', valid_from: '2025-07-01', valid_to: '2025-07-01' },
    ]);
    expect(rejected.map((r) => [r.line, r.errors[0]!.field])).toEqual([
      [2, 'parent_code'],
      [3, 'parent_code'],
      [5, 'code'],
      [6, 'valid_to'],
    ]);
  });
});

describe('organisation rows', () => {
  it('checks code, kind and unit', () => {
    const { rows, rejected } = checkOrganisationRows([
      { code: 'SO-TTTT', name: 'Sở Mẫu', kind: 'state_agency', unit_code: 'DEMO' },
      { code: 'x y', name: 'A', kind: 'ministry', unit_code: '' },
    ]);
    expect(rows).toHaveLength(1);
    expect(rejected[0]!.errors.map((e) => e.field).sort()).toEqual(['code', 'kind', 'unit_code']);
  });
});

describe('roster rows', () => {
  it('normalises contacts, and needs at least one', () => {
    const { rows, rejected } = checkRosterRows([
      { name: 'Lê Thị Hoa', email: 'Hoa@Example.com', target_group: 'public-servants' },
      { name: 'Bà Tư', phone: '0912 345 678', target_group: 'citizens', sub_groups: 'older-adults' },
      { name: 'Ông Ba', target_group: 'citizens' },
      { name: 'Trùng', email: 'hoa@example.com', target_group: 'citizens' },
      { name: 'Sai nhóm', email: 'x@example.com', target_group: 'aliens', sub_groups: 'vip' },
    ]);
    expect(rows.map((r) => r.email ?? r.phone)).toEqual(['hoa@example.com', '+84912345678']);
    expect(rejected.map((r) => [r.line, r.errors.map((e) => e.field)])).toEqual([
      [4, ['email']],
      [5, ['email']],
      [6, ['target_group', 'sub_groups']],
    ]);
  });

  it('reads the optional language of new accounts, Vietnamese when blank', () => {
    const { rows, rejected } = checkRosterRows([
      { name: 'Anna', email: 'anna@example.com', target_group: 'citizens', language: 'EN' },
      { name: 'Bà Năm', phone: '0912 345 679', target_group: 'citizens' },
      { name: 'Hans', email: 'hans@example.com', target_group: 'citizens', language: 'de' },
    ]);
    expect(rows.map((r) => r.language)).toEqual(['en', 'vi']);
    expect(rejected).toEqual([
      {
        line: 4,
        key: 'hans@example.com',
        errors: [{ field: 'language', message: 'expected vi or en, or nothing' }],
      },
    ]);
  });
});

describe('neutraliseCsvCell', () => {
  it.each(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (v) => {
    expect(neutraliseCsvCell(v)).toBe(`'${v}`);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(neutraliseCsvCell('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(neutraliseCsvCell(42)).toBe('42');
    expect(neutraliseCsvCell(null)).toBe('');
  });

  it('leaves a phone number in international form as typed, but not a formula dressed as one', () => {
    expect(neutraliseCsvCell('+84912345678')).toBe('+84912345678');
    expect(neutraliseCsvCell('+84912345678+1')).toBe("'+84912345678+1");
    expect(neutraliseCsvCell('+84 912')).toBe("'+84 912");
    expect(neutraliseCsvCell('+1+cmd|x')).toBe("'+1+cmd|x");
  });
});
