import { request } from './client';

/** One of the caller's own roster imports (GET /api/admin/rosters). */
export interface RosterImportItem {
  id: string;
  courseIds: string[];
  summary: { created?: number; invited?: number; matched?: number; rejected?: number };
  createdAt: string;
}

export const rosterImportsApi = {
  mine: (signal?: AbortSignal) => request<{ items: RosterImportItem[] }>('GET', '/admin/rosters', { signal }),
};
