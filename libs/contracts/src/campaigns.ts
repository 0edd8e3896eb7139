// Emulation campaigns: a period, participating units, a scoring rule as data, the live league table and the
// awards at the close (context: campaigns; docs/campaigns.md).
import { CAMPAIGN_INDICATORS, CAMPAIGN_LIMITS, MIN_ATTENDEES_FOR_HELD, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { safeText } from './common';

const uuid = z.uuid({ error: 'expected an id (uuid)' });
const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** One term of the rule: an indicator of the fixed list, a weight above 0 and an optional cap on its raw value. */
export const campaignTermSchema = z.strictObject({
  indicator: z.enum(CAMPAIGN_INDICATORS, { error: 'expected an indicator of the documented list' }),
  weight: z.number().gt(0, 'a weight is above 0').max(CAMPAIGN_LIMITS.maxWeight),
  cap: z.number().gt(0, 'a cap is above 0').max(CAMPAIGN_LIMITS.maxCap).nullable().default(null),
});

/**
 * The scoring rule, stored as data with the campaign: a weighted sum of indicators (each at most once), the
 * target group whose population divides the trained indicators, and the attendees a session needs to count.
 */
export const campaignRuleSchema = z.strictObject({
  targetGroup: z.enum(TARGET_GROUPS),
  minAttendees: z.number().int().min(MIN_ATTENDEES_FOR_HELD).max(500).default(MIN_ATTENDEES_FOR_HELD),
  terms: z
    .array(campaignTermSchema)
    .min(1, 'a rule needs at least one indicator')
    .max(CAMPAIGN_INDICATORS.length)
    .refine((terms) => new Set(terms.map((t) => t.indicator)).size === terms.length, {
      message: 'each indicator at most once',
    }),
});
export type CampaignRuleInput = z.infer<typeof campaignRuleSchema>;

const campaignName = z.strictObject({
  vi: safeText({ min: 1, max: 200 }),
  en: safeText({ min: 1, max: 200 }),
});

/** POST /api/campaigns and PUT /api/campaigns/:id: what a manager sets. */
export const campaignInputSchema = z
  .strictObject({
    name: campaignName,
    /** Vietnam dates, both included. */
    startsOn: date,
    endsOn: date,
    /** Administrative units (communes, wards, or larger units) of the manager's area. */
    unitIds: z
      .array(uuid)
      .min(2, 'a campaign needs at least two units')
      .max(CAMPAIGN_LIMITS.maxUnits)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'each unit once' }),
    topUnits: z.number().int().min(1).max(CAMPAIGN_LIMITS.maxTopUnits),
    topPeople: z.number().int().min(0).max(CAMPAIGN_LIMITS.maxTopPeople),
    rule: campaignRuleSchema,
    /** The template the campaign was started from, if any. */
    template: z.enum(['national-digital-learning-day']).nullable().default(null),
  })
  .refine((c) => c.endsOn >= c.startsOn, {
    message: 'expected the end on or after the start',
    path: ['endsOn'],
  })
  .refine(
    (c) => (Date.parse(c.endsOn) - Date.parse(c.startsOn)) / 86_400_000 + 1 <= CAMPAIGN_LIMITS.maxDays,
    { message: `a campaign lasts at most ${CAMPAIGN_LIMITS.maxDays} days`, path: ['endsOn'] },
  );
export type CampaignInput = z.infer<typeof campaignInputSchema>;

const ruleView = z.object({
  targetGroup: z.string(),
  minAttendees: z.number(),
  terms: z.array(
    z.object({ indicator: z.enum(CAMPAIGN_INDICATORS), weight: z.number(), cap: z.number().nullable() }),
  ),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.object({ vi: z.string(), en: z.string() }),
  startsOn: z.string(),
  endsOn: z.string(),
  phase: z.enum(['upcoming', 'running', 'ended', 'closed']),
  units: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
  topUnits: z.number(),
  topPeople: z.number(),
  rule: ruleView,
  template: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Whether the caller may edit and close it (campaign.manage over its area). */
  canManage: z.boolean(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema) });
export type CampaignList = z.infer<typeof campaignListSchema>;

/** GET /api/campaigns/templates/national-digital-learning-day?year=: the 10 October template, prefilled. */
export const campaignTemplateQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2025).max(2100).optional(),
});
export const campaignTemplateSchema = z.object({
  template: z.string(),
  name: z.object({ vi: z.string(), en: z.string() }),
  startsOn: z.string(),
  endsOn: z.string(),
  topUnits: z.number(),
  topPeople: z.number(),
  rule: ruleView,
});
export type CampaignTemplateView = z.infer<typeof campaignTemplateSchema>;

/** GET /api/campaigns/:id/league: the units ranked by the rule, computed live (cached briefly). */
export const leagueTableSchema = z.object({
  campaignId: z.string(),
  phase: z.enum(['upcoming', 'running', 'ended', 'closed']),
  /** The instant the figures were computed at (database clock). */
  computedAt: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      rank: z.number(),
      points: z.number(),
      noPopulation: z.boolean(),
      population: z.number().nullable(),
      scores: z.array(
        z.object({
          indicator: z.enum(CAMPAIGN_INDICATORS),
          value: z.number().nullable(),
          points: z.number(),
          capped: z.boolean(),
        }),
      ),
    }),
  ),
});
export type LeagueTable = z.infer<typeof leagueTableSchema>;

/** The awards of a closed campaign (POST /api/campaigns/:id/close and GET /api/campaigns/:id/awards). */
export const campaignAwardsSchema = z.object({
  campaignId: z.string(),
  closedAt: z.string().nullable(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      rank: z.number(),
      points: z.number(),
      /** SHA-256 of the award record as issued (unit awards are records, not Open Badges: docs/campaigns.md). */
      digest: z.string(),
      /** HMAC-SHA256 of the digest under the platform's award key: the api checks it when it answers. */
      signatureValid: z.boolean(),
    }),
  ),
  people: z.array(
    z.object({
      displayName: z.string(),
      rank: z.number(),
      guided: z.number(),
      /** The Open Badges 3.0 certificate, once the worker issued it (its verification page is /verify/<id>). */
      certificateId: z.string().nullable(),
    }),
  ),
});
export type CampaignAwards = z.infer<typeof campaignAwardsSchema>;

/** GET /api/campaigns/units?q=: units a manager may include (their area), by name. */
export const campaignUnitQuerySchema = z.strictObject({
  q: safeText({ min: 0, max: 100 }).default(''),
});
export const campaignUnitListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), path: z.string() })),
});
export type CampaignUnitList = z.infer<typeof campaignUnitListSchema>;
