import { loadIndicatorPlans, type IndicatorPlan } from '@hocvuso/content';

/**
 * Where the reports context finds the plans (content/indicators/*.yaml). The coverage context owns the plans;
 * a report freezes the plan it was made for (its indicators and targets) in its row, so a later change of the
 * plan file never changes a report already made.
 */
export const REPORT_PLANS = Symbol('REPORT_PLANS');

export interface ReportPlanSource {
  plans(): IndicatorPlan[];
}

/** Reads the plan files at each request (they are small; a new plan needs no restart). */
export const contentPlanSource = (contentDir: string): ReportPlanSource => ({
  plans: () => loadIndicatorPlans(contentDir),
});
