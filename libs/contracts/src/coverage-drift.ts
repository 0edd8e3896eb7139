import { z } from 'zod';
import { clampedLimit } from './common';

/** GET /api/admin/coverage/drift: how many recent runs (1–50, default 10). Anything else is refused. */
export const coverageDriftQuerySchema = z.strictObject({ runs: clampedLimit(10, 50) });
export type CoverageDriftQuery = z.infer<typeof coverageDriftQuerySchema>;

/** One key where a maintained coverage table differed from the recount (repaired in the same transaction). */
export const coverageDriftRowSchema = z.object({
  table: z.enum(['coverage_rollups', 'coverage_registered', 'coverage_totals']),
  placeKind: z.enum(['unit', 'organisation', 'all']),
  placeId: z.uuid(),
  targetGroup: z.string(),
  /** '' for the whole group. */
  subGroup: z.string(),
  /** Rollups and totals (null for a registered count). */
  measure: z.string().nullable(),
  /** Rollups only: the Vietnam month, YYYY-MM. */
  month: z.string().nullable(),
  /** What the recount gave. */
  expected: z.number().int(),
  /** What the table held (registered: with the changes not yet folded). */
  found: z.number().int(),
  detectedAt: z.string(),
});

/** A reconcile run: nightly (once per Vietnam night) or by hand; unfinished while running or if its worker died. */
export const coverageReconcileRunSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(['nightly', 'manual']),
  /** The Vietnam date of a nightly run. */
  night: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  keysChecked: z.number().int(),
  rollupDrift: z.number().int(),
  registeredDrift: z.number().int(),
  /** Keys of coverage_totals (the running totals the dashboards read) that differed from the rollups. */
  totalsDrift: z.number().int(),
  /** The run's drift rows, at most DRIFT_ROWS_PER_RUN (the three counts say how many in all). */
  drift: z.array(coverageDriftRowSchema),
});

export const DRIFT_ROWS_PER_RUN = 200;

/** GET /api/admin/coverage/drift (system administrators): the latest reconcile runs, newest first. */
export const coverageDriftResponseSchema = z.object({ runs: z.array(coverageReconcileRunSchema) });
export type CoverageDriftResponse = z.infer<typeof coverageDriftResponseSchema>;
