import { MAX_ORGANISATION_DEPTH, planOrganisationTree, type TreeRow } from './organisation-tree';

const row = (line: number, code: string, parentCode: string | null = null): TreeRow => ({
  line,
  code,
  parentCode,
});
const stored = (entries: Array<[string, string | null]>) => new Map(entries);
const refusedLines = (plan: ReturnType<typeof planOrganisationTree>) =>
  plan.rejected.map((r) => [r.line, r.key, r.errors[0]!.message]);

describe('planOrganisationTree', () => {
  it('writes parents before their sub-units whatever the file order, then by line', () => {
    const plan = planOrganisationTree(
      [row(2, 'P1', 'SO'), row(3, 'T1', 'P1'), row(4, 'P2', 'SO'), row(5, 'SO'), row(6, 'X')],
      stored([]),
    );
    expect(plan).toEqual({ order: ['SO', 'X', 'P1', 'P2', 'T1'], rejected: [] });
  });

  it('accepts a parent that is already stored, and a stored organisation moving under a new one', () => {
    const plan = planOrganisationTree(
      [row(2, 'SUB', 'OLD'), row(3, 'OLD', 'NEW'), row(4, 'NEW')],
      stored([
        ['OLD', null],
        ['SUB', null],
      ]),
    );
    expect(plan).toEqual({ order: ['NEW', 'OLD', 'SUB'], rejected: [] });
  });

  it('refuses an unknown parent, and the sub-units of a refused parent follow it out', () => {
    const plan = planOrganisationTree(
      [row(2, 'A', 'NOPE'), row(3, 'B', 'A'), row(4, 'C', 'B'), row(5, 'D')],
      stored([]),
    );
    expect(plan.order).toEqual(['D']);
    expect(refusedLines(plan)).toEqual([
      [2, 'A', 'no organisation NOPE: add it first, or in the same file'],
      [3, 'B', 'the parent organisation A (line 2) was refused'],
      [4, 'C', 'the parent organisation B (line 3) was refused'],
    ]);
  });

  it('refuses every row of a cycle inside the file, naming the cycle, and keeps the rest', () => {
    const plan = planOrganisationTree(
      [row(2, 'A', 'B'), row(3, 'B', 'C'), row(4, 'C', 'A'), row(5, 'D', 'A'), row(6, 'E')],
      stored([]),
    );
    expect(plan.order).toEqual(['E']);
    expect(refusedLines(plan)).toEqual([
      [2, 'A', 'parent_code would make a cycle: A → B → C → A'],
      [3, 'B', 'parent_code would make a cycle: A → B → C → A'],
      [4, 'C', 'parent_code would make a cycle: A → B → C → A'],
      [5, 'D', 'the parent organisation A (line 2) was refused'],
    ]);
  });

  it('refuses a row that would close a cycle with stored links, and the stored tree stays as it was', () => {
    // Stored: CHILD under TOP. The file puts TOP under CHILD.
    const plan = planOrganisationTree(
      [row(2, 'TOP', 'CHILD')],
      stored([
        ['TOP', null],
        ['CHILD', 'TOP'],
      ]),
    );
    expect(plan.order).toEqual([]);
    expect(refusedLines(plan)).toEqual([[2, 'TOP', 'parent_code would make a cycle: TOP → CHILD → TOP']]);
  });

  it('allows swapping a parent and its sub-unit when the file moves both', () => {
    const plan = planOrganisationTree(
      [row(2, 'TOP', 'CHILD'), row(3, 'CHILD')],
      stored([
        ['TOP', null],
        ['CHILD', 'TOP'],
      ]),
    );
    expect(plan).toEqual({ order: ['CHILD', 'TOP'], rejected: [] });
  });

  it('a refused stored row keeps its stored parent for the rows under it', () => {
    // B is refused (cycle with A); C, under B, is accepted since B is stored.
    const plan = planOrganisationTree(
      [row(2, 'A', 'B'), row(3, 'B', 'A'), row(4, 'C', 'B')],
      stored([
        ['B', null],
        ['A', null],
      ]),
    );
    expect(plan.order).toEqual(['C']);
    expect(plan.rejected.map((r) => r.key)).toEqual(['A', 'B']);
  });

  it('names a long cycle by its first organisations only, and a self-parent is a cycle of one', () => {
    const cycle = (n: number) => {
      const codes = Array.from({ length: n }, (_, i) => `N${i}`);
      return codes.map((c, i) => row(i + 2, c, codes[(i + 1) % codes.length]!));
    };
    // A cycle longer than the depth cap is refused too, every row of it.
    expect(planOrganisationTree(cycle(30), stored([]))).toMatchObject({ order: [] });
    expect(planOrganisationTree(cycle(30), stored([])).rejected).toHaveLength(30);
    const plan = planOrganisationTree(cycle(10), stored([]));
    expect(plan.order).toEqual([]);
    expect(plan.rejected).toHaveLength(10);
    expect(plan.rejected[0]!.errors[0]!.message).toBe(
      'parent_code would make a cycle: N0 → N1 → N2 → N3 → N4 → N5 → N6 → N7 → …',
    );
    expect(refusedLines(planOrganisationTree([row(2, 'S', 'S')], stored([])))).toEqual([
      [2, 'S', 'parent_code would make a cycle: S → S'],
    ]);
  });

  it('refuses rows deeper than the cap, and stays quick on a 20,000-row chain in reverse order', () => {
    const levels = (n: number) =>
      Array.from({ length: n }, (_, i) => row(n + 1 - i, `L${i}`, i === 0 ? null : `L${i - 1}`)).reverse();
    const ten = planOrganisationTree(levels(MAX_ORGANISATION_DEPTH), stored([]));
    expect(ten).toMatchObject({ rejected: [] });
    expect(ten.order[0]).toBe('L0');
    const started = Date.now();
    const deep = planOrganisationTree(levels(20_000), stored([]));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(deep.order).toEqual(Array.from({ length: MAX_ORGANISATION_DEPTH }, (_, i) => `L${i}`));
    expect(deep.rejected).toHaveLength(20_000 - MAX_ORGANISATION_DEPTH);
    expect(deep.rejected.find((r) => r.key === 'L10')!.errors[0]!.message).toBe(
      'an organisation may sit at most 10 levels deep',
    );
  });
});
