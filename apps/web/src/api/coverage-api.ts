import type {
  CoverageQuery,
  CoverageRankingQuery,
  CoverageRankingResponse,
  CoverageResponse,
  CoverageTrendQuery,
  CoverageTrendResponse,
  PlansResponse,
} from '@hocvuso/contracts';
import { request } from './client';

/** The coverage dashboards' reads (context: coverage): indicators of a place, their trend and the ranking. */
export const coverageApi = {
  plans: (signal?: AbortSignal) => request<PlansResponse>('GET', '/indicators', { signal }),
  coverage: (query: CoverageQuery, signal?: AbortSignal) =>
    request<CoverageResponse>('GET', '/coverage', { query, signal }),
  trend: (query: CoverageTrendQuery, signal?: AbortSignal) =>
    request<CoverageTrendResponse>('GET', '/coverage/trend', { query, signal }),
  ranking: (query: CoverageRankingQuery, signal?: AbortSignal) =>
    request<CoverageRankingResponse>('GET', '/coverage/ranking', { query, signal }),
};
