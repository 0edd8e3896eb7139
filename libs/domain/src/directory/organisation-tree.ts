import type { RowRejection } from './rows';

/** One organisation row of an import, as far as the hierarchy is concerned. */
export interface TreeRow {
  line: number;
  code: string;
  parentCode: string | null;
}

export interface TreePlan {
  /** The codes of the rows to write, every parent before its sub-units (then by line). */
  order: string[];
  rejected: RowRejection[];
}

/** How many organisations of a cycle a message names before it says "…". */
const SHOWN = 8;

/**
 * How deep a tree of organisations may go (a top organisation is level 1): a province's agency, its
 * departments, their offices… never come near it, and the cap keeps every check short whatever a file holds.
 */
export const MAX_ORGANISATION_DEPTH = 10;

/**
 * Decides which rows of an organisation import may be written so that the organisations stay a forest: every
 * parent exists (stored, or a row of the same file that is itself accepted) and no chain of parents comes back
 * to where it started. `stored` gives the stored parent code (or null) of every stored organisation the rows
 * can reach: the rows' own codes when stored, the parents they name and the stored ancestors of those. A row
 * of the file replaces its stored parent; a refused row leaves the stored one as it is.
 *
 * Refused: a parent that exists nowhere, a parent refused in the same file (its sub-units follow it out), every
 * row of a cycle (each names the cycle), and a row that would sit deeper than MAX_ORGANISATION_DEPTH levels.
 */
export function planOrganisationTree(
  rows: readonly TreeRow[],
  stored: ReadonlyMap<string, string | null>,
): TreePlan {
  const accepted = new Map(rows.map((r) => [r.code, r]));
  const refused = new Map<string, { line: number; message: string }>();
  const parentOf = (code: string): string | null | undefined =>
    accepted.has(code) ? accepted.get(code)!.parentCode : stored.get(code);
  const exists = (code: string) => accepted.has(code) || stored.has(code);
  const refuse = (row: TreeRow, message: string) => {
    accepted.delete(row.code);
    refused.set(row.code, { line: row.line, message });
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const row of [...accepted.values()]) {
      if (!accepted.has(row.code) || row.parentCode === null) continue;
      const parent = row.parentCode;
      if (!exists(parent)) {
        const out = refused.get(parent);
        refuse(
          row,
          out
            ? `the parent organisation ${parent} (line ${out.line}) was refused`
            : `no organisation ${parent}: add it first, or in the same file`,
        );
        changed = true;
        continue;
      }
      // Walk up from the row: coming back to it is a cycle through it; a walk longer than the cap without
      // coming back is a tree too deep, unless it circles a cycle elsewhere (refused when its rows come up).
      const path = [row.code];
      const seen = new Set(path);
      let current: string | null | undefined = parent;
      while (
        current !== null &&
        current !== undefined &&
        !seen.has(current) &&
        path.length < MAX_ORGANISATION_DEPTH
      ) {
        seen.add(current);
        path.push(current);
        current = parentOf(current);
      }
      if (current === row.code) {
        const shown = path.length > SHOWN ? [...path.slice(0, SHOWN), '…'] : [...path, row.code];
        const message = `parent_code would make a cycle: ${shown.join(' → ')}`;
        for (const code of path) {
          const member = accepted.get(code);
          if (member) refuse(member, message);
        }
        changed = true;
      } else if (current !== null && current !== undefined && !seen.has(current)) {
        refuse(row, `an organisation may sit at most ${MAX_ORGANISATION_DEPTH} levels deep`);
        changed = true;
      }
    }
  }

  // Bounded, so even a stored cycle (which the database refuses) could not hang the import.
  const depth = (code: string): number => {
    let d = 0;
    for (
      let c = parentOf(code);
      c !== null && c !== undefined && d <= MAX_ORGANISATION_DEPTH;
      c = parentOf(c)
    )
      d += 1;
    return d;
  };
  const order = [...accepted.values()]
    .map((r) => ({ r, d: depth(r.code) }))
    .sort((a, b) => a.d - b.d || a.r.line - b.r.line)
    .map(({ r }) => r.code);
  const rejected = [...refused.entries()]
    .map(([code, { line, message }]) => ({ line, key: code, errors: [{ field: 'parent_code', message }] }))
    .sort((a, b) => a.line - b.line);
  return { order, rejected };
}
