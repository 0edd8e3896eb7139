import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../components/error-message';

const CODES = [
  'CHECKIN_CODE_EXPIRED',
  'CHECKIN_CODE_INVALID',
  'CHECKIN_CLOSED',
  'CHECKIN_NOT_OPEN',
  'CHECKIN_TOO_FAR',
  'CHECKIN_POSITION_REQUIRED',
  'SESSION_CANCELLED',
  'COMMUNITY_SESSION_NOT_FOUND',
  'HOST_CHECK_IN_SELF',
  'LEARNER_NOT_FOUND',
  'SESSION_UNIT_NOT_COMMUNE',
  'SESSION_TIME_OUT_OF_RANGE',
  'DATE_IN_FUTURE',
  'DATE_TOO_OLD',
  'UNIT_NOT_FOUND',
] as const;
type CommunityCode = (typeof CODES)[number];
const isCommunityCode = (code: string): code is CommunityCode => (CODES as readonly string[]).includes(code);

/** The message of an error on the community pages: their own codes first, then the shared messages. */
export function communityError(t: TFunction, error: unknown): string {
  if (isApiError(error) && isCommunityCode(error.code)) return t(`community.errors.${error.code}`);
  return errorMessage(t, error);
}
