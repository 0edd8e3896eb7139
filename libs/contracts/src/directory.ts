import { ORGANISATION_KINDS } from '@hocvuso/domain';
import { z } from 'zod';
import { clampedLimit, clampedPage, optionalUuid, pageSchema, safeText } from './common';

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
  unit: z.object({ id: z.string().uuid(), name: z.string() }),
});
export type OrganisationItem = z.infer<typeof organisationItemSchema>;

export const organisationListResponseSchema = pageSchema(organisationItemSchema);
export type OrganisationListResponse = z.infer<typeof organisationListResponseSchema>;
