import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContent } from './load-content';

const CONTENT = resolve(__dirname, '../../../content');

/** A copy of the shipped content folder to damage, removed afterwards. */
function withCopy(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-placement-'));
  try {
    cpSync(CONTENT, dir, { recursive: true });
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const edit = (dir: string, file: string, change: (yaml: string) => string) => {
  const path = join(dir, 'placement', file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};

describe('content/placement: one placement test per target group', () => {
  it('loads the shipped tests of the four groups, 8 to 12 questions each, on their framework', () => {
    const { bundle, issues } = loadContent(CONTENT, { shipped: true });
    expect(issues).toEqual([]);
    const tests = bundle!.placementTests!;
    expect(tests.map((t) => t.targetGroup).sort()).toEqual([
      'citizens',
      'enterprise-workers',
      'public-servants',
      'students',
    ]);
    for (const t of tests) {
      expect(t.questions.length).toBeGreaterThanOrEqual(8);
      expect(t.questions.length).toBeLessThanOrEqual(12);
      for (const q of t.questions as Array<{ competency: string }>)
        expect(q.competency.startsWith(`${t.framework}:`)).toBe(true);
    }
  });

  it('refuses an unknown competency, one of another framework and an unknown framework, naming the field', () => {
    withCopy((dir) => {
      edit(dir, 'citizens.yaml', (y) => y.replace('competency: tt02-2025:1.2', 'competency: tt02-2025:9.9'));
      edit(dir, 'students.yaml', (y) =>
        y.replace('competency: tt02-2025:1.2', 'competency: digcomp-2.2:1.2'),
      );
      edit(dir, 'public-servants.yaml', (y) => y.replace('framework: tt02-2025', 'framework: nope-1'));
      const { bundle, issues } = loadContent(dir, { shipped: true });
      expect(bundle).toBeUndefined();
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: 'placement/citizens.yaml',
            field: 'questions.0.competency',
            message: expect.stringContaining('unknown competency "tt02-2025:9.9"'),
          }),
          expect.objectContaining({
            file: 'placement/students.yaml',
            field: 'questions.0.competency',
            message: expect.stringContaining('not "digcomp-2.2:1.2"'),
          }),
          expect.objectContaining({
            file: 'placement/public-servants.yaml',
            field: 'framework',
            message: expect.stringContaining('unknown framework "nope-1"'),
          }),
        ]),
      );
    });
  });

  it('refuses a test without English, too few questions, or named after another group', () => {
    withCopy((dir) => {
      edit(dir, 'citizens.yaml', (y) => y.replace(/\n {6}en: "On social media[^\n]*/, ''));
      edit(dir, 'students.yaml', (y) => y.slice(0, y.indexOf('  - id: one-password')));
      edit(dir, 'enterprise-workers.yaml', (y) =>
        y.replace('targetGroup: enterprise-workers', 'targetGroup: citizens'),
      );
      const { issues } = loadContent(dir, { shipped: true });
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'placement/citizens.yaml', field: 'questions.0.prompt' }),
          expect.objectContaining({ file: 'placement/students.yaml', field: 'questions' }),
          expect.objectContaining({ file: 'placement/enterprise-workers.yaml', field: 'targetGroup' }),
        ]),
      );
    });
  });
});
