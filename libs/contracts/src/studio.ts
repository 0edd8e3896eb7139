import { z } from 'zod';
import { LANGUAGES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { identifierText, safeText } from './common';

/**
 * The teaching studio's course draft. Saving accepts an unfinished draft (empty texts, no lessons yet) as long
 * as its shape is right; publishing checks completeness (see buildStudioCourse in @hocvuso/content).
 */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and single hyphens, such as "bai-1"')
  .max(60);
/** Titles and checklist items are one line; summaries, descriptions and lesson bodies may have line breaks. */
const draftText = (max: number, multiline = false) => safeText({ max, multiline, trim: false });
const localizedDraft = (max: number, multiline = false) =>
  z.strictObject({ vi: draftText(max, multiline).default(''), en: draftText(max, multiline).optional() });

const lessonBase = {
  key: slug,
  title: localizedDraft(200),
  minutes: z.number().int().min(1).max(120),
};

export const studioLessonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...lessonBase, kind: z.literal('text'), body: localizedDraft(50_000, true) }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('checklist'),
    items: z.array(localizedDraft(500)).max(30),
  }),
]);
export type StudioLesson = z.infer<typeof studioLessonSchema>;

export const studioDraftSchema = z.strictObject({
  defaultLanguage: z.enum(LANGUAGES).default('vi'),
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length),
  title: localizedDraft(200),
  summary: localizedDraft(500, true),
  description: localizedDraft(10_000, true),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length),
  subGroups: z.array(z.enum(SUB_GROUPS)).max(SUB_GROUPS.length).default([]),
  competencies: z
    .array(
      z.strictObject({
        framework: z
          .string()
          .regex(/^[a-z0-9.-]+$/)
          .max(40),
        code: z
          .string()
          .regex(/^[0-9]+(\.[0-9]+)*$/, 'expected a code such as "4.1"')
          .max(20),
        level: z.number().int().min(1).max(8).nullable().default(null),
      }),
    )
    .max(20)
    .default([]),
  certificate: z.boolean().default(true),
  lessons: z.array(studioLessonSchema).max(60).default([]),
});
export type StudioDraft = z.infer<typeof studioDraftSchema>;

export const studioCourseCreateSchema = z.strictObject({
  id: slug.min(3, 'expected at least 3 characters'),
  title: draftText(200).pipe(z.string().trim().min(1, 'expected a title')),
  defaultLanguage: z.enum(LANGUAGES).default('vi'),
});
export type StudioCourseCreate = z.infer<typeof studioCourseCreateSchema>;

export const studioDraftSaveSchema = z.strictObject({
  /** The revision the edit started from; a save from an older revision is refused (409 DRAFT_CONFLICT). */
  revision: z.number().int().min(1),
  document: studioDraftSchema,
});
export type StudioDraftSave = z.infer<typeof studioDraftSaveSchema>;

/**
 * A reason a draft cannot be published, by field path (`title.vi`, `lessons.2.body.en`): the api's
 * DRAFT_INCOMPLETE details.problems, and what the editor checks before sending.
 */
export interface DraftProblem {
  field: string;
  message: string;
}

export const studioStaffAddSchema = z.strictObject({
  /** The teacher to add, by email or phone as they sign in. */
  identifier: identifierText(3, 200),
  role: z.enum(['editor', 'owner']).default('editor'),
});
export type StudioStaffAdd = z.infer<typeof studioStaffAddSchema>;

/** A new, empty draft for a course created in the studio. */
export function emptyStudioDraft(title: string, defaultLanguage: (typeof LANGUAGES)[number]): StudioDraft {
  return {
    defaultLanguage,
    languages: [defaultLanguage],
    title: { vi: defaultLanguage === 'vi' ? title : '', ...(defaultLanguage === 'en' ? { en: title } : {}) },
    summary: { vi: '' },
    description: { vi: '' },
    targetGroups: [],
    subGroups: [],
    competencies: [],
    certificate: true,
    lessons: [],
  };
}
