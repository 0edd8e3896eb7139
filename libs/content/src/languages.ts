import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILT_IN_LANGUAGES,
  LANGUAGE_CODE_PATTERN,
  LANGUAGE_STATUSES,
  type LanguageInfo,
  languageListProblems,
} from '@hocvuso/domain';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ContentIssue } from './issues';

export const LANGUAGES_FILE = 'languages.yaml';

const name = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text').max(100);

/** content/languages.yaml (docs/languages.md); the list rules (vi present and complete…) are the domain's. */
export const languagesFileSchema = z.strictObject({
  languages: z
    .array(
      z.strictObject({
        code: z
          .string({ error: 'expected a BCP-47 code such as "vi" or "hmn"' })
          .regex(LANGUAGE_CODE_PATTERN, 'expected a BCP-47 code such as "vi" or "hmn"'),
        endonym: name,
        name: z.strictObject({ vi: name, en: name }),
        script: z
          .string({ error: 'expected an ISO 15924 script code such as Latn' })
          .regex(/^[A-Z][a-z]{3}$/, 'expected an ISO 15924 script code such as Latn'),
        direction: z.enum(['ltr', 'rtl'], { error: 'expected ltr or rtl' }).default('ltr'),
        ui: z.boolean({ error: 'expected true or false' }),
        content: z.boolean({ error: 'expected true or false' }),
        status: z.enum(LANGUAGE_STATUSES, { error: `expected one of ${LANGUAGE_STATUSES.join(', ')}` }),
      }),
    )
    .min(1, 'expected at least one language'),
});

/**
 * The languages of a content folder: `<root>/languages.yaml` checked against its schema and the list rules, or
 * Vietnamese and English when the folder has no such file (a test fixture, an older folder). Reads only.
 */
export function readLanguagesFile(root: string): { languages?: LanguageInfo[]; issues: ContentIssue[] } {
  const path = join(root, LANGUAGES_FILE);
  if (!existsSync(path)) return { languages: [...BUILT_IN_LANGUAGES], issues: [] };
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      issues: doc.errors.map((e) => ({
        file: LANGUAGES_FILE,
        field: e.linePos?.[0]?.line ? `line ${e.linePos[0].line}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]!}`,
      })),
    };
  const parsed = languagesFileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((i) => ({
        file: LANGUAGES_FILE,
        field: i.path.join('.'),
        message: i.message,
      })),
    };
  const languages: LanguageInfo[] = parsed.data.languages.map((l) => ({
    ...l,
    endonym: l.endonym.normalize('NFC'),
    name: { vi: l.name.vi.normalize('NFC'), en: l.name.en.normalize('NFC') },
  }));
  const problems = languageListProblems(languages);
  if (problems.length > 0)
    return { issues: problems.map((p) => ({ file: LANGUAGES_FILE, field: p.path, message: p.message })) };
  return { languages, issues: [] };
}
