import type { CoverageQuery, CoverageRankingQuery, CoverageTrendQuery } from '@hocvuso/contracts';
import { coverageApi } from './coverage-api';
import { apiQuery } from './query';

/** A minute: the figures are folded from the facts every few seconds and a dashboard is read, not watched. */
const FIGURES = { staleTime: 60_000, gcTime: 5 * 60_000 };

/** The GET operations of the coverage dashboards. */
export const coverageQueries = {
  plans: () => apiQuery('/indicators', {}, (signal) => coverageApi.plans(signal), FIGURES),
  coverage: (query: CoverageQuery) =>
    apiQuery('/coverage', { ...query }, (signal) => coverageApi.coverage(query, signal), FIGURES),
  trend: (query: CoverageTrendQuery) =>
    apiQuery('/coverage/trend', { ...query }, (signal) => coverageApi.trend(query, signal), FIGURES),
  ranking: (query: CoverageRankingQuery) =>
    apiQuery('/coverage/ranking', { ...query }, (signal) => coverageApi.ranking(query, signal), FIGURES),
};
