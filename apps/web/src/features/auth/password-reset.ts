import {
  isDomainError,
  parseLoginIdentifier,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from '@hocvuso/domain';
import { isApiError } from '../../api/client';

/**
 * The token of the e-mailed link (`/reset-password?token=…`: 32 random bytes, base64url), or undefined when
 * the address carries nothing that could be one.
 */
export function readResetToken(params: URLSearchParams): string | undefined {
  const token = params.get('token')?.trim();
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : undefined;
}

export type ResetRequestProblem = 'identifierRequired' | 'INVALID_EMAIL' | 'INVALID_PHONE';

/**
 * What is wrong with the e-mail or phone number typed to ask for a reset link, before asking the server. A
 * typo is worth pointing out: the server's answer never says whether an account exists.
 */
export function resetRequestProblem(identifier: string): ResetRequestProblem | undefined {
  if (!identifier.trim()) return 'identifierRequired';
  try {
    parseLoginIdentifier(identifier);
    return undefined;
  } catch (e) {
    return isDomainError(e) && e.code === 'INVALID_EMAIL' ? 'INVALID_EMAIL' : 'INVALID_PHONE';
  }
}

export type NewPasswordProblem = 'passwordRequired' | 'passwordTooShort' | 'passwordTooLong' | 'weakPassword';

/**
 * What can be said about a new password before the server checks it. The server also refuses one that
 * contains the person's e-mail address or phone number (answered as WEAK_PASSWORD).
 */
export function newPasswordProblem(password: string): NewPasswordProblem | undefined {
  if (!password) return 'passwordRequired';
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'passwordTooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'passwordTooLong';
  return passwordProblems(password).length > 0 ? 'weakPassword' : undefined;
}

/** A server answer that belongs next to the new-password field; undefined when it concerns the whole form. */
export function newPasswordProblemFromApi(error: unknown): NewPasswordProblem | undefined {
  if (!isApiError(error)) return undefined;
  if (error.code === 'WEAK_PASSWORD') return 'weakPassword';
  if (error.code === 'VALIDATION_FAILED') {
    const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown }>) : [];
    if (details.some((d) => d.path === 'password')) return 'passwordTooShort';
  }
  return undefined;
}
