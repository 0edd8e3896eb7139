import { MIN_ATTENDEES_FOR_HELD } from '../community/sessions-held';
import type { CampaignRule } from './indicators';

/** A campaign's period and state on the Vietnam clock (UTC+7, no daylight saving). */

const DAY = 86_400_000;
const VIETNAM_OFFSET = '+07:00';

/** The instants [from, to) of the Vietnam days startsOn..endsOn (both included). */
export function campaignPeriod(startsOn: string, endsOn: string): { from: number; to: number } {
  return {
    from: Date.parse(`${startsOn}T00:00:00${VIETNAM_OFFSET}`),
    to: Date.parse(`${endsOn}T00:00:00${VIETNAM_OFFSET}`) + DAY,
  };
}

export type CampaignPhase = 'upcoming' | 'running' | 'ended' | 'closed';

/** Where a campaign stands at `now`: closed once a manager closed it, else by its period. */
export function campaignPhase(
  period: { from: number; to: number },
  now: number,
  closed: boolean,
): CampaignPhase {
  if (closed) return 'closed';
  if (now < period.from) return 'upcoming';
  if (now < period.to) return 'running';
  return 'ended';
}

/** Whole days of a period (startsOn..endsOn, both included). */
export const campaignDays = (startsOn: string, endsOn: string) =>
  Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / DAY) + 1;

/** The id of the 10 October template (stored with the campaigns started from it; never renamed). */
export const FESTIVAL_TEMPLATE_ID = 'national-digital-learning-day';

/**
 * The default rule of the 10 October festival: growth weighs most (a unit that starts low can still win), then
 * the share reached, sessions actually held (capped: a unit cannot win on sessions alone), people guided by
 * ambassadors and help given.
 */
export const FESTIVAL_RULE: CampaignRule = {
  targetGroup: 'citizens',
  minAttendees: MIN_ATTENDEES_FOR_HELD,
  terms: [
    { indicator: 'trained_growth', weight: 3, cap: null },
    { indicator: 'trained_share', weight: 1, cap: null },
    { indicator: 'sessions_held', weight: 2, cap: 10 },
    { indicator: 'people_guided', weight: 1, cap: 50 },
    { indicator: 'help_given', weight: 0.5, cap: 100 },
  ],
};

export interface CampaignTemplate {
  template: string;
  name: { vi: string; en: string };
  startsOn: string;
  endsOn: string;
  topUnits: number;
  topPeople: number;
  rule: CampaignRule;
}

/**
 * "Ngày hội học tập số toàn dân 10/10" (National Digital Learning Festival) of a year: the four weeks leading to
 * 10 October and the three weeks after it (10 September to 31 October), the default rule, the top 3 units and
 * the top 10 people.
 */
export function festivalTemplate(year: number): CampaignTemplate {
  return {
    template: FESTIVAL_TEMPLATE_ID,
    name: {
      vi: `Ngày hội học tập số toàn dân 10/10/${year}`.normalize('NFC'),
      en: `National Digital Learning Festival 10/10/${year}`,
    },
    startsOn: `${year}-09-10`,
    endsOn: `${year}-10-31`,
    topUnits: 3,
    topPeople: 10,
    rule: { ...FESTIVAL_RULE, terms: FESTIVAL_RULE.terms.map((term) => ({ ...term })) },
  };
}

/** The festival year a manager most likely means on `today` (YYYY-MM-DD, Vietnam): this year's until it ends. */
export function festivalYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today > `${year}-10-31` ? year + 1 : year;
}

/**
 * The area a campaign belongs to: the deepest unit path above every participating unit (`/01/` for two communes
 * of province 01; `/` when they lie in different provinces, which only a global grant reaches).
 */
export function commonUnitPath(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0]!;
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return n === 0 ? '/' : `/${first.slice(0, n).join('/')}/`;
}
