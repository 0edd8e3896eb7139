import { execute, type Queryable } from './queryable';

/** The learner profile of a person a helper registered: their groups and the unit (id and path) they live in. */
export async function insertAssistedProfile(
  db: Queryable,
  p: { userId: string; targetGroups: string[]; subGroups: string[]; unitId: string; unitPath: string },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path) VALUES ($1, $2, $3, $4, $5)`,
    [p.userId, p.targetGroups, p.subGroups, p.unitId, p.unitPath],
  );
}

/**
 * Records that a helper created the account on the person's behalf, and where: only such accounts, in the
 * helper's own area, may later be given a new sign-in code.
 */
export async function insertAssistedOrigin(
  db: Queryable,
  o: { userId: string; createdBy: string; unitId: string; unitPath: string },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO account_origins (user_id, origin, created_by, unit_id, unit_path) VALUES ($1, 'assisted_registration', $2, $3, $4)`,
    [o.userId, o.createdBy, o.unitId, o.unitPath],
  );
}

/** A consent (or refusal) the person gave in person, recorded by the helper. */
export async function insertInPersonConsent(
  db: Queryable,
  c: { userId: string; purpose: string; textVersion: string; granted: boolean; recordedBy: string },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO consents (user_id, purpose, text_version, channel, granted, recorded_by) VALUES ($1, $2, $3, 'in_person', $4, $5)`,
    [c.userId, c.purpose, c.textVersion, c.granted, c.recordedBy],
  );
}
