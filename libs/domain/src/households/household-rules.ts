/**
 * Digital families ("Gia đình số"): in each household at least one member learns and guides the rest. Who in a
 * household guides, and whether the household counts for the indicator "households with at least one trained
 * member who guides others", from plain facts the services load.
 */

/** What the rules need to know about one member of a household. */
export interface HouseholdMemberFacts {
  userId: string;
  /** Courses this member completed. */
  completedCourses: number;
  /** Holds the ambassador capability (an approved digital ambassador). */
  isAmbassador: boolean;
  /** The member of the same household this member says guides them (they alone say it), or null. */
  guidedBy: string | null;
}

/** A member is trained once they have completed at least one course. */
export const memberTrained = (m: Pick<HouseholdMemberFacts, 'completedCourses'>): boolean =>
  m.completedCourses > 0;

/**
 * The members who guide: an ambassador, or a trained member whom another member of the household names as
 * their guide. A member naming themselves, or someone outside the household, guides nobody.
 */
export function householdGuides(members: readonly HouseholdMemberFacts[]): string[] {
  const ids = new Set(members.map((m) => m.userId));
  const named = new Set(
    members.flatMap((m) =>
      m.guidedBy !== null && m.guidedBy !== m.userId && ids.has(m.guidedBy) ? [m.guidedBy] : [],
    ),
  );
  return members
    .filter((m) => m.isAmbassador || (memberTrained(m) && named.has(m.userId)))
    .map((m) => m.userId);
}

/**
 * The indicator's rule: a household counts when at least one member is trained and guides others (an
 * ambassador counts only once trained too; a household of one guides nobody in it unless they are an ambassador).
 */
export function householdHasTrainedGuide(members: readonly HouseholdMemberFacts[]): boolean {
  const guides = new Set(householdGuides(members));
  return members.some((m) => guides.has(m.userId) && memberTrained(m));
}

/** One household's result for the rollup: its unit's path and whether it counts. */
export interface HouseholdIndicatorRow {
  unitPath: string;
  counts: boolean;
}

/** Households, and those that count, for a unit: its own and every unit below it. */
export interface HouseholdIndicatorTotal {
  unitPath: string;
  households: number;
  withTrainedGuide: number;
}

/**
 * Rolls the households up to the given units (each unit counts the households of its whole subtree), in the
 * order the units are given.
 */
export function rollUpHouseholds(
  units: readonly string[],
  households: readonly HouseholdIndicatorRow[],
): HouseholdIndicatorTotal[] {
  return units.map((unitPath) => {
    const inside = households.filter((h) => h.unitPath.startsWith(unitPath));
    return {
      unitPath,
      households: inside.length,
      withTrainedGuide: inside.filter((h) => h.counts).length,
    };
  });
}

/** Limits on a member's household invitation links (a household is small; a link is for one person). */
export const HOUSEHOLD_INVITATION_LIMITS = {
  perDay: 10,
  open: 10,
  ttlHours: 7 * 24,
} as const;

export type HouseholdInvitationRefusal =
  'HOUSEHOLD_INVITATION_DAILY_LIMIT' | 'HOUSEHOLD_INVITATION_OPEN_LIMIT';

/** Why one more household invitation link is refused, or undefined when it may be made. */
export function householdInvitationRefusal(counts: {
  createdToday: number;
  open: number;
}): HouseholdInvitationRefusal | undefined {
  if (counts.createdToday >= HOUSEHOLD_INVITATION_LIMITS.perDay) return 'HOUSEHOLD_INVITATION_DAILY_LIMIT';
  if (counts.open >= HOUSEHOLD_INVITATION_LIMITS.open) return 'HOUSEHOLD_INVITATION_OPEN_LIMIT';
  return undefined;
}
