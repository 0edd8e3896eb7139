/**
 * The indicators an emulation campaign may score (docs/campaigns.md). The list is fixed and documented: a
 * campaign's rule is data (weights and caps over these ids), but what each id measures is decided here, so two
 * campaigns that name the same indicator measure the same thing. The ids are stored in campaign rules and must
 * never be renamed.
 */
export const CAMPAIGN_INDICATORS = [
  /** Percent of the unit's target population with the `trained` fact by the end of the period (or today). */
  'trained_share',
  /** Percentage points of the target population trained during the period (the growth of that share). */
  'trained_growth',
  /** Community sessions held in the unit during the period, by countSessionsHeld (empty ones do not count). */
  'sessions_held',
  /** People of the unit who completed a course during the period while an ambassador's mentorship was in force. */
  'people_guided',
  /** People helped with a public service in the unit during the period (help officers' logs). */
  'help_given',
] as const;
export type CampaignIndicator = (typeof CAMPAIGN_INDICATORS)[number];

export const isCampaignIndicator = (value: string): value is CampaignIndicator =>
  (CAMPAIGN_INDICATORS as readonly string[]).includes(value);

/** Limits of a rule (the contract refuses anything outside them). */
export const CAMPAIGN_LIMITS = {
  maxWeight: 100,
  maxCap: 1_000_000,
  maxTopUnits: 20,
  maxTopPeople: 50,
  maxUnits: 200,
  /** A campaign lasts at most this many days (one year and a day: a leap year's campaign). */
  maxDays: 366,
} as const;

/** One term of the weighted sum: points = min(value, cap) × weight. */
export interface CampaignTerm {
  indicator: CampaignIndicator;
  weight: number;
  /** The raw value counted at most up to this (null: no cap). */
  cap: number | null;
}

/** A campaign's scoring rule, as stored (validated by the contract in libs/contracts). */
export interface CampaignRule {
  /** The target group whose official population is the denominator of the trained indicators. */
  targetGroup: string;
  /** A session counts as held only with at least this many attendees (never below MIN_ATTENDEES_FOR_HELD). */
  minAttendees: number;
  terms: CampaignTerm[];
}
