import { LANGUAGES, TARGET_GROUPS } from '@hocvuso/domain';
import type { CourseListParams } from '../../api/client';

/** Length filters offered in the catalogue, in minutes. */
export const DURATION_CHOICES = [30, 60, 120] as const;

export interface CatalogueQuery {
  q: string;
  targetGroup: NonNullable<CourseListParams['targetGroup']> | '';
  maxMinutes: string;
  language: NonNullable<CourseListParams['language']> | '';
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
    language: oneOf(params.get('language'), LANGUAGES),
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
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}
