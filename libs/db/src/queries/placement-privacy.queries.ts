import { type Queryable, selectRows } from './queryable';

// The placement context's part of a person's data rights. De-identification keeps the attempts (they hold no
// identity of their own: answers, grades and competencies, tied to the de-identified account).

export interface PlacementAttemptExportRow {
  id: string;
  target_group: string;
  framework_id: string;
  started_at: Date;
  submitted_at: Date | null;
  answers: Record<string, unknown> | null;
  mastered: string[] | null;
}

/** The person's placement attempts with their own answers and the competencies found mastered, oldest first. */
export function placementAttemptsForExport(
  db: Queryable,
  userId: string,
): Promise<PlacementAttemptExportRow[]> {
  return selectRows<PlacementAttemptExportRow>(
    db,
    `SELECT id, target_group, framework_id, started_at, submitted_at, answers, mastered
       FROM placement_attempts WHERE user_id = $1 ORDER BY started_at, id`,
    [userId],
  );
}
