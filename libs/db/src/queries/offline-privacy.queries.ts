import type { OfflineEventRow } from './offline.queries';
import { type Queryable, selectRows } from './queryable';

// The offline context's part of a person's data rights (docs/identity-and-access.md). De-identification keeps
// the rows, as it keeps lesson and video progress: ids, times and verdicts, tied to the de-identified account.

export interface OfflineDownloadExportRow {
  course_id: string;
  downloaded_at: Date;
}

/** The courses the person downloaded for offline use, and when first. */
export function offlineDownloadsForExport(
  db: Queryable,
  userId: string,
): Promise<OfflineDownloadExportRow[]> {
  return selectRows<OfflineDownloadExportRow>(
    db,
    `SELECT course_id, downloaded_at FROM offline_downloads WHERE user_id = $1 ORDER BY downloaded_at, course_id`,
    [userId],
  );
}

export interface OfflineEventExportRow {
  event_id: string;
  course_id: string;
  lesson_id: string;
  kind: OfflineEventRow['kind'];
  status: OfflineEventRow['status'];
  reason: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  seconds: number | null;
  passed: boolean | null;
  received_at: Date;
}

/** Every offline event the person's devices synced, with its verdict, oldest first. */
export function offlineEventsForExport(db: Queryable, userId: string): Promise<OfflineEventExportRow[]> {
  return selectRows<OfflineEventExportRow>(
    db,
    `SELECT event_id, course_id, lesson_id, kind, status, reason, started_at, ended_at, seconds, passed, received_at
       FROM offline_events WHERE user_id = $1 ORDER BY received_at, event_id`,
    [userId],
  );
}
