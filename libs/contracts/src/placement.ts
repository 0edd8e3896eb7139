import { SUB_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { attemptQuestionViewSchema } from './assessment';

/** The four official target groups a placement test exists for (content/placement/<group>.yaml). */
const targetGroupCode = z
  .string()
  .regex(/^[a-z]+(-[a-z]+)*$/, 'expected a target group code')
  .max(40);

/** POST /api/placement/attempts: the group to place in; needed only when the profile names none or several. */
export const startPlacementRequestSchema = z.strictObject({ targetGroup: targetGroupCode.optional() });
export type StartPlacementRequest = z.infer<typeof startPlacementRequestSchema>;

/** One answer: an option id, or a list of them (multiple choice, ordering); the same bounds as quiz answers. */
const answer = z.union([z.string().max(100), z.array(z.string().max(100)).max(20)]);

/** POST /api/placement/attempts/:id/submit. At most 12 answers (a test has 8 to 12 items). */
export const submitPlacementRequestSchema = z.strictObject({
  answers: z
    .record(z.string().max(100), answer)
    .refine((a) => Object.keys(a).length <= 12, 'expected at most 12 answers'),
});
export type SubmitPlacementRequest = z.infer<typeof submitPlacementRequestSchema>;

/** A competency named in the learner's language. */
export const placementCompetencySchema = z.object({
  /** `framework:code`. */
  competency: z.string(),
  name: z.string(),
});

/** One course of the personal path. */
export const pathCourseSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  /** The lowest level of the course's competencies in the group's framework. */
  level: z.number().int(),
  /** Competencies of the course the learner has not mastered yet. */
  toLearn: z.array(placementCompetencySchema),
  enrolled: z.boolean(),
  /** The learner's profile sub-groups the course is made for: why it is on the path (empty: for the group alone). */
  forSubGroups: z.array(z.enum(SUB_GROUPS)),
});
export type PathCourse = z.infer<typeof pathCourseSchema>;

/** A placement attempt: its items while open (no answer key, opaque option ids), its result once submitted. */
export const placementAttemptResponseSchema = z.object({
  id: z.uuid(),
  targetGroup: z.string(),
  framework: z.string(),
  status: z.enum(['open', 'submitted']),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  /** The items in the order shown; each names the competency it checks. */
  questions: z.array(attemptQuestionViewSchema.extend({ competency: z.string() })),
  result: z
    .object({
      /** Items answered exactly right, of `total`. */
      correct: z.number().int(),
      total: z.number().int(),
      mastered: z.array(placementCompetencySchema),
      /** Competencies the test checked that the learner did not master. */
      notMastered: z.array(placementCompetencySchema),
      path: z.array(pathCourseSchema),
    })
    .nullable(),
  /** When the learner may take the placement again (null while the attempt is open). */
  retakeAt: z.string().nullable(),
  /** True when this answers a submit of an attempt already submitted (nothing was graded again). */
  replayed: z.boolean().optional(),
});
export type PlacementAttemptResponse = z.infer<typeof placementAttemptResponseSchema>;

/** GET /api/me/path: the learner's path from their latest placement, with what is next. */
export const myPathResponseSchema = z.object({
  /** The group of the latest placement; else the profile's only group; else null (the learner chooses). */
  targetGroup: z.string().nullable(),
  /** Groups with a placement test the learner may choose from. */
  groups: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The attempt still open, to resume. */
  openAttemptId: z.uuid().nullable(),
  latest: z
    .object({
      attemptId: z.uuid(),
      submittedAt: z.string(),
      retakeAt: z.string(),
      mastered: z.array(placementCompetencySchema),
    })
    .nullable(),
  /** Empty until a placement is submitted, or when everything is mastered or completed. */
  path: z.array(pathCourseSchema),
  next: pathCourseSchema.nullable(),
});
export type MyPathResponse = z.infer<typeof myPathResponseSchema>;
