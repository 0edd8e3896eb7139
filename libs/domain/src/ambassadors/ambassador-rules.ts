import type { LocalizedText } from '../catalog';

/**
 * Digital ambassadors ("Đại sứ số"): who may become one, how many invitations they may send, and when they have
 * guided enough people for the badge. Numbers policy depends on are constants here, in one place, with the
 * required courses as data (the `ambassador_requirements` table: global rows and rows per target group).
 */

/** One required course: for everyone (`targetGroup` null) or for learners of one target group. */
export interface AmbassadorRequirement {
  targetGroup: string | null;
  courseId: string;
}

/**
 * The courses a person must have completed to become an ambassador: every global requirement, plus those of
 * each of their target groups, without repeats, in the order given.
 */
export function requiredCoursesFor(
  requirements: readonly AmbassadorRequirement[],
  targetGroups: readonly string[],
): string[] {
  const groups = new Set(targetGroups);
  const out: string[] = [];
  for (const r of requirements)
    if ((r.targetGroup === null || groups.has(r.targetGroup)) && !out.includes(r.courseId))
      out.push(r.courseId);
  return out;
}

/**
 * Whether a person may become an ambassador: every required course completed. With no requirement at all
 * nobody is eligible (a deployment that forgot its data does not hand the role to everyone).
 */
export function ambassadorEligible(
  required: readonly string[],
  completedCourseIds: readonly string[],
): boolean {
  if (required.length === 0) return false;
  const done = new Set(completedCourseIds);
  return required.every((c) => done.has(c));
}

/** Limits on invitation links, per ambassador. */
export const MENTOR_INVITATION_LIMITS = {
  /** New links per ambassador per Vietnam calendar day. */
  perDay: 20,
  /** Links neither used nor expired at any time. */
  open: 30,
  /** How long a link stays valid. */
  ttlHours: 7 * 24,
} as const;

export type MentorInvitationRefusal = 'MENTOR_INVITATION_DAILY_LIMIT' | 'MENTOR_INVITATION_OPEN_LIMIT';

/** Why one more invitation link is refused, or undefined when it may be made. */
export function mentorInvitationRefusal(counts: {
  createdToday: number;
  open: number;
}): MentorInvitationRefusal | undefined {
  if (counts.createdToday >= MENTOR_INVITATION_LIMITS.perDay) return 'MENTOR_INVITATION_DAILY_LIMIT';
  if (counts.open >= MENTOR_INVITATION_LIMITS.open) return 'MENTOR_INVITATION_OPEN_LIMIT';
  return undefined;
}

/** "Each digital ambassador guides at least 5 others." */
export const GUIDED_GOAL = 5;

/** One accepted mentorship: when the mentee accepted and, if so, when it ended. */
export interface MentorshipPeriod {
  menteeId: string;
  acceptedAt: Date;
  endedAt: Date | null;
}

/** One completed course of a mentee. */
export interface MenteeCompletion {
  userId: string;
  completedAt: Date;
}

/**
 * The people an ambassador guided to completion: each mentee counts once, when they completed at least one
 * course while the mentorship was in force (at or after they accepted, before it ended). A course completed
 * before accepting does not count; nor does a second course, a second mentorship row or a repeated completion.
 */
export function guidedMentees(
  mentorships: readonly MentorshipPeriod[],
  completions: readonly MenteeCompletion[],
): string[] {
  const guided = new Set<string>();
  for (const m of mentorships) {
    const counted = completions.some(
      (c) =>
        c.userId === m.menteeId &&
        c.completedAt.getTime() >= m.acceptedAt.getTime() &&
        (m.endedAt === null || c.completedAt.getTime() < m.endedAt.getTime()),
    );
    if (counted) guided.add(m.menteeId);
  }
  return [...guided].sort();
}

/** Whether a number of people guided to completion earns the badge. */
export const guidedGoalReached = (guided: number): boolean => guided >= GUIDED_GOAL;

/** The achievement an ambassador earns; its id is stored with the credential and never renamed. */
export interface AchievementDefinition {
  id: string;
  name: LocalizedText & { en: string };
  description: LocalizedText & { en: string };
  criteria: LocalizedText & { en: string };
}

export const AMBASSADOR_ACHIEVEMENT: AchievementDefinition = {
  id: 'digital-ambassador-guided-5',
  name: {
    vi: 'Đại sứ số: dẫn dắt 5 người hoàn thành khóa học'.normalize('NFC'),
    en: 'Digital ambassador: guided 5 people to completion',
  },
  description: {
    vi: 'Người giữ huy hiệu là đại sứ số đã dẫn dắt ít nhất 5 người học hoàn thành khóa học trên Học vụ số.'.normalize(
      'NFC',
    ),
    en: 'The holder is a digital ambassador who guided at least 5 learners to complete a course on Học vụ số.',
  },
  criteria: {
    vi: `Ít nhất ${GUIDED_GOAL} người đã nhận lời làm người được dẫn dắt, rồi hoàn thành ít nhất một khóa học trong khi được dẫn dắt.`.normalize(
      'NFC',
    ),
    en: `At least ${GUIDED_GOAL} people accepted the ambassador's invitation and then completed at least one course while guided.`,
  },
};

/** Every achievement the platform issues that is not a course, by id. */
export const ACHIEVEMENTS: readonly AchievementDefinition[] = [AMBASSADOR_ACHIEVEMENT];

/** The achievement with this id, or undefined. */
export const achievementDefinition = (id: string): AchievementDefinition | undefined =>
  ACHIEVEMENTS.find((a) => a.id === id);
