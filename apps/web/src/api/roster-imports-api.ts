import type { RosterImportItem, RosterImportsResponse } from '@hocvuso/contracts';
import { request } from './client';

/** One of the caller's own roster imports (GET /api/admin/rosters). */
export type { RosterImportItem };

export const rosterImportsApi = {
  mine: (signal?: AbortSignal) => request<RosterImportsResponse>('GET', '/admin/rosters', { signal }),
};
