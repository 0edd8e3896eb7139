import {
  contentLanguageCodes,
  FACT_MEASURES,
  isContentLanguage,
  SUB_GROUPS,
  TARGET_GROUPS,
} from '@hocvuso/domain';
import { z } from 'zod';

export const slug = z
  .string({ error: 'expected a kebab-case id string' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as "screen-lock"')
  .max(80, 'expected at most 80 characters');

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');

const notAContentLanguage = (code: string) =>
  `"${code}" is not a content language of languages.yaml (${contentLanguageCodes().join(', ')})`;

/**
 * A map from content language (languages.yaml, read by loadContent before anything else) to text, with at least
 * `vi`; a language the map lacks shows in Vietnamese.
 */
export const localized = z
  .object({ vi: text }, { error: 'expected a map of language to text, with at least vi' })
  .catchall(text)
  .superRefine((map, ctx) => {
    for (const code of Object.keys(map))
      if (!isContentLanguage(code))
        ctx.addIssue({ code: 'custom', path: [code], message: notAContentLanguage(code) });
  });

const code = z
  .string({ error: 'expected a code string in quotes, such as "4.1"' })
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'expected a code such as "4.1"');
const competencyRef = z
  .string({ error: 'expected framework:code' })
  .regex(/^[a-z0-9.-]+:[0-9]+(\.[0-9]+)*$/, 'expected framework:code, for example tt02-2025:4.1');
const language = z.string({ error: 'expected a language code such as vi' }).superRefine((code, ctx) => {
  if (!isContentLanguage(code)) ctx.addIssue({ code: 'custom', message: notAContentLanguage(code) });
});

export const targetGroupsFileSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({ code: z.enum(TARGET_GROUPS), name: localized, description: localized.optional() }),
    )
    .min(1),
  subGroups: z
    .array(z.strictObject({ code: z.enum(SUB_GROUPS), name: localized, description: localized.optional() }))
    .default([]),
});

export const frameworkFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9.-]+$/, 'expected a framework id such as tt02-2025'),
  version: z
    .union([z.string(), z.number()], { error: 'expected a version label such as "1.0"' })
    .transform(String),
  name: localized,
  source: z.record(z.string(), z.unknown()).default({}),
  notes: localized.optional(),
  levels: z
    .array(z.strictObject({ code: z.number().int().min(1), name: localized, band: localized.optional() }))
    .min(1, 'expected at least one level'),
  domains: z
    .array(
      z.strictObject({
        code,
        name: localized,
        description: localized.optional(),
        provisional: z.boolean().default(false),
        targetGroups: z.array(z.enum(TARGET_GROUPS)).default([]),
        competencies: z
          .array(
            z.strictObject({
              code,
              name: localized,
              description: localized.optional(),
              provisional: z.boolean().default(false),
            }),
          )
          .min(1, 'expected at least one competency'),
      }),
    )
    .min(1, 'expected at least one domain'),
});

export const mappingsFileSchema = z.strictObject({
  mappings: z.array(
    z.strictObject({
      from: competencyRef,
      to: competencyRef,
      relation: z.enum(['equivalent', 'broader', 'narrower', 'related']),
    }),
  ),
});

export const courseFileSchema = z.strictObject({
  id: slug,
  version: z
    .union([z.string(), z.number()], { error: 'expected a version label such as "1.0"' })
    .transform(String),
  defaultLanguage: language.default('vi'),
  /** The course's complete languages: every lesson and every text exists in each. */
  languages: z.array(language).min(1),
  /**
   * Languages some of its texts and lessons are translated into (a sample, a translation under way): a lesson
   * file or a text in one of them is optional, and what is missing shows in Vietnamese.
   */
  partialLanguages: z.array(language).default([]),
  title: localized,
  summary: localized,
  description: localized.optional(),
  targetGroups: z
    .array(z.enum(TARGET_GROUPS, { error: `expected one of ${TARGET_GROUPS.join(', ')}` }))
    .min(1, 'expected at least one target group'),
  subGroups: z.array(z.enum(SUB_GROUPS, { error: `expected one of ${SUB_GROUPS.join(', ')}` })).default([]),
  competencies: z
    .array(z.strictObject({ framework: z.string(), code, level: z.number().int().min(1).max(8).optional() }))
    .min(1, 'expected at least one competency'),
  estimatedMinutes: z.number({ error: 'expected whole minutes from 1 to 600' }).int().min(1).max(600),
  certificate: z.boolean(),
  completion: z.strictObject({
    lessons: z.union([z.literal('all'), z.array(slug).min(1)], {
      error: 'expected "all" or a list of lesson ids',
    }),
    quizzes: z.array(slug).default([]),
  }),
  modules: z
    .array(
      z.strictObject({
        id: slug,
        title: localized,
        lessons: z.array(slug).min(1, 'expected at least one lesson'),
      }),
    )
    .min(1),
  /** Files of the course that no lesson shows (a studio course's materials): `media/<name>`, an image's alt text. */
  materials: z
    .array(z.strictObject({ src: z.string().min(1), alt: text.optional() }))
    .max(500)
    .default([]),
});
export type CourseFile = z.infer<typeof courseFileSchema>;

