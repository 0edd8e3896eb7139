import { LEARNER_STATUSES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import type { LearnerFilter } from '../../api/access-types';

/** The learner list's filters as the page keeps them: what the api gets, and the unit's path for the picker. */
export interface LearnerFilterForm {
  filter: Partial<LearnerFilter>;
  /** Only for the unit picker to start from the chosen unit after a reload (never sent to the api). */
  unitPath?: string;
}

const oneOf = <T extends string>(codes: readonly T[], value: string | null): T | undefined =>
  (codes as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATH = /^(\/[A-Za-z0-9]{1,20})+\/$/;

/** Reads the filters from the page's address; anything malformed is left out rather than sent. */
export function learnerFilterFromParams(params: URLSearchParams): LearnerFilterForm {
  const unitId = params.get('unitId') ?? '';
  const unitPath = params.get('unitPath') ?? '';
  const organisationId = params.get('organisationId') ?? '';
  return {
    filter: {
      q: params.get('q')?.trim() || undefined,
      unitId: UUID.test(unitId) ? unitId : undefined,
      organisationId: UUID.test(organisationId) ? organisationId : undefined,
      targetGroup: oneOf(TARGET_GROUPS, params.get('targetGroup')),
      subGroup: oneOf(SUB_GROUPS, params.get('subGroup')),
      status: oneOf(LEARNER_STATUSES, params.get('status')),
    },
    unitPath: UUID.test(unitId) && PATH.test(unitPath) ? unitPath : undefined,
  };
}

/** The page's address for these filters (the first page). */
export function learnerFilterParams(form: LearnerFilterForm): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(form.filter)) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) next.set(key, text);
  }
  if (form.filter.unitId && form.unitPath) next.set('unitPath', form.unitPath);
  return next;
}
