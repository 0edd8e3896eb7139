import type { ReportSummary } from '@hocvuso/contracts';

/** How the page shows one report revision, decided from its status and the reader's rights. */
export interface ReportView {
  /** The worker has not finished: the page shows the progress bar and keeps asking. */
  pending: boolean;
  /** 0..100 for the progress bar (100 once finished). */
  progress: number;
  /** The frozen figures exist: downloads and the table. */
  downloadable: boolean;
  /** Shows "Submit" (a ready, latest revision, for someone who may generate). */
  canSubmit: boolean;
  /** Shows "Correct" (a finished, latest revision, for someone who may generate). */
  canCorrect: boolean;
  /** Shows "Ask again" (a failed revision: a new request makes a new revision). */
  canRetry: boolean;
  /** The icon shown beside the status word (never colour alone). */
  icon: string;
}

const ICON: Record<ReportSummary['status'], string> = {
  queued: '…',
  generating: '◐',
  ready: '✓',
  submitted: '✔',
  failed: '⚠',
};

/** The view of a report for a reader who may (`canGenerate`) or may not request, submit and correct. */
export function reportView(
  report: Pick<ReportSummary, 'status' | 'progress' | 'supersededBy'>,
  canGenerate: boolean,
): ReportView {
  const pending = report.status === 'queued' || report.status === 'generating';
  const finished = report.status === 'ready' || report.status === 'submitted';
  const latest = report.supersededBy == null;
  return {
    pending,
    progress: finished ? 100 : Math.max(0, Math.min(100, Math.round(report.progress))),
    downloadable: finished,
    canSubmit: canGenerate && report.status === 'ready' && latest,
    canCorrect: canGenerate && finished && latest,
    canRetry: canGenerate && report.status === 'failed' && latest,
    icon: ICON[report.status],
  };
}

/** The first delay between two looks at a report being generated, and the longest. */
export const POLL_FIRST_MS = 1000;
export const POLL_MAX_MS = 15_000;

/**
 * How long to wait before asking again about a report being generated: one second at first, then half as long
 * again after every answer that brought no news (no new progress), up to 15 s; news starts over at one second.
 */
export function nextPollDelay(answersWithoutNews: number): number {
  const n = Number.isFinite(answersWithoutNews) ? Math.max(0, Math.floor(answersWithoutNews)) : 0;
  return Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** Math.min(n, 20)));
}

/** The download addresses of a report (the api's, same origin). */
export function downloadsOf(id: string): Array<{ format: 'xlsx' | 'pdf' | 'csv'; href: string }> {
  const base = `/api/admin/reports/${encodeURIComponent(id)}`;
  return (['xlsx', 'pdf', 'csv'] as const).map((format) => ({ format, href: `${base}.${format}` }));
}

/**
 * The file name a download is saved under (the browser's `download` attribute; the api sends its own in
 * Content-Disposition): ASCII only, e.g. `bao-cao-2026-Q3-tinh-mau-r1.xlsx`.
 */
export function downloadName(
  report: Pick<ReportSummary, 'period' | 'place' | 'revision'>,
  format: string,
): string {
  const place = report.place.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const period = report.period.code.replace(/[^0-9A-Za-z-]+/g, '_');
  return `bao-cao-${period}${place ? `-${place}` : ''}-r${report.revision}.${format}`;
}
