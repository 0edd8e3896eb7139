import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROLES } from '../identity';

/**
 * No role name appears in the source of apps/ and libs/ outside the permission table: services, controllers, SQL
 * and the web ask by capability (issue #12 §2). Tests, migrations, seed data and the table itself may name roles.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const SCANNED = ['apps', 'libs'];
const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** Files and folders allowed to name roles, with why. */
const EXEMPT: Array<[RegExp, string]> = [
  [/(^|\/)(test|tests|__tests__|node_modules|dist)\//, 'tests and build output'],
  [/\.(spec|e2e-spec|integration-spec|browser-spec|spec-helper)\.tsx?$/, 'tests'],
  [/(^|\/)migrations\//, 'migrations record history'],
  [/^apps\/api\/src\/cli\/seed-demo\.command\.ts$/, 'seed data'],
  [/^apps\/web\/src\/i18n\//, 'labels keyed by role value'],
  [/^libs\/domain\/src\/access\/permissions\.ts$/, 'the permission table'],
  [/^libs\/domain\/src\/identity\/roles\.ts$/, 'the role values'],
];

/** Lines where a word that is also a role name means something else, with why. */
const NOT_A_ROLE: Array<[RegExp, string]> = [
  [/notFound\('learner'\)/, 'the kind of a missing resource (LEARNER_NOT_FOUND)'],
  [/\{ value: 'learner\.', key: 'learner' \}/, 'the audit family learner.* and its label key'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

const roleLiteral = new RegExp(`(['"\`])(${ROLES.join('|')})\\1`);

function offenders(): string[] {
  const found: string[] = [];
  for (const top of SCANNED)
    for (const file of sourceFiles(join(ROOT, top))) {
      const rel = relative(ROOT, file).split(sep).join('/');
      if (EXEMPT.some(([pattern]) => pattern.test(rel))) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (roleLiteral.test(line) && !NOT_A_ROLE.some(([pattern]) => pattern.test(line)))
            found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
  return found;
}

describe('role names live only in the permission table', () => {
  it('finds no role-name literal in the source of apps/ and libs/ (outside tests, migrations, seeds, labels)', () => {
    expect(offenders()).toEqual([]);
  });

  it('the scan would catch a role check written into a service', () => {
    expect(roleLiteral.test(`if (user.roles.includes('province_admin')) return;`)).toBe(true);
    expect(roleLiteral.test("WHERE g.role <> 'learner'")).toBe(true);
    expect(roleLiteral.test(`requireCapability(user, 'report.read')`)).toBe(false);
  });

  it('scans real source: the permission table itself names every role', () => {
    const table = readFileSync(join(ROOT, 'libs/domain/src/access/permissions.ts'), 'utf8');
    const files = SCANNED.flatMap((top) => sourceFiles(join(ROOT, top)));
    expect(files.length).toBeGreaterThan(100);
    for (const role of ROLES) expect(table).toMatch(new RegExp(`\\b${role}\\b`));
  });
});
