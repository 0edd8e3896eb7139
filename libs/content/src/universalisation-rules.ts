import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TARGET_GROUPS, type UniversalisationRuleSet } from '@hocvuso/domain';
import type { FrameworkData, UniversalisationRulesData } from '@hocvuso/contracts';
import { z } from 'zod';
import { contentHash } from './hash';
import type { IssueList } from './issues';
import { localized } from './schemas';

const RELATIONS = ['equivalent', 'broader', 'narrower', 'related'] as const;

/** content/indicators/universalisation.yaml: per target group, the competencies and minimum levels required. */
export const universalisationRulesFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9.-]+$/, 'expected an id such as qd757-universalisation'),
  name: localized,
  source: z.record(z.string(), z.unknown()).default({}),
  mappingRelations: z
    .array(z.enum(RELATIONS, { error: `expected one of ${RELATIONS.join(', ')}` }))
    .default(['equivalent']),
  groups: z
    .array(
      z.strictObject({
        targetGroup: z.enum(TARGET_GROUPS, { error: `expected one of ${TARGET_GROUPS.join(', ')}` }),
        provisional: z.boolean().default(false),
        requirements: z
          .array(
            z.strictObject({
              competency: z
                .string({ error: 'expected framework:code' })
                .regex(
                  /^[a-z0-9.-]+:[0-9]+(\.[0-9]+)*$/,
                  'expected framework:code, for example qd757-v1:0.1',
                ),
              minLevel: z.number({ error: 'expected a level number' }).int().min(1),
              provisional: z.boolean().default(false),
            }),
          )
          .min(1, 'expected at least one requirement'),
      }),
    )
    .min(1, 'expected at least one target group'),
});

type ReadYaml = <S extends z.ZodType>(path: string, schema: S) => z.infer<S> | undefined;

/**
 * Reads and checks the universalisation rules against the shipped frameworks: every unknown framework,
 * competency, level or repeated group is an issue (all reported at once). No file, no rules.
 */
export function loadUniversalisationRules(
  root: string,
  frameworks: readonly FrameworkData[],
  issues: IssueList,
  readYaml: ReadYaml,
): UniversalisationRulesData | undefined {
  const path = join(root, 'indicators', 'universalisation.yaml');
  if (!existsSync(path)) return undefined;
  const file = 'indicators/universalisation.yaml';
  const before = issues.count;
  const parsed = readYaml(path, universalisationRulesFileSchema);
  if (!parsed) return undefined;
  const byId = new Map(frameworks.map((f) => [f.id, f]));
  const groups = new Set<string>();
  parsed.groups.forEach((g, i) => {
    if (groups.has(g.targetGroup))
      issues.add(
        file,
        `groups.${i}.targetGroup`,
        `expected each target group once ("${g.targetGroup}" repeats)`,
      );
    groups.add(g.targetGroup);
    const seen = new Set<string>();
    g.requirements.forEach((r, j) => {
      const at = `groups.${i}.requirements.${j}`;
      const [framework, code] = r.competency.split(':') as [string, string];
      if (seen.has(r.competency))
        issues.add(
          file,
          `${at}.competency`,
          `expected each competency once per group ("${r.competency}" repeats)`,
        );
      seen.add(r.competency);
      const fw = byId.get(framework);
      if (!fw) {
        issues.add(
          file,
          `${at}.competency`,
          `unknown framework "${framework}": expected one of ${[...byId.keys()].join(', ')}`,
        );
        return;
      }
      if (!fw.competencies.some((c) => c.code === code))
        issues.add(file, `${at}.competency`, `unknown competency "${code}" in framework "${framework}"`);
      const levels = fw.levels.map((l) => l.code);
      if (!levels.includes(r.minLevel))
        issues.add(
          file,
          `${at}.minLevel`,
          `expected one of the levels of "${framework}": ${levels.join(', ')}`,
        );
    });
  });
  if (issues.count > before) return undefined;
  const rules: UniversalisationRuleSet = {
    id: parsed.id,
    name: parsed.name,
    source: parsed.source,
    mappingRelations: parsed.mappingRelations,
    groups: parsed.groups.map((g) => ({
      targetGroup: g.targetGroup,
      provisional: g.provisional,
      requirements: g.requirements.map((r) => {
        const [framework, code] = r.competency.split(':') as [string, string];
        return { framework, code, minLevel: r.minLevel, provisional: r.provisional };
      }),
    })),
  };
  return { rules, contentHash: contentHash(rules) };
}
