import { ORGANISATION_KINDS } from '@hocvuso/domain';
import { z } from 'zod';
import { clampedLimit, clampedPage, optionalUuid, pageSchema, queryFlag, safeText } from './common';

export const ORGANISATION_LIMIT_DEFAULT = 20;
export const ORGANISATION_LIMIT_MAX = 50;

/**
 * Query of GET /api/organisations. `unitId` narrows to the organisations of that unit and the units under it;
 * `q` matches the start of the code or the start of words of the name, without diacritics. Paging is clamped,
 * never rejected; a malformed `unitId`, an over-long `q` or an unknown parameter is 400 VALIDATION_FAILED.
 */
export const organisationListQuerySchema = z.strictObject({
  unitId: optionalUuid(),
  q: safeText({ max: 100 }).optional(),
  page: clampedPage(1_000),
  limit: clampedLimit(ORGANISATION_LIMIT_DEFAULT, ORGANISATION_LIMIT_MAX),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

/** Query of GET /api/units: the provinces, or the children of `parent` (an empty `parent` means none). */
export const unitListQuerySchema = z.strictObject({ parent: optionalUuid() });
export type UnitListQuery = z.infer<typeof unitListQuerySchema>;

export const organisationKindSchema = z.enum(ORGANISATION_KINDS);

export const organisationItemSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: organisationKindSchema,
  /** The organisation this one is a sub-unit of (agency → unit), or null for a top organisation. */
  parentId: z.string().uuid().nullable(),
  unit: z.object({ id: z.string().uuid(), name: z.string() }),
});
export type OrganisationItem = z.infer<typeof organisationItemSchema>;

export const organisationListResponseSchema = pageSchema(organisationItemSchema);
export type OrganisationListResponse = z.infer<typeof organisationListResponseSchema>;

export const UNIT_LEVEL_VALUES = ['province', 'commune', 'village'] as const;
export const unitLevelSchema = z.enum(UNIT_LEVEL_VALUES);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

/** GET /api/units[?parent=]: units valid today (the rows as stored, snake_case). */
export const unitItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  level: unitLevelSchema,
  name: z.string(),
  path: z.string(),
  parent_id: z.string().nullable(),
  valid_from: z.string(),
  valid_to: z.string().nullable(),
  successor_codes: z.array(z.string()),
});
export type UnitItem = z.infer<typeof unitItemSchema>;
export const unitsResponseSchema = z.object({ items: z.array(unitItemSchema) });
export type UnitsResponse = z.infer<typeof unitsResponseSchema>;

/** `?dryRun=true` checks only; a repeated or unreadable value is 400, never silently a real import. */
export const directoryImportQuerySchema = z.strictObject({ dryRun: queryFlag() });
export type DirectoryImportQuery = z.infer<typeof directoryImportQuerySchema>;

export const rowRejectionSchema = z.object({
  line: z.number().int(),
  key: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type RowRejection = z.infer<typeof rowRejectionSchema>;

/** POST /api/admin/units/import and /api/admin/organisations/import. */
export const directoryImportReportSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(rowRejectionSchema),
});
export type DirectoryImportReport = z.infer<typeof directoryImportReportSchema>;
