import type { ReportsQuery } from '@hocvuso/contracts';
import { reportsApi } from './reports-api';
import { apiPrefix, apiQuery } from './query';

/** The GET operations of the periodic reports (the page asks afresh each time: statuses change). */
export const reportsQueries = {
  list: (query: ReportsQuery = {}) =>
    apiQuery('/admin/reports', { ...query }, (signal) => reportsApi.list(query, signal)),
  report: (id: string) =>
    apiQuery(`/admin/reports/${encodeURIComponent(id)}`, {}, (signal) => reportsApi.report(id, signal)),
};

/** What a request, a correction or a submit makes out of date. */
export const reportsChanged = () => [apiPrefix('/admin/reports')];
