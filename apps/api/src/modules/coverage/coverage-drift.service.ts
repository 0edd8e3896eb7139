import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CoverageDriftQuery, type CoverageDriftResponse, DRIFT_ROWS_PER_RUN } from '@hocvuso/contracts';
import { driftOfRuns, recentReconcileRuns } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The nightly reconcile's runs and the drift they found and repaired (docs/coverage.md). System administrators. */
@Injectable()
export class CoverageDriftService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recent(user: AuthUser, q: CoverageDriftQuery): Promise<CoverageDriftResponse> {
    requireCapability(
      user,
      'coverage.readDrift',
      'Only system administrators may read the coverage reconcile runs.',
    );
    const runs = await recentReconcileRuns(this.db, q.runs);
    const drift = await driftOfRuns(
      this.db,
      runs.map((r) => r.id),
      DRIFT_ROWS_PER_RUN,
    );
    return {
      runs: runs.map((r) => ({
        id: r.id,
        trigger: r.trigger,
        night: r.night,
        startedAt: iso(r.started_at)!,
        finishedAt: iso(r.finished_at),
        keysChecked: r.keys_checked,
        rollupDrift: r.rollup_drift,
        registeredDrift: r.registered_drift,
        totalsDrift: r.totals_drift,
        drift: drift
          .filter((d) => d.run_id === r.id)
          .map((d) => ({
            table: d.table_name,
            placeKind: d.place_kind as 'unit' | 'organisation' | 'all',
            placeId: d.place_id,
            targetGroup: d.target_group,
            subGroup: d.sub_group,
            measure: d.measure,
            month: d.month,
            expected: Number(d.expected),
            found: Number(d.found),
            detectedAt: iso(d.detected_at)!,
          })),
      })),
    };
  }
}
