import type { TFunction } from 'i18next';
import { CLIENT_ERROR_CODES, isApiError } from '../api/client';
import { formatSeconds } from '../i18n/format';

/**
 * Error codes that have their own translated message under `errors.<CODE>`. Codes only the account pages,
 * the admin area or the teaching studio meet have their message in that section's strings (loaded with those pages).
 */
const TRANSLATED = new Set([
  'NETWORK_ERROR',
  'INTERNAL_ERROR',
  'UNAVAILABLE',
  'UNAUTHENTICATED',
  'CSRF_INVALID',
  'ACCOUNT_EXISTS',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'WEAK_PASSWORD',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'VALIDATION_FAILED',
  'COURSE_NOT_FOUND',
  'LESSON_NOT_FOUND',
  'NOT_ENROLLED',
  'LESSON_NOT_OPENED',
  'LESSON_KIND_MISMATCH',
  'ROUTE_NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'QUIZ_ATTEMPTS_EXHAUSTED',
  'QUIZ_ATTEMPT_CLOSED',
  'QUIZ_TIME_LIMIT_EXCEEDED',
  'QUIZ_ATTEMPT_NOT_FOUND',
  'INVALID_ANSWERS',
  'INVALID_CHECKLIST_ITEM',
  'FORBIDDEN',
  'CERTIFICATE_NOT_FOUND',
  'CERTIFICATE_NOT_ISSUED',
  'CERTIFICATE_REVOKED',
  'UNIT_NOT_FOUND',
  'UNIT_TOO_BROAD',
  'ORGANISATION_NOT_FOUND',
  'MANDATE_NOT_FOUND',
  'LEARNER_NOT_FOUND',
  'CSV_REQUIRED',
  'CSV_MALFORMED',
  'CSV_COLUMNS_MISSING',
  'CSV_TOO_MANY_ROWS',
  'RESET_TOKEN_INVALID',
  'SIGN_IN_CODE_INVALID',
  'PHONE_CODE_INVALID',
  'RESET_CODE_INVALID',
  'PHONE_ALREADY_VERIFIED',
  'NO_PHONE',
  'SMS_DAILY_LIMIT',
  'SMS_RESEND_TOO_SOON',
  'OIDC_LINK_NOT_FOUND',
  'OIDC_ALREADY_LINKED',
  'REAUTHENTICATION_REQUIRED',
  'SESSION_NOT_FOUND',
  'PASSWORD_REQUIRED',
  'PASSWORD_INCORRECT',
  'ACCOUNT_NOT_FOUND',
  'ALREADY_DEIDENTIFIED',
  'COURSE_ID_TAKEN',
  'COURSE_NOT_EDITABLE',
  'COURSE_ACTION_FORBIDDEN',
  'DRAFT_CONFLICT',
  'DRAFT_INCOMPLETE',
  'TEACHER_NOT_FOUND',
  'LAST_OWNER',
  'REVIEW_REQUIRED',
  'REVIEW_STATE',
  'REVIEW_STALE',
  'REVIEW_OWN_DRAFT',
  'REVIEW_FORBIDDEN',
  'REVIEW_COMMENT_NOT_FOUND',
  'REVIEW_COMMENT_UNKNOWN_LESSON',
  'REVIEW_COMMENTS_FULL',
  'MATERIAL_NOT_FOUND',
  'MATERIAL_EMPTY',
  'MATERIAL_TOO_LARGE',
  'MATERIAL_EXECUTABLE',
  'MATERIAL_MARKUP',
  'MATERIAL_POLYGLOT',
  'MATERIAL_CORRUPT',
  'MATERIAL_TYPE_NOT_ALLOWED',
  'MATERIAL_NAME_INVALID',
  'AUDIO_TOO_LARGE',
  'AUDIO_EMPTY',
  'AUDIO_NOT_AUDIO',
  'AUDIO_CORRUPT',
  'AUDIO_HAS_VIDEO',
  'AUDIO_DURATION_OUT_OF_RANGE',
  'NARRATION_LANGUAGE_NOT_OFFERED',
  'NARRATION_NAME_INVALID',
  'NARRATION_NOT_FOUND',
  'MATERIAL_ALT_TEXT_REQUIRED',
  'MATERIAL_ALT_TEXT_TOO_LONG',
] as const);
type TranslatedCode = typeof TRANSLATED extends Set<infer C> ? C : never;

const isTranslated = (code: string): code is TranslatedCode => (TRANSLATED as Set<string>).has(code);

function numberDetail(details: unknown, key: string): number | undefined {
  if (details && typeof details === 'object' && key in details) {
    const value = (details as Record<string, unknown>)[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/** The translated, friendly message for anything an api call threw; never a raw server message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'ACCOUNT_LOCKED') {
    const seconds = numberDetail(error.details, 'retryAfterSeconds');
    return seconds
      ? t('errors.ACCOUNT_LOCKED', { time: formatSeconds(t, seconds) })
      : t('errors.ACCOUNT_LOCKED_noTime');
  }
  if (error.code === 'CSV_COLUMNS_MISSING') {
    const missing = (error.details as { missing?: unknown } | undefined)?.missing;
    if (Array.isArray(missing) && missing.length > 0)
      return t('errors.CSV_COLUMNS_MISSING_named', { columns: missing.join(', ') });
  }
  if (error.code === CLIENT_ERROR_CODES.unexpected && error.status >= 500) return t('errors.INTERNAL_ERROR');
  return isTranslated(error.code) ? t(`errors.${error.code}`) : t('errors.generic');
}

/** The support reference of a 500 (details.errorId), to quote when asking for help. */
export function errorId(error: unknown): string | undefined {
  if (!isApiError(error) || !error.details || typeof error.details !== 'object') return undefined;
  const id = (error.details as Record<string, unknown>).errorId;
  return typeof id === 'string' ? id : undefined;
}

export { numberDetail };
