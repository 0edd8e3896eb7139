import { PASSWORD_MIN_LENGTH } from '@hocvuso/domain';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

export type AuthField = 'displayName' | 'identifier' | 'password';
export type FieldErrors = Partial<Record<AuthField, string>>;

const FIELDS: readonly AuthField[] = ['displayName', 'identifier', 'password'];

/** Checks what can be checked without the server, with messages that say how to fix it. */
export function validateAuthForm(
  t: TFunction,
  values: Partial<Record<AuthField, string>>,
  mode: 'sign-in' | 'sign-up',
): FieldErrors {
  const errors: FieldErrors = {};
  if (mode === 'sign-up' && !values.displayName?.trim()) errors.displayName = t('auth.displayNameRequired');
  if (!values.identifier?.trim()) errors.identifier = t('auth.identifierRequired');
  if (!values.password) errors.password = t('auth.passwordRequired');
  else if (mode === 'sign-up' && [...values.password].length < PASSWORD_MIN_LENGTH) {
    errors.password = t('auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  }
  return errors;
}

/**
 * Server answers that belong next to one input (a weak password, a phone number that is not Vietnamese);
 * an empty result means the error concerns the whole form.
 */
export function fieldErrorsFromApi(t: TFunction, error: unknown): FieldErrors {
  if (!isApiError(error)) return {};
  switch (error.code) {
    case 'WEAK_PASSWORD':
      return { password: t('errors.WEAK_PASSWORD') };
    case 'INVALID_EMAIL':
      return { identifier: t('errors.INVALID_EMAIL') };
    case 'INVALID_PHONE':
      return { identifier: t('errors.INVALID_PHONE') };
    case 'VALIDATION_FAILED': {
      const errors: FieldErrors = {};
      const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown }>) : [];
      for (const detail of details) {
        const field = FIELDS.find((f) => f === detail.path);
        if (!field || errors[field]) continue;
        errors[field] =
          field === 'password'
            ? t('auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH })
            : t('auth.invalidField');
      }
      return errors;
    }
    default:
      return {};
  }
}

/** The first field with an error, in the order the form shows them. */
export function firstInvalid(errors: FieldErrors): AuthField | undefined {
  return FIELDS.find((f) => errors[f]);
}
