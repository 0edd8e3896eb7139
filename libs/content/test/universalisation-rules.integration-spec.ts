import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContent } from '../src';

const SHIPPED = resolve(__dirname, '../../../content');

/** The shipped frameworks and target groups (no courses), with the given rules file. */
function folderWith(rules: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-univ-'));
  cpSync(join(SHIPPED, 'frameworks'), join(dir, 'frameworks'), { recursive: true });
  cpSync(join(SHIPPED, 'target-groups.yaml'), join(dir, 'target-groups.yaml'));
  if (rules !== undefined) {
    mkdirSync(join(dir, 'indicators'));
    writeFileSync(join(dir, 'indicators', 'universalisation.yaml'), rules);
  }
  return dir;
}

describe('universalisation rules (content/indicators/universalisation.yaml)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const load = (rules: string | undefined) => {
    const dir = folderWith(rules);
    dirs.push(dir);
    return loadContent(dir);
  };

  it('loads the shipped rules: four groups, the confirmed device skills not provisional, the rest provisional', () => {
    const { bundle, issues } = loadContent(SHIPPED);
    expect(issues).toEqual([]);
    const rules = bundle!.universalisationRules!;
    expect(rules.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rules.rules.groups.map((g) => g.targetGroup).sort()).toEqual([
      'citizens',
      'enterprise-workers',
      'public-servants',
      'students',
    ]);
    for (const g of rules.rules.groups) {
      expect(g.provisional).toBe(true);
      const confirmed = g.requirements.filter((r) => !r.provisional).map((r) => `${r.framework}:${r.code}`);
      expect(confirmed).toEqual(['qd757-v1:0.1', 'qd757-v1:0.2']);
    }
    expect(rules.rules.mappingRelations).toEqual(['equivalent', 'related']);
  });

  it('reports every problem at once: unknown framework, competency, level and group, repeats', () => {
    const { bundle, issues } = load(`
id: test-rules
name: { vi: Quy tắc thử }
mappingRelations: [equivalent, cousin]
groups:
  - targetGroup: citizens
    requirements:
      - { competency: "nope-1:1.1", minLevel: 1 }
      - { competency: "qd757-v1:9.9", minLevel: 1 }
      - { competency: "qd757-v1:0.1", minLevel: 3 }
      - { competency: "tt02-2025:4.2", minLevel: 2 }
      - { competency: "tt02-2025:4.2", minLevel: 2 }
  - targetGroup: citizens
    requirements:
      - { competency: "qd757-v1:0.2", minLevel: 1 }
  - targetGroup: farmers
    requirements:
      - { competency: "qd757-v1:0.2", minLevel: 1 }
`);
    expect(bundle).toBeUndefined();
    const file = 'indicators/universalisation.yaml';
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file, field: 'mappingRelations.1' }),
        expect.objectContaining({ file, field: 'groups.2.targetGroup' }),
      ]),
    );
    // zod problems first; with them fixed, the semantic ones all come at once
    const second = load(`
id: test-rules
name: { vi: Quy tắc thử }
groups:
  - targetGroup: citizens
    requirements:
      - { competency: "nope-1:1.1", minLevel: 1 }
      - { competency: "qd757-v1:9.9", minLevel: 1 }
      - { competency: "qd757-v1:0.1", minLevel: 3 }
      - { competency: "tt02-2025:4.2", minLevel: 2 }
      - { competency: "tt02-2025:4.2", minLevel: 2 }
  - targetGroup: citizens
    requirements:
      - { competency: "qd757-v1:0.2", minLevel: 1 }
`);
    expect(second.bundle).toBeUndefined();
    expect(second.issues.map((i) => [i.field, i.message.split(':')[0]])).toEqual([
      ['groups.0.requirements.0.competency', 'unknown framework "nope-1"'],
      ['groups.0.requirements.1.competency', 'unknown competency "9.9" in framework "qd757-v1"'],
      ['groups.0.requirements.2.minLevel', 'expected one of the levels of "qd757-v1"'],
      ['groups.0.requirements.4.competency', 'expected each competency once per group ("tt02-2025'],
      ['groups.1.targetGroup', 'expected each target group once ("citizens" repeats)'],
    ]);
  });

  it('refuses a group without requirements and a malformed reference; no file means no rules', () => {
    const bad = load(`
id: test-rules
name: { vi: Quy tắc thử }
groups:
  - targetGroup: students
    requirements: []
  - targetGroup: citizens
    requirements:
      - { competency: "qd757-v1", minLevel: 1 }
`);
    expect(bad.issues.map((i) => i.field)).toEqual([
      'groups.0.requirements',
      'groups.1.requirements.0.competency',
    ]);
    const none = load(undefined);
    expect(none.issues).toEqual([]);
    expect(none.bundle!.universalisationRules).toBeUndefined();
  });

  it('gives equal rules the same version and a change a new one', () => {
    const text = (level: number) => `
id: test-rules
name: { vi: Quy tắc thử }
groups:
  - targetGroup: citizens
    requirements:
      - { competency: "tt02-2025:4.2", minLevel: ${level} }
`;
    const a = load(text(1)).bundle!.universalisationRules!.contentHash;
    expect(load(text(1)).bundle!.universalisationRules!.contentHash).toBe(a);
    expect(load(text(2)).bundle!.universalisationRules!.contentHash).not.toBe(a);
  });
});
