import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { householdHasTrainedGuide, rollUpHouseholds, rolesHolding } from '@hocvuso/domain';
import type { HouseholdIndicator } from '@hocvuso/contracts';
import { householdFacts, unitWithChildren } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireReach } from '../../common/guards/require-capability';

/**
 * The indicator "households with at least one trained member who guides others" for a unit and each unit right
 * below it, for those who read the area's reports: counts only, nobody named. The rule is
 * householdHasTrainedGuide (libs/domain); it is a separate figure beside the plan's indicators, which are plan
 * data about learners (docs/ambassadors-and-families.md).
 */
@Injectable()
export class HouseholdIndicatorService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async indicator(user: AuthUser, unitId: string): Promise<HouseholdIndicator> {
    const units = await unitWithChildren(this.db, unitId);
    const unit = units.find((u) => u.parent);
    const target = unit && { unitPath: unit.path, organisationId: null };
    requireReach(user, 'report.read', target, () => notFound('unit'));
    const facts = await householdFacts(this.db, target.unitPath!, rolesHolding('ambassador.invite'));
    const rows = facts.map((f) => ({ unitPath: f.unit_path, counts: householdHasTrainedGuide(f.members) }));
    const totals = rollUpHouseholds(
      units.map((u) => u.path),
      rows,
    );
    const row = (i: number) => ({
      unitId: units[i]!.id,
      name: units[i]!.name,
      households: totals[i]!.households,
      withTrainedGuide: totals[i]!.withTrainedGuide,
    });
    return { unit: row(0), children: units.slice(1).map((_, i) => row(i + 1)) };
  }
}
