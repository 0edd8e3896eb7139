import { Inject, Injectable } from '@nestjs/common';
import type { PlansResponse } from '@hocvuso/contracts';
import type { IndicatorDefinition } from '@hocvuso/domain';
import { PlansService } from './plans.service';

/**
 * The coverage read API (docs/coverage-api.md): the plans in force and their indicators. The dashboard reads
 * (/api/coverage, /trend, /ranking) come with the rollup tables.
 */
@Injectable()
export class CoverageReadService {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  async indicators(): Promise<PlansResponse> {
    const plans = await this.plans.all();
    return {
      items: plans.map((p) => ({
        id: p.id,
        title: p.title,
        unitCode: p.unitCode,
        source: p.source,
        indicators: p.indicators.map(indicatorDto),
      })),
    };
  }
}

function indicatorDto(i: IndicatorDefinition) {
  return {
    code: i.code,
    title: i.title,
    targetGroup: i.targetGroup,
    subGroup: i.subGroup,
    measure: i.measure,
    denominator: i.denominator,
    targets: i.targets,
    source: i.source,
    provisional: i.provisional ?? false,
  };
}
