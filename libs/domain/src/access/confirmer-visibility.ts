import { rolesHolding } from './permissions';

export interface Confirmer {
  displayName: string | null;
  /** The confirmer's account was de-identified (their name is gone for good). */
  deidentified: boolean;
  /** The roles the confirmer holds now. */
  rolesNow: readonly string[];
}

export interface ConfirmerShown {
  /** The confirming role they hold (the first in the permission table's order), or null when they hold none now. */
  role: string | null;
  /** Their name, only when it may be shown (see below); otherwise null and the role says who it was. */
  name: string | null;
}

/**
 * How a person is shown who confirmed something about them face to face (a declaration, an in-person learning
 * record), on their profile and in their own data export alike: a helper acts in an official capacity, so the person is told the helper's name
 * while the helper still holds a role that confirms (`identity.confirm`) and has not been de-identified. A helper
 * who has left that role, or erased their account, is shown by their role only (null when none is held any more):
 * their name is their own personal data once they no longer act for the platform.
 */
export function confirmerShownToPerson(c: Confirmer | null): ConfirmerShown | null {
  if (!c) return null;
  const confirming = rolesHolding('identity.confirm');
  const role = confirming.find((r) => c.rolesNow.includes(r)) ?? null;
  const named = role !== null && !c.deidentified && c.displayName !== null;
  return { role, name: named ? c.displayName : null };
}
