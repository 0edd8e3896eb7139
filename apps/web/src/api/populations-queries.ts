import type { PopulationListQuery } from '@hocvuso/contracts';
import { populationsApi } from './populations-api';
import { apiKey, apiPrefix, apiQuery } from './query';

/** The GET operations of the populations pages. */
export const populationsQueries = {
  imports: () => apiQuery('/admin/population-imports', {}, (signal) => populationsApi.imports(signal)),
  importReport: (id: string) =>
    apiQuery(`/admin/population-imports/${encodeURIComponent(id)}`, {}, (signal) =>
      populationsApi.importReport(id, signal),
    ),
  figures: (query: PopulationListQuery) =>
    apiQuery('/admin/populations', { ...query }, (signal) => populationsApi.figures(query, signal)),
};

/** What an import makes out of date (prefixes for `useInvalidate`). */
export const populationsChangedBy = {
  /** Any attempt adds to the import log; an applied one changes the figures and the dashboards' denominators. */
  import: (applied: boolean) => [
    apiKey('/admin/population-imports'),
    ...(applied ? [apiKey('/admin/populations'), apiPrefix('/coverage')] : []),
  ],
};
