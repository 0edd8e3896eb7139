// Coverage against the plan's targets: indicators, populations beside live registrations, drill-down, trend and
// ranking (context: coverage). Pure maths in libs/domain/src/coverage; docs/coverage.md explains the counting rules.
import { COVERAGE_MEASURES, FACT_MEASURES, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';

const uuid = z.string().uuid();
const date = z.iso.date();
const localised = z.object({ vi: z.string(), en: z.string().optional() });
const groupOrAll = z.union([z.enum(TARGET_GROUPS), z.literal('*')]);

export const indicatorTargetSchema = z.object({
  by: date,
  share: z.number().min(0).max(1).optional(),
  count: z.number().int().min(0).optional(),
  strictlyAbove: z.boolean().optional(),
});
export type IndicatorTargetDto = z.infer<typeof indicatorTargetSchema>;

/** One indicator of a plan, as content/indicators/<plan>.yaml defines it. */
export const indicatorSchema = z.object({
  code: z.string(),
  title: localised,
  targetGroup: groupOrAll,
  subGroup: z.string(),
  measure: z.enum(FACT_MEASURES),
  denominator: z.enum(['population', 'none']),
  targets: z.array(indicatorTargetSchema),
  source: z.object({ document: z.string(), section: z.string() }),
  provisional: z.boolean(),
});
export type IndicatorDto = z.infer<typeof indicatorSchema>;

/** GET /api/indicators: the plans in force and their indicators (public: a plan is a public document). */
export const plansResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: localised,
      /** The area the plan is for, e.g. the province's unit code. */
      unitCode: z.string().nullable(),
      source: z.object({ document: z.string(), issuer: z.string(), issuedOn: z.string().nullable() }),
      indicators: z.array(indicatorSchema),
    }),
  ),
});
export type PlansResponse = z.infer<typeof plansResponseSchema>;

/** Where a coverage view stands: a unit subtree, an organisation (with its sub-units), or everywhere. */
export const coveragePlaceQuery = {
  unitId: uuid.optional(),
  organisationId: uuid.optional(),
};

export const coverageQuerySchema = z
  .strictObject({
    ...coveragePlaceQuery,
    /** The plan (content/indicators/<plan>.yaml id); the first plan when absent. */
    plan: z.string().max(100).optional(),
    targetGroup: groupOrAll.optional(),
    /** '' or absent: the whole group. */
    subGroup: z.string().max(50).optional(),
  })
  .refine((q) => !(q.unitId && q.organisationId), {
    message: 'give at most one of unitId and organisationId',
    path: ['unitId'],
  });
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

export const coveragePlaceSchema = z.object({
  kind: z.enum(['unit', 'organisation', 'all']),
  id: z.string().nullable(),
  name: z.string(),
  /** province | commune | village for units; the organisation kind for organisations; null for 'all'. */
  level: z.string().nullable(),
});
export type CoveragePlace = z.infer<typeof coveragePlaceSchema>;

export const populationFigureSchema = z.object({
  value: z.number().int(),
  /** The population's period, e.g. `2025`. */
  period: z.string(),
  source: z.string(),
});

/** One indicator's figures for one place. */
export const indicatorCellSchema = z.object({
  code: z.string(),
  /** People counted by the indicator's measure (facts, where they were when counted). */
  numerator: z.number().int(),
  /** Accounts placed here in the indicator's group and sub-group now (always live; never a denominator). */
  registered: z.number().int(),
  /** The official population (denominator) in force, or null when none is loaded. */
  population: populationFigureSchema.nullable(),
  share: z.number().nullable(),
  gap: z.number().int().nullable(),
  status: z.enum(['met', 'behind', 'overdue', 'no-population']),
  exceedsPopulation: z.boolean(),
});
export type IndicatorCell = z.infer<typeof indicatorCellSchema>;

