import { type Queryable, selectOne, selectRows } from './queryable';

// The learner profile's and consents' part of a person's data rights.

export interface ProfileExportRow {
  target_groups: string[];
  sub_groups: string[];
  accessibility: Record<string, boolean>;
  updated_at: Date;
  unit_id: string | null;
  unit_name: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  household_code: string | null;
}

/** The learner profile with its unit, organisation and household; undefined when the person has none. */
export function profileForExport(db: Queryable, userId: string): Promise<ProfileExportRow | undefined> {
  return selectOne<ProfileExportRow>(
    db,
    `SELECT lp.target_groups, lp.sub_groups, lp.accessibility, lp.updated_at, au.id AS unit_id, au.name AS unit_name, au.path AS unit_path,
              o.id AS organisation_id, o.name AS organisation_name, h.code AS household_code
         FROM learner_profiles lp
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
         LEFT JOIN households h ON h.id = lp.household_id
        WHERE lp.user_id = $1`,
    [userId],
  );
}

export interface ConsentExportRow {
  purpose: string;
  text_version: string;
  channel: string;
  granted: boolean;
  recorded_by_helper: boolean;
  at: Date;
}

/** Every consent decision, oldest first (whether a helper recorded it, not who). */
export function consentsForExport(db: Queryable, userId: string): Promise<ConsentExportRow[]> {
  return selectRows<ConsentExportRow>(
    db,
    `SELECT purpose, text_version, channel, granted, recorded_by IS NOT NULL AS recorded_by_helper, at FROM consents WHERE user_id = $1 ORDER BY at`,
    [userId],
  );
}

/**
 * Keeps only the profile's place and target groups (the denominators of coverage statistics): sub-groups,
 * organisation, household and accessibility settings go. Gives the unit path kept, or undefined without a profile.
 */
export function eraseProfileDetails(
  tx: Queryable,
  userId: string,
): Promise<{ unit_path: string | null } | undefined> {
  return selectOne<{ unit_path: string | null }>(
    tx,
    `UPDATE learner_profiles SET sub_groups = '{}', organisation_id = NULL, household_id = NULL, accessibility = '{}', updated_at = now()
          WHERE user_id = $1 RETURNING unit_path`,
    [userId],
  );
}
