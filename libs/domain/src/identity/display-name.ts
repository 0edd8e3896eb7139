import { ValidationError } from '../errors';
import { cleanText, unsafeCharacter } from '../text/safe-text';

export const DISPLAY_NAME_MAX_LENGTH = 120;

/**
 * Why a display name cannot be used as given (after NFC and trimming), or undefined when it can. A name is
 * printed on certificates and in CSV exports, so it is one line of visible text: no control characters (ANSI
 * escapes), line breaks, text-direction overrides or zero-width characters. Vietnamese typed with combining
 * marks is fine: it is stored composed (NFC).
 */
export function displayNameProblem(input: string): string | undefined {
  const name = cleanText(input);
  if (name.length === 0) return 'The name is empty.';
  if (name.length > DISPLAY_NAME_MAX_LENGTH)
    return `The name is longer than ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  const unsafe = unsafeCharacter(name, 'single-line');
  if (unsafe) return `The name contains ${unsafe}; use letters, spaces and punctuation only.`;
  return undefined;
}

/**
 * The one rule for display names, wherever a name enters (sign-up, profile, assisted registration, rosters,
 * identity providers) or leaves on a document (certificates): NFC, trimmed, inner runs of spaces collapsed;
 * throws 400 INVALID_DISPLAY_NAME for a name `displayNameProblem` refuses.
 */
export function normalizeDisplayName(input: string): string {
  const problem = displayNameProblem(input);
  if (problem) throw new ValidationError('INVALID_DISPLAY_NAME', problem, { field: 'displayName' });
  return cleanText(input).replace(/ {2,}/g, ' ');
}
