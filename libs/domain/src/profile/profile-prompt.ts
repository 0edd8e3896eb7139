/** How long a dismissed "tell us your place and group" prompt stays away. */
export const PROFILE_PROMPT_AGAIN_AFTER_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a learner should be asked (again) for their target group and place: while either is missing, unless
 * they dismissed the prompt less than PROFILE_PROMPT_AGAIN_AFTER_DAYS ago (`now` is the database clock).
 */
export function profilePromptDue(p: {
  targetGroups: readonly string[];
  hasPlace: boolean;
  dismissedAt: Date | null;
  now: Date;
}): boolean {
  if (p.targetGroups.length > 0 && p.hasPlace) return false;
  if (p.dismissedAt === null) return true;
  return p.now.getTime() - p.dismissedAt.getTime() >= PROFILE_PROMPT_AGAIN_AFTER_DAYS * DAY_MS;
}
