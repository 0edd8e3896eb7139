import type { ReportRequest, ReportResponse, ReportsQuery, ReportsResponse } from '@hocvuso/contracts';
import { request } from './client';

/** The periodic reports (context: reports): the scoped list, one revision with its figures, requests, submit. */
export const reportsApi = {
  list: (query: ReportsQuery, signal?: AbortSignal) =>
    request<ReportsResponse>('GET', '/admin/reports', { query, signal }),
  report: (id: string, signal?: AbortSignal) =>
    request<ReportResponse>('GET', `/admin/reports/${encodeURIComponent(id)}`, { signal }),
  /** Asks for a report, or (with correctionOf and a reason) a corrected revision. */
  request: (body: ReportRequest) => request<ReportResponse>('POST', '/admin/reports', { body }),
  submit: (id: string) =>
    request<ReportResponse>('POST', `/admin/reports/${encodeURIComponent(id)}/submit`, {}),
};
