import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indicatorSchema, indicatorTargetSchema } from '@hocvuso/contracts';
import type { IndicatorDefinition } from '@hocvuso/domain';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The plans of `<contentDir>/indicators/*.yaml` as the periodic reports need them (id, title, indicators). A file
 * that is not a plan of this shape (e.g. universalisation rules) is skipped; the coverage context validates and
 * serves the plans themselves. Sorted by id, so "the first plan" is stable.
 */
const planFileSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.object({ vi: z.string(), en: z.string().optional() }),
  indicators: z
    .array(
      indicatorSchema.extend({
        provisional: z.boolean().optional(),
        subGroup: z.string().optional(),
        targets: z.array(indicatorTargetSchema),
      }),
    )
    .min(1),
});

export interface IndicatorPlan {
  id: string;
  title: { vi: string; en?: string };
  indicators: IndicatorDefinition[];
}

export function loadIndicatorPlans(contentDir: string): IndicatorPlan[] {
  const dir = join(contentDir, 'indicators');
  if (!existsSync(dir)) return [];
  const plans: IndicatorPlan[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      continue;
    }
    const parsed = planFileSchema.safeParse(raw);
    if (!parsed.success) continue;
    plans.push({
      id: parsed.data.id,
      title: parsed.data.title,
      indicators: parsed.data.indicators.map((i) => ({
        ...i,
        subGroup: i.subGroup ?? '',
        provisional: i.provisional ?? false,
      })),
    });
  }
  return plans.sort((a, b) => a.id.localeCompare(b.id));
}
