import type { PlanData } from '@hocvuso/contracts';
import type { CoveragePlanDefinition } from '@hocvuso/domain';
import { type Queryable, selectOne, selectRows } from './queryable';

/**
 * Coverage plans (content/indicators/<plan-id>.yaml; docs/coverage.md), as the content importer stores them.
 */

export interface CoveragePlanRow {
  id: string;
  definition: CoveragePlanDefinition;
  content_hash: string;
  imported_at: Date;
}

export interface PlanImportStats {
  plansChanged: number;
  plansRetired: number;
}

/**
 * Writes the folder's plans (inside the import's transaction): a plan whose content hash is unchanged is not
 * touched; a plan no longer in the folder is marked retired (kept: reports name it) and comes back when its
 * file does.
 */
export async function importPlans(db: Queryable, items: readonly PlanData[]): Promise<PlanImportStats> {
  let plansChanged = 0;
  for (const p of items) {
    plansChanged += (
      await selectRows<{ changed: number }>(
        db,
        `INSERT INTO coverage_plans (id, definition, content_hash) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, content_hash = EXCLUDED.content_hash,
                imported_at = now(), retired_at = NULL
          WHERE coverage_plans.content_hash <> EXCLUDED.content_hash OR coverage_plans.retired_at IS NOT NULL
         RETURNING 1 AS changed`,
        [p.id, JSON.stringify(p.definition), p.contentHash],
      )
    ).length;
  }
  const retired = (
    await selectRows<{ retired: number }>(
      db,
      `UPDATE coverage_plans SET retired_at = now() WHERE retired_at IS NULL AND NOT (id = ANY ($1::text[])) RETURNING 1 AS retired`,
      [items.map((p) => p.id)],
    )
  ).length;
  return { plansChanged, plansRetired: retired };
}

/** The plans in force (not retired), by id. */
export function plans(db: Queryable): Promise<CoveragePlanRow[]> {
  return selectRows<CoveragePlanRow>(
    db,
    `SELECT id, definition, content_hash, imported_at FROM coverage_plans WHERE retired_at IS NULL ORDER BY id`,
  );
}

/** One plan by id, retired ones included (a report of an old period names its plan). */
export function plan(db: Queryable, id: string): Promise<CoveragePlanRow | undefined> {
  return selectOne<CoveragePlanRow>(
    db,
    `SELECT id, definition, content_hash, imported_at FROM coverage_plans WHERE id = $1`,
    [id],
  );
}