/** GET /api/coverage: the place's indicators against their targets, and the same for each place one level down. */
export const coverageResponseSchema = z.object({
  plan: z.object({ id: z.string(), title: localised }),
  /** The Vietnam date the figures are for (today, live). */
  asOf: date,
  place: coveragePlaceSchema,
  /** From the top of the caller's reach down to the place, for breadcrumbs. */
  trail: z.array(coveragePlaceSchema),
  filter: z.object({ targetGroup: groupOrAll.nullable(), subGroup: z.string() }),
  indicators: z.array(
    indicatorCellSchema.extend({
      indicator: indicatorSchema,
      target: indicatorTargetSchema.nullable(),
    }),
  ),
  /** Communes of a province, villages of a commune, sub-units of an organisation; empty at the bottom. */
  children: z.array(coveragePlaceSchema.extend({ indicators: z.array(indicatorCellSchema) })),
  /**
   * The top organisations that sit in the place when it is a commune or ward (their people are counted where they
   * live too: these rows are another cut of the same people, never added to the children).
   */
  organisations: z.array(coveragePlaceSchema.extend({ indicators: z.array(indicatorCellSchema) })),
  /** When the rollups were last brought up to date (facts newer than this are not yet counted). */
  freshAt: z.string().nullable(),
});
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

/** The drill-down by group and sub-group, as GET /api/coverage takes it (the indicator is re-keyed to it). */
const coverageFilterQuery = {
  targetGroup: groupOrAll.optional(),
  /** '' or absent: the whole group. */
  subGroup: z.string().max(50).optional(),
};

const onePlace = (q: { unitId?: string; organisationId?: string }) => !(q.unitId && q.organisationId);
const onePlaceError = { message: 'give at most one of unitId and organisationId', path: ['unitId'] };

export const coverageTrendQuerySchema = z
  .strictObject({
    ...coveragePlaceQuery,
    plan: z.string().max(100).optional(),
    indicator: z.string().max(100),
    ...coverageFilterQuery,
    /** First day of the range (its month is the first point); default: the start of the plan's first target year. */
    from: date.optional(),
    /** Last day of the range; default: today (Vietnam). */
    to: date.optional(),
  })
  .refine(onePlace, onePlaceError)
  .refine((q) => !(q.from && q.to && q.from > q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type CoverageTrendQuery = z.infer<typeof coverageTrendQuerySchema>;

/** GET /api/coverage/trend: the indicator's numerator at the end of each month, with its target line. */
export const coverageTrendResponseSchema = z.object({
  indicator: indicatorSchema,
  place: coveragePlaceSchema,
  points: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      numerator: z.number().int(),
      population: z.number().int().nullable(),
      share: z.number().nullable(),
    }),
  ),
  targets: z.array(indicatorTargetSchema),
  filter: z.object({ targetGroup: groupOrAll.nullable(), subGroup: z.string() }),
  freshAt: z.string().nullable(),
});
export type CoverageTrendResponse = z.infer<typeof coverageTrendResponseSchema>;

export const coverageRankingQuerySchema = z
  .strictObject({
    ...coveragePlaceQuery,
    plan: z.string().max(100).optional(),
    indicator: z.string().max(100),
    ...coverageFilterQuery,
  })
  .refine(onePlace, onePlaceError);
export type CoverageRankingQuery = z.infer<typeof coverageRankingQuerySchema>;

/** GET /api/coverage/ranking: the places one level down ranked by the indicator (the emulation table). */
export const coverageRankingResponseSchema = z.object({
  indicator: indicatorSchema,
  place: coveragePlaceSchema,
  rows: z.array(
    coveragePlaceSchema.extend({
      rank: z.number().int(),
      numerator: z.number().int(),
      population: z.number().int().nullable(),
      share: z.number().nullable(),
      status: indicatorCellSchema.shape.status,
    }),
  ),
  /** The Vietnam date the figures are for (today, live). */
  asOf: date,
  filter: z.object({ targetGroup: groupOrAll.nullable(), subGroup: z.string() }),
  freshAt: z.string().nullable(),
});
export type CoverageRankingResponse = z.infer<typeof coverageRankingResponseSchema>;

export const coverageMeasureSchema = z.enum(COVERAGE_MEASURES);
