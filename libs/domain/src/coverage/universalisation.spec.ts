import {
  type CompetencyMapping,
  competenciesCounting,
  evaluateUniversalisation,
  type UniversalisationEvidence,
  type UniversalisationGroupRule,
} from './universalisation';

const rule: UniversalisationGroupRule = {
  targetGroup: 'citizens',
  provisional: true,
  requirements: [
    { framework: 'qd757-v1', code: '0.1', minLevel: 1, provisional: false },
    { framework: 'qd757-v1', code: '4.2', minLevel: 1, provisional: true },
    { framework: 'qd757-v1', code: '4.3', minLevel: 1, provisional: true },
  ],
};

const mappings: CompetencyMapping[] = [
  {
    fromFramework: 'tt02-2025',
    fromCode: '4.2',
    toFramework: 'digcomp-2.2',
    toCode: '4.2',
    relation: 'equivalent',
  },
  {
    fromFramework: 'qd757-v1',
    fromCode: '4.2',
    toFramework: 'tt02-2025',
    toCode: '4.2',
    relation: 'related',
  },
  {
    fromFramework: 'qd757-v1',
    fromCode: '4.3',
    toFramework: 'tt02-2025',
    toCode: '4.2',
    relation: 'related',
  },
  {
    fromFramework: 'qd757-v1',
    fromCode: '1.1',
    toFramework: 'tt02-2025',
    toCode: '1.1',
    relation: 'broader',
  },
];
const RELATIONS = ['equivalent', 'related'];

const course = (
  courseId: string,
  competencies: Array<[string, string, number | null]>,
  at = '2026-11-02T03:00:00.000Z',
): UniversalisationEvidence => ({
  kind: 'course',
  courseId,
  courseVersionId: `${courseId}-v1`,
  lessonId: null,
  at,
  competencies: competencies.map(([framework, code, level]) => ({ framework, code, level })),
});

describe('which competencies count for a requirement', () => {
  it('follows accepted mappings both ways and across frameworks, never back into the requirement’s framework', () => {
    const counting = competenciesCounting({ framework: 'qd757-v1', code: '4.2' }, mappings, RELATIONS);
    expect([...counting].sort()).toEqual(['digcomp-2.2:4.2', 'qd757-v1:4.2', 'tt02-2025:4.2']);
    // qd757 4.3 reaches tt02 4.2 too, but 4.2 of the same framework is another requirement, not evidence for it
    expect(competenciesCounting({ framework: 'qd757-v1', code: '4.3' }, mappings, RELATIONS)).not.toContain(
      'qd757-v1:4.2',
    );
  });

  it('ignores relations the rule does not accept', () => {
    expect([...competenciesCounting({ framework: 'qd757-v1', code: '1.1' }, mappings, RELATIONS)]).toEqual([
      'qd757-v1:1.1',
    ]);
    expect(competenciesCounting({ framework: 'qd757-v1', code: '4.2' }, mappings, ['equivalent'])).toEqual(
      new Set(['qd757-v1:4.2']),
    );
  });
});

describe('evaluateUniversalisation', () => {
  it('is satisfied when every requirement is covered, and says by what', () => {
    const r = evaluateUniversalisation(rule, mappings, RELATIONS, [
      course('smartphone-basics', [['qd757-v1', '0.1', 1]]),
      course('online-scams', [['digcomp-2.2', '4.2', 2]], '2026-11-03T03:00:00.000Z'),
    ]);
    expect(r.satisfied).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.covered).toEqual([
      expect.objectContaining({
        competency: 'qd757-v1:0.1',
        by: expect.objectContaining({
          courseId: 'smartphone-basics',
          competency: 'qd757-v1:0.1',
          via: 'direct',
        }),
      }),
      expect.objectContaining({
        competency: 'qd757-v1:4.2',
        by: expect.objectContaining({
          courseId: 'online-scams',
          competency: 'digcomp-2.2:4.2',
          level: 2,
          via: 'mapping',
        }),
      }),
      expect.objectContaining({
        competency: 'qd757-v1:4.3',
        by: expect.objectContaining({
          courseId: 'online-scams',
          competency: 'digcomp-2.2:4.2',
          via: 'mapping',
        }),
      }),
    ]);
  });

  it('lists what is missing when a requirement is not covered', () => {
    const r = evaluateUniversalisation(rule, mappings, RELATIONS, [course('x', [['tt02-2025', '4.2', 1]])]);
    expect(r.satisfied).toBe(false);
    expect(r.missing).toEqual(['qd757-v1:0.1']);
    expect(r.covered.map((c) => c.competency)).toEqual(['qd757-v1:4.2', 'qd757-v1:4.3']);
  });

  it('needs the minimum level; a competency without a level counts as level 1', () => {
    const strict: UniversalisationGroupRule = {
      ...rule,
      requirements: [{ framework: 'tt02-2025', code: '4.2', minLevel: 2, provisional: false }],
    };
    expect(
      evaluateUniversalisation(strict, mappings, RELATIONS, [course('a', [['tt02-2025', '4.2', 1]])])
        .satisfied,
    ).toBe(false);
    expect(
      evaluateUniversalisation(strict, mappings, RELATIONS, [course('a', [['tt02-2025', '4.2', null]])])
        .satisfied,
    ).toBe(false);
    expect(
      evaluateUniversalisation(strict, mappings, RELATIONS, [course('a', [['tt02-2025', '4.2', 3]])])
        .satisfied,
    ).toBe(true);
    const basic = { ...strict, requirements: [{ ...strict.requirements[0]!, minLevel: 1 }] };
    expect(
      evaluateUniversalisation(basic, mappings, RELATIONS, [course('a', [['tt02-2025', '4.2', null]])])
        .satisfied,
    ).toBe(true);
  });

  it('prefers direct evidence, then the higher level, then the earlier, so the evidence is stable', () => {
    const one = { ...rule, requirements: [rule.requirements[1]!] };
    const evidence = [
      course('late-mapped', [['tt02-2025', '4.2', 5]], '2026-11-01T00:00:00.000Z'),
      course('late-direct', [['qd757-v1', '4.2', 1]], '2026-11-05T00:00:00.000Z'),
      course('early-direct', [['qd757-v1', '4.2', 1]], '2026-11-02T00:00:00.000Z'),
    ];
    const a = evaluateUniversalisation(one, mappings, RELATIONS, evidence);
    const b = evaluateUniversalisation(one, mappings, RELATIONS, [...evidence].reverse());
    expect(a.covered[0]!.by.courseId).toBe('early-direct');
    expect(b).toEqual(a);
  });

  it('counts a passed assessment like a completed course', () => {
    const one = { ...rule, requirements: [rule.requirements[0]!] };
    const r = evaluateUniversalisation(one, mappings, RELATIONS, [
      {
        ...course('smartphone-basics', [['qd757-v1', '0.1', null]]),
        kind: 'assessment',
        lessonId: 'lesson-1',
      },
    ]);
    expect(r.satisfied).toBe(true);
    expect(r.covered[0]!.by).toMatchObject({ kind: 'assessment', lessonId: 'lesson-1' });
  });

  it('is never satisfied by an empty rule or no evidence', () => {
    expect(evaluateUniversalisation({ ...rule, requirements: [] }, mappings, RELATIONS, []).satisfied).toBe(
      false,
    );
    expect(evaluateUniversalisation(rule, mappings, RELATIONS, []).missing).toHaveLength(3);
  });
});
