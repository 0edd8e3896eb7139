import { isContentLanguage, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import type { CourseListParams } from '../../api/client';

/** Length filters offered in the catalogue, in minutes. */
export const DURATION_CHOICES = [30, 60, 120] as const;

/** Proficiency levels a course may name (the api accepts 1–8, the levels of DigComp 2.2). */
export const LEVEL_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** `framework:code`, as GET /api/courses?competency= accepts it (libs/contracts catalog.ts). */
const COMPETENCY_REF = /^[a-z0-9.-]{1,60}:[0-9.]{1,20}$/;

export interface CatalogueQuery {
  q: string;
  targetGroup: NonNullable<CourseListParams['targetGroup']> | '';
  maxMinutes: string;
  language: NonNullable<CourseListParams['language']> | '';
  subGroup: NonNullable<CourseListParams['subGroup']> | '';
  /** `framework:code`, for example `tt02-2025:4.2`. */
  competency: string;
  level: string;
  page: number;
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : '';

/**
 * Reads the catalogue's search from the address bar. Unknown values are dropped rather than sent,
 * so a hand-edited or old link still shows courses instead of an error.
 */
export function readCatalogueQuery(params: URLSearchParams): CatalogueQuery {
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    targetGroup: oneOf(params.get('targetGroup'), TARGET_GROUPS),
    maxMinutes: oneOf(params.get('maxMinutes'), DURATION_CHOICES.map(String)),
    // A content language of GET /api/languages (the registry the header's switcher keeps up to date).
    language: isContentLanguage(params.get('language')) ? (params.get('language') as string) : '',
    subGroup: oneOf(params.get('subGroup'), SUB_GROUPS),
    competency: COMPETENCY_REF.test(params.get('competency') ?? '')
      ? (params.get('competency') as string)
      : '',
    level: oneOf(params.get('level'), LEVEL_CHOICES.map(String)),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The address-bar form of a search; empty values and page 1 are left out to keep links short. */
export function catalogueSearchParams(query: Partial<CatalogueQuery>): URLSearchParams {
  const params = new URLSearchParams();
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (query.targetGroup) params.set('targetGroup', query.targetGroup);
  if (query.maxMinutes) params.set('maxMinutes', query.maxMinutes);
  if (query.language) params.set('language', query.language);
  if (query.subGroup) params.set('subGroup', query.subGroup);
  if (query.competency) params.set('competency', query.competency);
  if (query.level) params.set('level', query.level);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}

/** How many filters (not the words searched) are in use, said on the folded filters' summary. */
export function activeFilterCount(query: CatalogueQuery): number {
  return [
    query.targetGroup,
    query.subGroup,
    query.competency,
    query.level,
    query.maxMinutes,
    query.language,
  ].filter(Boolean).length;
}