const videoQuestionBase = {
  id: slug,
  at: z
    .number({ error: 'expected seconds from the start of the video, such as 42.5' })
    .positive('expected seconds after the start of the video'),
  prompt: localized,
  explanation: localized,
};
const videoOption = z.strictObject({ id: slug, text: localized, correct: z.boolean().default(false) });

/** A question pinned at a time of a video lesson (checked against the video by `videoQuestionProblems`). */
export const videoQuestionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...videoQuestionBase, type: z.literal('single'), options: z.array(videoOption) }),
    z.strictObject({ ...videoQuestionBase, type: z.literal('multiple'), options: z.array(videoOption) }),
    z.strictObject({
      ...videoQuestionBase,
      type: z.literal('truefalse'),
      answer: z.boolean({ error: 'expected true or false' }),
    }),
  ],
  { error: 'expected type to be one of single, multiple, truefalse' },
);

/**
 * A lesson's narration in one language (docs/read-aloud.md): `audio: media/x.mp3`, or with the measured length and
 * whether a machine made it (`synthetic: true` until a native speaker records it). Checked by bytes on import.
 */
export const lessonAudioSchema = z.union(
  [
    z
      .string()
      .min(1)
      .transform((src) => ({ src, durationSeconds: undefined, synthetic: false })),
    z.strictObject({
      src: z.string().min(1),
      durationSeconds: z
        .number({ error: 'expected the narration length in seconds, such as 42.5' })
        .positive()
        .max(2 * 3600)
        .optional(),
      synthetic: z.boolean().default(false),
    }),
  ],
  { error: 'expected audio: media/<file>.mp3|.ogg|.m4a, or { src, durationSeconds, synthetic }' },
);
export type LessonAudioFront = z.infer<typeof lessonAudioSchema>;

const lessonBase = {
  id: slug,
  audio: lessonAudioSchema.optional(),
  title: text,
  minutes: z.number({ error: 'expected whole minutes from 1 to 120' }).int().min(1).max(120),
  competencies: z.array(competencyRef).default([]),
};

/** Front matter of a lesson in the course's default language: carries the structural fields. */
export const lessonFrontMatterSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...lessonBase,
      kind: z.literal('text'),
      minReadSeconds: z.number().int().min(0).max(3600).optional(),
    }),
    z.strictObject({
      ...lessonBase,
      kind: z.literal('video'),
      video: z.strictObject({
        src: z.string().min(1),
        hls: z.string().min(1).optional(),
        poster: z.string().min(1).optional(),
        durationSeconds: z
          .number()
          .positive()
          .max(4 * 3600),
        completionThreshold: z.number().min(0.5).max(1).optional(),
        /** The share of the pinned questions to answer for the lesson to complete (default 1: all of them). */
        requiredShare: z
          .number({ error: 'expected a share from 0 to 1, such as 0.5' })
          .min(0, 'expected a share from 0 to 1')
          .max(1, 'expected a share from 0 to 1')
          .optional(),
        questions: z.array(videoQuestionSchema).optional(),
      }),
      captions: z.string().min(1),
    }),
    z.strictObject({
      ...lessonBase,
      kind: z.literal('document'),
      document: z.strictObject({
        src: z.string().min(1),
        mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
      }),
    }),
    z.strictObject({ ...lessonBase, kind: z.literal('checklist'), items: z.array(text).min(1).max(30) }),
    z.strictObject({
      ...lessonBase,
      kind: z.literal('quiz'),
      quiz: z.strictObject({
        bank: slug,
        questionsPerAttempt: z.number().int().min(1).max(100),
        passMark: z.number().int().min(1).max(100),
        timeLimitMinutes: z.number().int().min(1).max(600).optional(),
        maxAttempts: z.number().int().min(1).max(100).optional(),
        /** When results show the answer key: afterPass (default), afterLastAttempt, never. */
        reveal: z.enum(['afterPass', 'afterLastAttempt', 'never']).optional(),
        /** Hours after the last attempt of a set until a new set opens (default 24). */
        retakeCooldownHours: z
          .number()
          .int()
          .min(0)
          .max(24 * 90)
          .optional(),
      }),
    }),
  ],
  { error: 'expected kind to be one of text, video, document, checklist, quiz' },
);
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

