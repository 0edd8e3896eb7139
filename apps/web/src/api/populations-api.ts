import type {
  PopulationImportList,
  PopulationImportReport,
  PopulationListQuery,
  PopulationListResponse,
} from '@hocvuso/contracts';
import { request } from './client';

/** A population sheet as the api takes it: the file's bytes with its media type (docs/populations.md). */
export interface PopulationSheetUpload {
  content: Blob;
  contentType: string;
  /** The file's name as the person chose it (only the characters the api accepts). */
  fileName?: string;
}

/** The official populations' calls (context: populations), downloaded with their pages. */
export const populationsApi = {
  /** All or nothing; `dryRun` checks and reports what would happen, writing only the log entry. */
  importSheet: (sheet: PopulationSheetUpload, dryRun: boolean) =>
    request<PopulationImportReport>('POST', '/admin/populations/import', {
      query: { dryRun: dryRun ? 'true' : undefined, fileName: sheet.fileName },
      raw: { content: sheet.content, contentType: sheet.contentType },
    }),
  /** The caller's own imports (dry runs and refused files included), newest first. */
  imports: (signal?: AbortSignal) =>
    request<PopulationImportList>('GET', '/admin/population-imports', { signal }),
  importReport: (id: string, signal?: AbortSignal) =>
    request<PopulationImportReport>('GET', `/admin/population-imports/${encodeURIComponent(id)}`, { signal }),
  /** The figures of one unit or organisation of the caller's area, each with its revisions. */
  figures: (query: PopulationListQuery, signal?: AbortSignal) =>
    request<PopulationListResponse>('GET', '/admin/populations', { query, signal }),
};
