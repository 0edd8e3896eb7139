import type { CoverageQuery, CoveragePlace } from '@hocvuso/contracts';

/** What the dashboard's address says: the place, the filters and the indicator compared below. */
export interface CoverageView {
  query: CoverageQuery;
  indicator: string | undefined;
}

const value = (params: URLSearchParams, name: string) => params.get(name)?.trim() || undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the view from the query string; a malformed id is dropped (the caller's own place is shown). */
export function viewOf(params: URLSearchParams): CoverageView {
  const unitId = value(params, 'unitId');
  const organisationId = value(params, 'organisationId');
  const targetGroup = value(params, 'targetGroup') as CoverageQuery['targetGroup'];
  const subGroup = targetGroup ? value(params, 'subGroup') : undefined;
  const query: CoverageQuery = {};
  if (unitId && UUID.test(unitId)) query.unitId = unitId;
  else if (organisationId && UUID.test(organisationId)) query.organisationId = organisationId;
  if (targetGroup) query.targetGroup = targetGroup;
  if (subGroup) query.subGroup = subGroup;
  const plan = value(params, 'plan');
  if (plan) query.plan = plan;
  return { query, indicator: value(params, 'indicator') };
}

/** The address of the same view for another place (drill-down or a breadcrumb), keeping filters and indicator. */
export function hrefFor(place: Pick<CoveragePlace, 'kind' | 'id'>, view: CoverageView): string {
  const params = new URLSearchParams();
  if (place.kind === 'unit' && place.id) params.set('unitId', place.id);
  if (place.kind === 'organisation' && place.id) params.set('organisationId', place.id);
  if (view.query.plan) params.set('plan', view.query.plan);
  if (view.query.targetGroup) params.set('targetGroup', view.query.targetGroup);
  if (view.query.subGroup) params.set('subGroup', view.query.subGroup);
  if (view.indicator) params.set('indicator', view.indicator);
  const text = params.toString();
  return `/admin/coverage${text ? `?${text}` : ''}`;
}

/** The place part of a query (for the trend and the ranking of the same place). */
export const placeQuery = (query: CoverageQuery) =>
  query.unitId
    ? { unitId: query.unitId }
    : query.organisationId
      ? { organisationId: query.organisationId }
      : {};
