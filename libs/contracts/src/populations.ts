// Official populations (denominators): the sheet import's report, the import log and the figures with their
// revisions (docs/populations.md).
import { z } from 'zod';
import { queryFlag } from './common';

/** POST /api/admin/populations/import?dryRun=&fileName= (body: text/csv or an XLSX workbook). */
export const populationImportQuerySchema = z.strictObject({
  dryRun: queryFlag(),
  /** The file's name as the person chose it, for the import log (letters, digits, spaces, . _ - ( )). */
  fileName: z
    .string()
    .max(200)
    .regex(/^[\p{L}\p{N} ._()-]*$/u, 'letters, digits, spaces, dots, dashes, underscores and brackets')
    .optional(),
});
export type PopulationImportQuery = z.infer<typeof populationImportQuerySchema>;

export const populationRowErrorSchema = z.object({
  /** The column (`unit_code`, `count`…) or `place` for a problem of the row's key. */
  field: z.string(),
  /** A stable code per kind of problem (unknown_place, unit_ended, count_negative, duplicate…). */
  code: z.string(),
  /** In English; the web shows its own words for the code. */
  message: z.string(),
});

export const populationRowRejectionSchema = z.object({
  line: z.number().int(),
  /** The row's unit or organisation code as written. */
  key: z.string().optional(),
  /** The row's target group as written. */
  targetGroup: z.string().optional(),
  errors: z.array(populationRowErrorSchema),
});
export type PopulationRowRejection = z.infer<typeof populationRowRejectionSchema>;

export const populationImportSummarySchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  periods: z.array(z.string()),
  sources: z.array(z.string()),
  dryRun: z.boolean(),
  /** True when the figures were written (not a dry run, and no row was refused). */
  applied: z.boolean(),
  /** Data rows in the file. */
  rows: z.number().int(),
  created: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  /** Refused rows: any refused row means nothing was written. */
  rejected: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type PopulationImportSummary = z.infer<typeof populationImportSummarySchema>;

/** The report of one import (the answer of the import, and GET /api/admin/population-imports/:id). */
export const populationImportReportSchema = populationImportSummarySchema.extend({
  /** Every refused row with every problem, by line (the header is line 1). */
  rejectedRows: z.array(populationRowRejectionSchema),
  /** What happened (or would happen, for a dry run) to each accepted row. */
  accepted: z.array(
    z.object({
      line: z.number().int(),
      status: z.enum(['created', 'revised', 'unchanged']),
      revision: z.number().int().nullable(),
    }),
  ),
});
export type PopulationImportReport = z.infer<typeof populationImportReportSchema>;

export const populationImportListSchema = z.object({ items: z.array(populationImportSummarySchema) });
export type PopulationImportList = z.infer<typeof populationImportListSchema>;

/** GET /api/admin/populations: one place (a unit or an organisation), optionally one period. */
export const populationListQuerySchema = z
  .strictObject({
    unitId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
    /** A year (2025), a half (2025-H1) or a quarter (2025-Q3). */
    period: z
      .string()
      .regex(/^\d{4}(-Q[1-4]|-H[12])?$/)
      .optional(),
  })
  .refine((q) => (q.unitId ? 1 : 0) + (q.organisationId ? 1 : 0) === 1, {
    message: 'give exactly one of unitId and organisationId',
    path: ['unitId'],
  });
export type PopulationListQuery = z.infer<typeof populationListQuerySchema>;

export const populationRevisionSchema = z.object({
  revision: z.number().int(),
  value: z.number().int(),
  importId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  current: z.boolean(),
});

export const populationFigureRowSchema = z.object({
  targetGroup: z.string(),
  /** '' for the whole group. */
  subGroup: z.string(),
  period: z.string(),
  source: z.string(),
  /** The current revision's value. */
  value: z.number().int(),
  revision: z.number().int(),
  /** Every revision, newest first. */
  revisions: z.array(populationRevisionSchema),
});
export type PopulationFigureRow = z.infer<typeof populationFigureRowSchema>;

export const populationListResponseSchema = z.object({
  place: z.object({
    kind: z.enum(['unit', 'organisation']),
    id: z.string(),
    code: z.string(),
    name: z.string(),
  }),
  items: z.array(populationFigureRowSchema),
});
export type PopulationListResponse = z.infer<typeof populationListResponseSchema>;
