import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../components/error-message';

const CODES = [
  'CAMPAIGN_NOT_FOUND',
  'CAMPAIGN_CLOSED',
  'CAMPAIGN_NOT_ENDED',
  'CAMPAIGN_UNITS_ACROSS_AREAS',
  'UNIT_NOT_FOUND',
] as const;
type CampaignCode = (typeof CODES)[number];
const isCampaignCode = (code: string): code is CampaignCode => (CODES as readonly string[]).includes(code);

/** The message of an error on the campaign pages: their own codes first, then the shared messages. */
export function campaignsError(t: TFunction, error: unknown): string {
  if (isApiError(error) && isCampaignCode(error.code)) return t(`campaigns.errors.${error.code}`);
  return errorMessage(t, error);
}
