import { isVietnamesePhone } from '../../components/phone';

/** The one-time codes community helpers hand over: eight digits. */
export const SIGN_IN_CODE_DIGITS = 8;

export type SignInCodeField = 'phone' | 'code';
export type SignInCodeProblem = 'phoneRequired' | 'INVALID_PHONE' | 'codeRequired' | 'codeInvalid';

/**
 * The code as typed or pasted from a message ("1234 5678", "1234-5678", full-width digits from a Vietnamese
 * keyboard) as the digits the api expects.
 */
export function normalizeSignInCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s.\-\u2010-\u2015]/g, '');
}

/** The phone number as typed, with full-width digits made plain (the api normalises the rest). */
export function normalizeSignInPhone(input: string): string {
  return input.normalize('NFKC').trim();
}

/** What is wrong with the form before asking the server, per field, in the order the form shows them. */
export function signInCodeProblems(values: {
  phone: string;
  code: string;
}): Partial<Record<SignInCodeField, SignInCodeProblem>> {
  const problems: Partial<Record<SignInCodeField, SignInCodeProblem>> = {};
  const phone = normalizeSignInPhone(values.phone);
  if (!phone) problems.phone = 'phoneRequired';
  else if (!isVietnamesePhone(phone)) problems.phone = 'INVALID_PHONE';
  const code = normalizeSignInCode(values.code);
  if (!code) problems.code = 'codeRequired';
  else if (!new RegExp(`^[0-9]{${SIGN_IN_CODE_DIGITS}}$`).test(code)) problems.code = 'codeInvalid';
  return problems;
}
