import type { ScopeFilter } from '@hocvuso/domain';

/**
 * SQL condition for rows of a table alias whose unit path / organisation lie in an admin's scope, with its
 * three parameters numbered from `startAt` (always three, global or not, so fixed-position SQL can use it):
 * `$startAt` is "global", `$startAt+1` the unit-path prefixes, `$startAt+2` the organisation ids.
 * Paths are chains of [A-Za-z0-9] codes, so a LIKE prefix cannot be widened by the data.
 */
export function scopeCondition(
  alias: string,
  f: ScopeFilter,
  startAt: number,
  organisationColumn = 'organisation_id',
): { sql: string; params: [boolean, string[], string[]] } {
  return {
    sql: `($${startAt}::boolean OR ${alias}.unit_path LIKE ANY ($${startAt + 1}::text[]) OR ${alias}.${organisationColumn} = ANY ($${startAt + 2}::uuid[]))`,
    params: [f.global, f.unitPaths.map((p) => `${p}%`), f.organisationIds],
  };
}

/**
 * SQL: the person `userColumn` agreed, by their latest answer, that their unit sees their name and progress
 * (consent purpose `data-sharing-unit`). The consent rule itself is isNamedInList in the domain.
 */
export const sharesWithUnit = (userColumn: string) =>
  `coalesce((SELECT c.granted FROM consents c WHERE c.user_id = ${userColumn} AND c.purpose = 'data-sharing-unit'
              ORDER BY c.at DESC, c.id DESC LIMIT 1), false)`;
