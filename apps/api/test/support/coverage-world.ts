import { execute, foldCoverage, type Queryable } from '@hocvuso/db';
import type { DataSource } from 'typeorm';

/** Folds everything pending into the rollups with the worker's own fold (libs/db foldCoverage). */
export async function foldAll(db: DataSource): Promise<void> {
  await foldCoverage(db, { batchSize: 1000 });
}

/** The official population of a place for the year 2026 (a statistics office's figure, revision 1). */
export async function setPopulation(
  db: Queryable,
  kind: 'unit' | 'organisation',
  placeId: string,
  targetGroup: string,
  value: number,
  subGroup = '',
): Promise<void> {
  await execute(
    db,
    `INSERT INTO populations (place_kind, place_id, target_group, sub_group, period, period_start, period_end, source, value, revision)
     VALUES ($1, $2, $3, $4, '2026', '2026-01-01', '2026-12-31', 'Cục Thống kê (thử)', $5, 1)`,
    [kind, placeId, targetGroup, subGroup, value],
  );
}