/** Front matter of a translation: its own title (and items, captions), other fields only if equal. */
export const translationFrontMatterSchema = z.looseObject({
  id: slug,
  title: text,
  items: z.array(text).optional(),
  captions: z.string().min(1).optional(),
  audio: lessonAudioSchema.optional(),
});

const option = z.strictObject({ id: slug, text: localized, correct: z.boolean().default(false) });
const questionBase = { id: slug, competency: competencyRef, prompt: localized, explanation: localized };

export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      ...questionBase,
      type: z.literal('single'),
      options: z.array(option).min(2, 'expected at least two options'),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('multiple'),
      options: z.array(option).min(2, 'expected at least two options'),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('truefalse'),
      answer: z.boolean({ error: 'expected true or false' }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('ordering'),
      items: z.array(z.strictObject({ id: slug, text: localized })).min(2, 'expected at least two items'),
    }),
  ],
  { error: 'expected type to be one of single, multiple, truefalse, ordering' },
);
export type Question = z.infer<typeof questionSchema>;

export const bankFileSchema = z.strictObject({ id: slug, questions: z.array(questionSchema).min(1) });

const isoDate = z
  .union([z.string(), z.date()], { error: 'expected a date such as 2025-12-31' })
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2025-12-31'));

/** content/indicators/<plan-id>.yaml (see content/indicators/README.md); cross-checks in planProblems. */
export const planFileSchema = z.strictObject({
  id: slug,
  title: localized,
  unitCode: z.union(
    [z.string().regex(/^[A-Za-z0-9]+$/, 'expected an administrative unit code such as "12"'), z.null()],
    {
      error: 'expected a unit code in quotes, or null for everywhere',
    },
  ),
  source: z.strictObject({
    document: text,
    issuer: text,
    issuedOn: z.union([isoDate, z.null()]).default(null),
  }),
  requiredCourses: z.partialRecord(
    z.enum(TARGET_GROUPS, { error: `expected a target group: ${TARGET_GROUPS.join(', ')}` }),
    z.array(slug).min(1, 'expected at least one course id'),
  ),
  indicators: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case indicator code'),
        title: localized,
        targetGroup: z.union([z.enum(TARGET_GROUPS), z.literal('*')], {
          error: `expected a target group (${TARGET_GROUPS.join(', ')}) or "*"`,
        }),
        subGroup: z.string({ error: 'expected a sub-group code, or "" for the whole group' }).default(''),
        measure: z.enum(FACT_MEASURES, { error: `expected a measure: ${FACT_MEASURES.join(', ')}` }),
        denominator: z.enum(['population', 'none'], { error: 'expected population or none' }),
        targets: z
          .array(
            z.strictObject({
              by: isoDate,
              share: z.number({ error: 'expected a share such as 0.8' }).optional(),
              count: z.number({ error: 'expected a number of people' }).optional(),
              strictlyAbove: z.boolean().default(false),
            }),
          )
          .min(1, 'expected at least one target'),
        source: z.strictObject({ document: text, section: text }),
        provisional: z.boolean().default(false),
      }),
    )
    .min(1, 'expected at least one indicator'),
});
export type PlanFile = z.infer<typeof planFileSchema>;
