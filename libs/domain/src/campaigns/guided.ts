/**
 * "People guided" for a campaign: the same rule as the ambassador's badge (guidedMentees,
 * libs/domain/src/ambassadors) — a mentee counts when they complete a course while the mentorship is in force —
 * restricted to completions inside the campaign's period. A person counts once per unit however many courses they
 * complete or ambassadors they had; an ambassador counts each person they guided once.
 */

export interface GuidedCompletion {
  ambassadorId: string;
  menteeId: string;
  /** Where the mentee lives (their profile's unit path), or null when they gave no place. */
  menteeUnitPath: string | null;
  acceptedAt: number;
  endedAt: number | null;
  completedAt: number;
}

const counts = (c: GuidedCompletion, period: { from: number; to: number }) =>
  c.completedAt >= period.from &&
  c.completedAt < period.to &&
  c.completedAt >= c.acceptedAt &&
  (c.endedAt === null || c.completedAt < c.endedAt);

/** Distinct people guided to completion in the period whose place lies below `unitPath`. */
export function peopleGuidedIn(
  rows: readonly GuidedCompletion[],
  unitPath: string,
  period: { from: number; to: number },
): number {
  const people = new Set<string>();
  for (const r of rows)
    if (r.menteeUnitPath?.startsWith(unitPath) && counts(r, period)) people.add(r.menteeId);
  return people.size;
}

/**
 * Per ambassador, the distinct people of the participating units (`unitPaths`) they guided to completion in the
 * period: the person-level rule of the individual awards.
 */
export function guidedByAmbassador(
  rows: readonly GuidedCompletion[],
  unitPaths: readonly string[],
  period: { from: number; to: number },
): Array<{ userId: string; count: number }> {
  const byAmbassador = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!counts(r, period)) continue;
    if (!unitPaths.some((p) => r.menteeUnitPath?.startsWith(p))) continue;
    let set = byAmbassador.get(r.ambassadorId);
    if (!set) byAmbassador.set(r.ambassadorId, (set = new Set()));
    set.add(r.menteeId);
  }
  return [...byAmbassador].map(([userId, set]) => ({ userId, count: set.size }));
}
