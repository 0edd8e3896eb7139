// Universalisation confirmations, their signed export, declarations and in-person learning
// (context: universalisation; docs/universalisation-exchange.md).
import { z } from 'zod';
import { safeText } from './common';

const uuid = z.uuid({ error: 'expected an id (uuid)' });
const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** PUT /api/me/digital-identity: what the person declares about themself today. */
export const digitalIdentityInputSchema = z.strictObject({
  vneidLevel2: z.boolean(),
  bankAccount: z.boolean(),
});
export type DigitalIdentityInput = z.infer<typeof digitalIdentityInputSchema>;

/** POST /api/admin/learners/:id/digital-identity: what a helper saw face to face (at least one of the two). */
export const helperDigitalIdentityInputSchema = z
  .strictObject({ vneidLevel2: z.boolean().optional(), bankAccount: z.boolean().optional() })
  .refine((v) => v.vneidLevel2 !== undefined || v.bankAccount !== undefined, {
    message: 'expected vneidLevel2 or bankAccount',
  });
export type HelperDigitalIdentityInput = z.infer<typeof helperDigitalIdentityInputSchema>;

const declarationStateSchema = z
  .object({
    value: z.boolean(),
    source: z.enum(['self', 'helper']),
    /** When it was declared or confirmed (ISO, database clock). */
    at: z.string(),
    /**
     * The name of the helper who confirmed it face to face, while they still act in a confirming role (the same rule
     * as the data export); null when the person declared it themself or the helper may no longer be named.
     */
    confirmedBy: z.string().nullable(),
  })
  .nullable();

/** A person's latest declarations (null: never declared). */
export const digitalIdentitySchema = z.object({
  vneidLevel2: declarationStateSchema,
  bankAccount: declarationStateSchema,
});
export type DigitalIdentity = z.infer<typeof digitalIdentitySchema>;

/** POST /api/admin/in-person-learning. `on` is the Vietnam date it happened (not after today). */
export const inPersonLearningInputSchema = z.strictObject({
  userId: uuid,
  courseId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a course id')
    .max(80),
  lessonId: uuid.optional(),
  on: date,
  note: safeText({ max: 1000, multiline: true }).default(''),
});
export type InPersonLearningInput = z.infer<typeof inPersonLearningInputSchema>;

export const inPersonLearningSchema = z.object({
  id: z.string(),
  userId: z.string(),
  courseId: z.string(),
  lessonId: z.string().nullable(),
  on: z.string(),
  note: z.string(),
  recordedAt: z.string(),
  /** false when the same record (person, course, lesson, day) existed: a replay changes nothing. */
  created: z.boolean(),
});
export type InPersonLearning = z.infer<typeof inPersonLearningSchema>;

/** GET /api/admin/universalisation/export: confirmations of a Vietnam-date range, optionally below one unit. */
export const universalisationExportQuerySchema = z
  .strictObject({ from: date, to: date, unitId: uuid.optional() })
  .refine((q) => q.from <= q.to, { message: 'expected from on or before to', path: ['to'] });
export type UniversalisationExportQuery = z.infer<typeof universalisationExportQuerySchema>;

/** One record of the batch (format hvs-universalisation-batch, version 1). */
export const universalisationBatchRecordSchema = z.object({
  confirmationId: z.string(),
  /** `vneid:<subject>` when the person linked VNeID, else `hvs:<pseudonym>`; never a phone or an e-mail. */
  personRef: z.string(),
  targetGroup: z.string(),
  ruleVersion: z.string(),
  confirmedAt: z.string(),
  confirmedOn: z.string(),
  unitCode: z.string().nullable(),
  competencies: z.array(
    z.object({
      competency: z.string(),
      minLevel: z.number(),
      provisional: z.boolean(),
      shownBy: z.string(),
      level: z.number(),
    }),
  ),
});

/** The signed payload of the export (the JWS payload). */
export const universalisationBatchSchema = z.object({
  format: z.literal('hvs-universalisation-batch'),
  version: z.literal(1),
  issuer: z.string(),
  generatedAt: z.string(),
  period: z.object({ from: z.string(), to: z.string(), unitCode: z.string().nullable() }),
  count: z.number(),
  records: z.array(universalisationBatchRecordSchema),
});
export type UniversalisationBatch = z.infer<typeof universalisationBatchSchema>;
