import { organisationExists, type Queryable, unitPathById } from '@hocvuso/db';
import { notFound } from '../errors/not-found';

/**
 * The scope a role grant or a mandate would have: a unit's path, or an organisation (404 when it does not
 * exist). Shared by the learners (grants) and mandates contexts.
 */
export async function targetScope(
  db: Queryable,
  unitId: string | null,
  organisationId: string | null,
): Promise<{ unitPath: string | null; organisationId: string | null }> {
  if (unitId) {
    const path = await unitPathById(db, unitId);
    if (path === undefined) throw notFound('unit');
    return { unitPath: path, organisationId: null };
  }
  if (organisationId && !(await organisationExists(db, organisationId))) throw notFound('organisation');
  return { unitPath: null, organisationId };
}
