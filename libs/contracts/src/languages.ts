import { LANGUAGE_STATUSES } from '@hocvuso/domain';
import { z } from 'zod';
import { languageCodeSchema } from './common';

/** One language of content/languages.yaml as GET /api/languages gives it (docs/languages.md). */
export const languageInfoSchema = z.object({
  code: languageCodeSchema,
  /** Its name in itself, shown in the language switcher. */
  endonym: z.string(),
  name: z.object({ vi: z.string(), en: z.string() }),
  script: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  ui: z.boolean(),
  content: z.boolean(),
  /** `sample-needs-native-review`: the web shows a notice while it is chosen. */
  status: z.enum(LANGUAGE_STATUSES),
});
export type LanguageInfoResponse = z.infer<typeof languageInfoSchema>;

/** GET /api/languages: every configured language, in the order of the file. */
export const languagesResponseSchema = z.object({ items: z.array(languageInfoSchema) });
export type LanguagesResponse = z.infer<typeof languagesResponseSchema>;
