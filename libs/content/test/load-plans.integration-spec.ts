import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContentIssue, formatIssues, loadContent } from '../src';

/** Coverage plans (content/indicators/): the shipped plan loads; every bad plan is refused with file and field. */
const CONTENT_DIR = join(__dirname, '..', '..', '..', 'content');
const PLAN = 'lai-chau-2025-2026.yaml';
const shipped = readFileSync(join(CONTENT_DIR, 'indicators', PLAN), 'utf8');

const dirs: string[] = [];
/** A content folder sharing the shipped courses, frameworks and languages, with its own indicators/ files. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-plans-'));
  dirs.push(dir);
  for (const name of ['courses', 'frameworks', 'target-groups.yaml', 'languages.yaml'])
    symlinkSync(join(CONTENT_DIR, name), join(dir, name));
  mkdirSync(join(dir, 'indicators'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'indicators', name), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function replaced(from: string, to: string): string {
  const out = shipped.replace(from, to);
  if (out === shipped) throw new Error(`edit did not apply: ${from}`);
  return out;
}

function issuesOf(text: string, name = PLAN): ContentIssue[] {
  const result = loadContent(folderWith({ [name]: text }));
  expect(result.bundle).toBeUndefined();
  return result.issues;
}

function expectIssue(issues: ContentIssue[], field: string, includes: string): void {
  const hit = issues.find(
    (i) => i.file === `indicators/${PLAN}` && i.field === field && i.message.includes(includes),
  );
  if (!hit) throw new Error(`expected ${field}: ${includes}; got\n${formatIssues(issues) || '(none)'}`);
}

describe('coverage plans in content/indicators', () => {
  it('loads the shipped plan with its indicators, targets and required sets', () => {
    const result = loadContent(CONTENT_DIR);
    expect(formatIssues(result.issues)).toBe('');
    const plan = result.bundle!.plans!.find((p) => p.id === 'lai-chau-2025-2026')!;
    expect(plan.definition.unitCode).toBe('12');
    expect(plan.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const byCode = new Map(plan.definition.indicators.map((i) => [i.code, i]));
    expect(byCode.get('trained-public-servants')!.targets).toEqual([
      { by: '2025-12-31', share: 0.8, strictlyAbove: true },
      { by: '2026-12-31', share: 1, strictlyAbove: false },
    ]);
    expect(byCode.get('trained-upper-secondary')).toMatchObject({
      targetGroup: 'students',
      subGroup: 'school:upper-secondary',
    });
    expect(byCode.get('trained-higher-education')!.subGroup).toBe('school:higher');
    expect(byCode.get('vneid-level2-adults')).toMatchObject({
      targetGroup: '*',
      subGroup: 'age:16+',
      denominator: 'none',
      targets: [
        { by: '2025-12-31', count: 170000, strictlyAbove: true },
        { by: '2026-12-31', count: 250000, strictlyAbove: true },
      ],
    });
    expect(byCode.get('bank-account-adults')!.provisional).toBe(true);
    expect(byCode.get('trained-citizens')!.provisional).toBe(false);
    for (const g of ['citizens', 'students', 'public-servants', 'enterprise-workers'] as const)
      expect(plan.definition.requiredCourses[g]!.length).toBeGreaterThan(0);
  });

  it('a folder without indicators/ has no plans; universalisation.yaml is not read as a plan', () => {
    // The shipped rules file (its own format, validated by its own loader), beside no plan file.
    const rules = readFileSync(join(CONTENT_DIR, 'indicators', 'universalisation.yaml'), 'utf8');
    const result = loadContent(folderWith({ 'universalisation.yaml': rules }));
    expect(formatIssues(result.issues)).toBe('');
    expect(result.bundle!.plans).toEqual([]);
  });

  it('refuses a share above 1 and a count target on a population denominator', () => {
    const issues = issuesOf(
      replaced(
        '- { by: 2025-12-31, share: 0.8, strictlyAbove: true }',
        '- { by: 2025-12-31, share: 80, strictlyAbove: true }',
      ).replace('- { by: 2026-12-31, share: 1 }', '- { by: 2026-12-31, count: 100 }'),
    );
    expectIssue(issues, 'indicators.0.targets.0.share', 'between 0 and 1');
    expectIssue(issues, 'indicators.0.targets.1', 'expected a share');
  });

  it('refuses an unknown target group, an unknown sub-group and a sub-group of another group', () => {
    expectIssue(
      issuesOf(replaced('targetGroup: public-servants', 'targetGroup: farmers')),
      'indicators.0.targetGroup',
      'expected a target group',
    );
    expectIssue(
      issuesOf(replaced('subGroup: school:higher', 'subGroup: school:kindergarten')),
      'indicators.4.subGroup',
      'unknown sub-group',
    );
    expectIssue(
      issuesOf(replaced('subGroup: school:higher', 'subGroup: org:enterprise')),
      'indicators.4.subGroup',
      'does not fit target group "students"',
    );
  });

  it('refuses an unknown course and a course not meant for the group in requiredCourses', () => {
    const issues = issuesOf(
      replaced(
        'enterprise-workers: [online-scams, cashless-payments, ai-assistants]',
        'enterprise-workers: [online-scams, no-such-course, digital-office-work]',
      ),
    );
    expectIssue(issues, 'requiredCourses.enterprise-workers.1', 'unknown course "no-such-course"');
    expectIssue(issues, 'requiredCourses.enterprise-workers.2', 'not meant for "enterprise-workers"');
  });

  it('refuses a bad target date, an unknown measure, and reports all at once', () => {
    const text = replaced('- { by: 2026-12-31, share: 1 }', '- { by: 31/12/2026, share: 1 }').replace(
      'measure: vneid_level2',
      'measure: vneid',
    );
    const issues = issuesOf(text, 'other.yaml').map((i) => ({
      ...i,
      file: i.file.replace('other.yaml', PLAN),
    }));
    expectIssue(issues, 'indicators.0.targets.1.by', 'expected a date');
    expectIssue(issues, 'indicators.7.measure', 'expected a measure');
    expect(issues.every((i) => i.file === `indicators/${PLAN}`)).toBe(true);
    expect(issues).toHaveLength(2);
  });

  it('refuses a plan whose id is not its file name', () => {
    const issues = issuesOf(shipped, 'other.yaml');
    expect(issues).toEqual([
      { file: 'indicators/other.yaml', field: 'id', message: expect.stringContaining('the file name') },
    ]);
  });

  it('refuses unknown fields (a typo is not silently ignored)', () => {
    expectIssue(
      issuesOf(replaced('    denominator: none', '    denominator: none\n    denominater: none')),
      'indicators.7',
      'denominater',
    );
  });
});
