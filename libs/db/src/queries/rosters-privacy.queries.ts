import { execute, type Queryable } from './queryable';

// The rosters' part of a person's data rights: invitations nobody can answer once the account is de-identified.

/** Drops the person's pending roster invitations (answered ones stay: they record an enrolment's origin). */
export function erasePendingRosterInvitations(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM roster_invitations WHERE user_id = $1 AND status = 'pending'`, [userId]);
}
