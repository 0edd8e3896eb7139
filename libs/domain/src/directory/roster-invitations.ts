/** How a roster row's person hears about it. */
export type InvitationChannel = 'email' | 'code' | 'notification' | 'none';

export interface InvitationCandidate {
  status: 'created' | 'matched';
  email: string | null;
  /** Courses this upload newly enrolled the person in. */
  newCourseIds: readonly string[];
}

/**
 * A new account with an e-mail address gets an invitation e-mail (a link to choose a password); a new
 * phone-only account gets a one-time sign-in code for the administrator to hand over (there is no SMS); an
 * existing account newly enrolled in a course gets an in-app notification, unless its owner turned those off.
 * Anyone already enrolled in every course of the upload (a re-upload) gets nothing, so nobody is invited twice.
 */
export function invitationChannel(row: InvitationCandidate, inAppEnabled: boolean): InvitationChannel {
  if (row.newCourseIds.length === 0) return 'none';
  if (row.status === 'created') return row.email ? 'email' : 'code';
  return inAppEnabled ? 'notification' : 'none';
}
