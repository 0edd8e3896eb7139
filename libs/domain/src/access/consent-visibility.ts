/** The consent purpose by which a person agrees that their commune or agency sees their name and progress. */
export const SHARE_WITH_UNIT_PURPOSE = 'data-sharing-unit';

export interface ListedPerson {
  /** The person's latest answer for SHARE_WITH_UNIT_PURPOSE is "yes". */
  sharesWithUnit: boolean;
  /** The organisation (employer, agency) the person is placed in. */
  organisationId: string | null;
}

/**
 * The consent rule for every list, export and report an administrator reads about people of their area:
 * - staff under their own agency's mandate are named: someone placed in an organisation, read by that
 *   organisation's administrators or in a mandate of that organisation (their employer's duty);
 * - everyone else is counted, and named (name, e-mail, phone, unit) only with their consent to share with
 *   their unit (`data-sharing-unit`, the latest answer counts, withdrawing hides them again).
 * `organisationIds` are the organisations whose staff the list concerns: the reader's organisation grants,
 * or the organisation a mandate is for.
 */
export function isNamedInList(person: ListedPerson, organisationIds: readonly string[]): boolean {
  return (
    person.sharesWithUnit ||
    (person.organisationId !== null && organisationIds.includes(person.organisationId))
  );
}
