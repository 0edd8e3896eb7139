import { Injectable } from '@nestjs/common';
import { placementAttemptsForExport, type Queryable } from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { PrivacySection } from '../privacy-section';

/** Placement (docs/placement.md): the attempts with the learner's own answers are exported; de-identification keeps them. */
@Injectable()
export class PlacementPrivacySection implements PrivacySection {
  readonly name = 'placement';

  async exportFor(db: Queryable, userId: string): Promise<Pick<PersonalDataSections, 'placementAttempts'>> {
    const attempts = await placementAttemptsForExport(db, userId);
    return {
      placementAttempts: attempts.map((a) => ({
        id: a.id,
        targetGroup: a.target_group,
        framework: a.framework_id,
        startedAt: isoTime(a.started_at),
        submittedAt: isoTimeOrNull(a.submitted_at),
        answers: a.answers,
        mastered: a.mastered,
      })),
    };
  }

  /** Kept: the attempts identify nobody once the account is de-identified. */
  deidentify(): Promise<void> {
    return Promise.resolve();
  }
}
