import type { IndicatorDefinition } from './indicators';
import { type CoveragePlanDefinition, planProblems } from './plans';

const courses = new Map<string, readonly string[]>([
  ['online-scams', ['citizens', 'students']],
  ['digital-office-work', ['public-servants']],
]);

const indicator = (over: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
  code: 'trained-citizens',
  title: { vi: 'Người dân được tập huấn' },
  targetGroup: 'citizens',
  subGroup: '',
  measure: 'trained',
  denominator: 'population',
  targets: [{ by: '2025-12-31', share: 0.8, strictlyAbove: true }],
  source: { document: 'Kế hoạch', section: 'II.1' },
  ...over,
});

const plan = (over: Partial<CoveragePlanDefinition> = {}): CoveragePlanDefinition => ({
  id: 'p',
  title: { vi: 'Kế hoạch' },
  unitCode: null,
  source: { document: 'Kế hoạch', issuer: 'UBND', issuedOn: null },
  requiredCourses: { citizens: ['online-scams'] },
  indicators: [indicator()],
  ...over,
});

const fields = (p: CoveragePlanDefinition) => planProblems(p, courses).map((x) => x.field);

describe('planProblems', () => {
  it('accepts a consistent plan', () => {
    expect(planProblems(plan(), courses)).toEqual([]);
  });

  it('refuses a share above 1 and a share strictly above 100 %', () => {
    expect(fields(plan({ indicators: [indicator({ targets: [{ by: '2025-12-31', share: 80 }] })] }))).toEqual(
      ['indicators.0.targets.0.share'],
    );
    expect(
      fields(
        plan({ indicators: [indicator({ targets: [{ by: '2025-12-31', share: 1, strictlyAbove: true }] })] }),
      ),
    ).toEqual(['indicators.0.targets.0.strictlyAbove']);
    expect(
      fields(plan({ indicators: [indicator({ targets: [{ by: '2025-12-31', share: -0.1 }] })] })),
    ).toEqual(['indicators.0.targets.0.share']);
  });

  it('refuses a target that does not fit the denominator', () => {
    expect(
      fields(plan({ indicators: [indicator({ targets: [{ by: '2025-12-31', count: 100 }] })] })),
    ).toEqual(['indicators.0.targets.0']);
    expect(
      fields(
        plan({
          indicators: [indicator({ denominator: 'none', targets: [{ by: '2025-12-31', share: 0.5 }] })],
        }),
      ),
    ).toEqual(['indicators.0.targets.0']);
    expect(
      fields(
        plan({
          indicators: [indicator({ denominator: 'none', targets: [{ by: '2025-12-31', count: 1.5 }] })],
        }),
      ),
    ).toEqual(['indicators.0.targets.0.count']);
    expect(fields(plan({ indicators: [indicator({ targets: [] })] }))).toEqual(['indicators.0.targets']);
  });

  it('refuses target dates out of order and repeated indicator codes', () => {
    const targets = [
      { by: '2026-12-31', share: 1 },
      { by: '2025-12-31', share: 0.8 },
    ];
    expect(fields(plan({ indicators: [indicator({ targets })] }))).toEqual(['indicators.0.targets.1.by']);
    expect(fields(plan({ indicators: [indicator(), indicator()] }))).toEqual(['indicators.1.code']);
  });

  it('refuses unknown sub-groups and sub-groups of another group', () => {
    expect(fields(plan({ indicators: [indicator({ subGroup: 'age:18+' })] }))).toEqual([
      'indicators.0.subGroup',
    ]);
    expect(fields(plan({ indicators: [indicator({ subGroup: 'school:higher' })] }))).toEqual([
      'indicators.0.subGroup',
    ]);
    expect(
      fields(plan({ indicators: [indicator({ targetGroup: '*', subGroup: 'org:enterprise' })] })),
    ).toEqual(['indicators.0.subGroup']);
    expect(fields(plan({ indicators: [indicator({ targetGroup: '*', subGroup: 'age:16+' })] }))).toEqual([]);
    expect(
      fields(
        plan({ indicators: [indicator({ targetGroup: 'students', subGroup: 'school:upper-secondary' })] }),
      ),
    ).toEqual([]);
  });

  it('refuses unknown courses, courses not meant for the group, repeats and unknown groups in requiredCourses', () => {
    const requiredCourses = {
      citizens: ['online-scams', 'no-such-course', 'online-scams'],
      'public-servants': ['online-scams'],
      nobody: ['online-scams'],
    } as unknown as CoveragePlanDefinition['requiredCourses'];
    expect(fields(plan({ requiredCourses }))).toEqual([
      'requiredCourses.citizens.1',
      'requiredCourses.citizens',
      'requiredCourses.public-servants.0',
      'requiredCourses.nobody',
    ]);
  });

  it('reports every problem at once', () => {
    const p = plan({
      indicators: [
        indicator({ subGroup: 'x' }),
        indicator({ code: 'b', targets: [{ by: '2025-12-31', share: 2 }] }),
      ],
      requiredCourses: { citizens: ['nope'] },
    });
    expect(planProblems(p, courses)).toHaveLength(3);
  });
});
