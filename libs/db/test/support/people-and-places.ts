import { randomBytes, randomInt } from 'node:crypto';
import { execute, type Queryable, selectOne, selectRows } from '../../src';

/** Minimal rows for the query-module tests: each test builds its own places and people (unique codes). */

export const tag = () => randomBytes(4).toString('hex').toUpperCase();

export interface Places {
  /** Codes: province `P<tag>`, commune `C<tag>`, organisation `ORG-<tag>`. */
  tag: string;
  province: { id: string; path: string };
  commune: { id: string; path: string };
  organisation: { id: string };
}

/** A province, one of its communes (valid since 2025-07-01) and an agency in the commune. */
export async function seedPlaces(db: Queryable): Promise<Places> {
  const t = tag();
  const province = (await selectOne<{ id: string; path: string }>(
    db,
    `INSERT INTO administrative_units (code, level, name, path, valid_from) VALUES ($1, 'province', $2, $3, '2025-07-01') RETURNING id, path`,
    [`P${t}`, `Tỉnh ${t}`, `/P${t}/`],
  ))!;
  const commune = (await selectOne<{ id: string; path: string }>(
    db,
    `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from) VALUES ($1, 'commune', $2, $3, $4, '2025-07-01') RETURNING id, path`,
    [`C${t}`, `Xã ${t}`, province.id, `/P${t}/C${t}/`],
  ))!;
  const organisation = (await selectOne<{ id: string }>(
    db,
    `INSERT INTO organisations (code, name, kind, unit_id) VALUES ($1, $2, 'state_agency', $3) RETURNING id`,
    [`ORG-${t}`, `UBND ${t}`, commune.id],
  ))!;
  return { tag: t, province, commune, organisation };
}

/** A user (with a unique e-mail and phone unless given). */
export async function seedUser(
  db: Queryable,
  over: { name?: string; email?: string | null; phone?: string | null; language?: string } = {},
): Promise<string> {
  const t = tag().toLowerCase();
  const row = await selectOne<{ id: string }>(
    db,
    // A phone counts as confirmed (a helper or a roster vouched for it), as for accounts made other than by sign-up.
    `INSERT INTO users (display_name, email, phone, language, phone_verified_at)
     VALUES ($1, $2, $3::text, $4, CASE WHEN $3::text IS NOT NULL THEN now() END) RETURNING id`,
    [
      over.name ?? `Người ${t}`,
      over.email === undefined ? `${t}@example.test` : over.email,
      over.phone === undefined ? `+843${String(randomInt(0, 100_000_000)).padStart(8, '0')}` : over.phone,
      over.language ?? 'vi',
    ],
  );
  return row!.id;
}

/** A learner profile placed in a unit (and optionally an organisation). */
export async function seedProfile(
  db: Queryable,
  userId: string,
  p: {
    unitId: string | null;
    unitPath: string | null;
    organisationId?: string | null;
    targetGroups?: string[];
  },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
    [userId, p.targetGroups ?? ['citizens'], p.unitId, p.unitPath, p.organisationId ?? null],
  );
}

/** Two published courses of the shipped content (the run database imports it). */
export async function publishedCourses(db: Queryable): Promise<[string, string]> {
  const rows = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM courses WHERE published AND current_version_id IS NOT NULL ORDER BY id LIMIT 2`,
  );
  if (rows.length < 2) throw new Error('the run database has fewer than two published courses');
  return [rows[0]!.id, rows[1]!.id];
}

/** The query-module tests' one rolled-back transaction (see ./world). */
export { rolledBack } from './world';
