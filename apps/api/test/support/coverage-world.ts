import { execute, type Queryable } from '@hocvuso/db';

/**
 * STAND-IN until the coverage context's fold is on main (then this calls its fold query function instead): folds
 * pending facts into coverage_rollups and recomputes coverage_registered from learner_profiles, creating the
 * tables as the shared design describes them when their migration is absent. Not for landing as is.
 */
export async function foldAll(db: Queryable): Promise<void> {
  await execute(
    db,
    `CREATE TABLE IF NOT EXISTS coverage_rollups (place_kind text NOT NULL, place_id uuid NOT NULL,
       target_group text NOT NULL, sub_group text NOT NULL, measure text NOT NULL, month date NOT NULL,
       count bigint NOT NULL, PRIMARY KEY (place_kind, place_id, target_group, sub_group, measure, month))`,
  );
  await execute(
    db,
    `CREATE TABLE IF NOT EXISTS coverage_registered (place_kind text NOT NULL, place_id uuid NOT NULL,
       target_group text NOT NULL, sub_group text NOT NULL, count bigint NOT NULL,
       PRIMARY KEY (place_kind, place_id, target_group, sub_group))`,
  );
  await execute(
    db,
    `WITH f AS (UPDATE coverage_facts SET rolled_up = true WHERE NOT rolled_up RETURNING *),
     places AS (
       SELECT 'unit' AS kind, u.id, f.* FROM f JOIN administrative_units u ON f.unit_path LIKE u.path || '%'
       UNION ALL
       SELECT 'all', '00000000-0000-0000-0000-000000000000'::uuid, f.* FROM f
       UNION ALL
       SELECT 'organisation', o.id, f.* FROM f
         JOIN LATERAL (WITH RECURSIVE up(id) AS (SELECT f.organisation_id UNION ALL
           SELECT og.parent_id FROM up JOIN organisations og ON og.id = up.id WHERE og.parent_id IS NOT NULL)
           SELECT id FROM up WHERE id IS NOT NULL) o ON true
     ),
     subs AS (SELECT kind, id, target_group, '' AS sub_group, measure, achieved_at FROM places
              UNION ALL SELECT kind, id, target_group, unnest(sub_groups), measure, achieved_at FROM places)
     INSERT INTO coverage_rollups (place_kind, place_id, target_group, sub_group, measure, month, count)
     SELECT kind, id, target_group, sub_group, measure,
            date_trunc('month', achieved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*)
       FROM subs GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (place_kind, place_id, target_group, sub_group, measure, month)
       DO UPDATE SET count = coverage_rollups.count + EXCLUDED.count`,
  );
  await execute(db, `DELETE FROM coverage_registered`);
  await execute(
    db,
    `WITH p AS (SELECT lp.user_id, lp.unit_path, lp.organisation_id, g.g AS target_group,
                       CASE WHEN o.kind IS NULL THEN '{}'::text[] ELSE ARRAY['org:' || o.kind] END AS subs
                  FROM learner_profiles lp LEFT JOIN organisations o ON o.id = lp.organisation_id
                  CROSS JOIN LATERAL unnest(lp.target_groups || '{*}'::text[]) AS g(g)),
     places AS (
       SELECT 'unit' AS kind, u.id, p.* FROM p JOIN administrative_units u ON p.unit_path LIKE u.path || '%'
       UNION ALL SELECT 'all', '00000000-0000-0000-0000-000000000000'::uuid, p.* FROM p
       UNION ALL SELECT 'organisation', p.organisation_id, p.* FROM p WHERE p.organisation_id IS NOT NULL
     ),
     subs AS (SELECT kind, id, target_group, '' AS sub_group FROM places
              UNION ALL SELECT kind, id, target_group, unnest(subs) FROM places)
     INSERT INTO coverage_registered SELECT kind, id, target_group, sub_group, count(*) FROM subs GROUP BY 1, 2, 3, 4`,
  );
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
