export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password rule (NIST SP 800-63B style): length matters, composition rules do not.
 * Returns the reasons a password is refused; empty when it is acceptable.
 */
export function passwordProblems(password: string, identifiers: string[] = []): string[] {
  const problems: string[] = [];
  // Count characters as a person sees them: NFC code points, so a decomposed "ậ" is one character.
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (identifiers.some((id) => id.length >= 4 && lower.includes(id.toLowerCase()))) {
    problems.push('must not contain your e-mail or phone number');
  }
  if (/^(.)\1+$/.test(password)) problems.push('must not repeat one character');
  return problems;
}
