import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  bankBalanceProblems,
  type BankQuestion,
  type LocalizedText,
  PLACEMENT_MAX_ITEMS,
  PLACEMENT_MIN_ITEMS,
  TARGET_GROUPS,
} from '@hocvuso/domain';
import type { FrameworkData, PlacementTestData } from '@hocvuso/contracts';
import { z } from 'zod';
import { contentHash } from './hash';
import type { IssueList } from './issues';
import { type Question, questionSchema } from './schemas';

/** content/placement/<group>.yaml: a short placement test over the group's framework (docs/placement.md). */
export const placementFileSchema = z.strictObject({
  targetGroup: z.enum(TARGET_GROUPS, { error: `expected one of ${TARGET_GROUPS.join(', ')}` }),
  framework: z.string({ error: 'expected a framework id' }).regex(/^[a-z0-9.-]+$/, 'expected a framework id'),
  questions: z
    .array(questionSchema)
    .min(PLACEMENT_MIN_ITEMS, `expected at least ${PLACEMENT_MIN_ITEMS} questions`)
    .max(PLACEMENT_MAX_ITEMS, `expected at most ${PLACEMENT_MAX_ITEMS} questions`),
});

type ReadYaml = <S extends z.ZodType>(path: string, schema: S) => z.infer<S> | undefined;
type ValidateQuestions = (
  questions: Question[],
  file: string,
  requireLangs: (file: string, field: string, text: LocalizedText | undefined) => void,
  checkRef: (file: string, field: string, ref: string) => void,
) => void;

/**
 * Reads content/placement/*.yaml: one test per target group, the file named after it. Every question is a quiz
 * bank question (the same checks: unique ids, one right option for single choice, …), written in Vietnamese
 * and English, tagged with a competency of the test's own framework (an unknown framework or competency, or one
 * of another framework, is refused), and the bank must not give its answers away by position or length.
 * No folder, no tests.
 */
export function loadPlacementTests(
  root: string,
  frameworks: readonly FrameworkData[],
  issues: IssueList,
  readYaml: ReadYaml,
  validateQuestions: ValidateQuestions,
): PlacementTestData[] | undefined {
  const dir = join(root, 'placement');
  if (!existsSync(dir)) return undefined;
  const byId = new Map(frameworks.map((f) => [f.id, f]));
  const tests: PlacementTestData[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    const file = `placement/${f}`;
    const before = issues.count;
    const parsed = readYaml(join(dir, f), placementFileSchema);
    if (!parsed) continue;
    if (`${parsed.targetGroup}.yaml` !== f)
      issues.add(file, 'targetGroup', `expected "${f.replace(/\.yaml$/, '')}" (the file name)`);
    const framework = byId.get(parsed.framework);
    if (!framework)
      issues.add(
        file,
        'framework',
        `unknown framework "${parsed.framework}": expected one of ${[...byId.keys()].join(', ')}`,
      );
    const codes = new Set(framework?.competencies.map((c) => c.code));
    const requireBoth = (at: string, field: string, text: LocalizedText | undefined) => {
      if (!text?.en) issues.add(at, field, 'expected an English text (en) beside the Vietnamese');
    };
    const checkRef = (at: string, field: string, ref: string) => {
      const [fw, code] = ref.split(':') as [string, string];
      if (fw !== parsed.framework)
        issues.add(
          at,
          field,
          `expected a competency of "${parsed.framework}" (the test's framework), not "${ref}"`,
        );
      else if (framework && !codes.has(code))
        issues.add(
          at,
          field,
          `unknown competency "${ref}": expected a code of framework "${parsed.framework}"`,
        );
    };
    validateQuestions(parsed.questions, file, requireBoth, checkRef);
    const seen = new Set<string>();
    for (const lang of ['vi', 'en']) {
      for (const problem of bankBalanceProblems(parsed.questions as BankQuestion[], { lang })) {
        if (seen.has(problem.rule)) continue;
        seen.add(problem.rule);
        issues.add(file, 'questions', `${problem.message} (in "${lang}")`);
      }
    }
    if (issues.count > before) continue;
    tests.push({
      targetGroup: parsed.targetGroup,
      framework: parsed.framework,
      questions: parsed.questions,
      contentHash: contentHash({ framework: parsed.framework, questions: parsed.questions }),
    });
  }
  return tests;
}
