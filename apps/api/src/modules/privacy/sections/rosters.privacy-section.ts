import { Injectable } from '@nestjs/common';
import { erasePendingRosterInvitations, type Queryable } from '@hocvuso/db';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/** Rosters: nothing of the person's is exported; their pending invitations go (nobody can answer them any more). */
@Injectable()
export class RostersPrivacySection implements PrivacySection {
  readonly name = 'rosters';

  exportFor(): Promise<Record<string, never>> {
    return Promise.resolve({});
  }

  async deidentify(tx: Queryable, { userId }: DeidentificationSubject): Promise<void> {
    await erasePendingRosterInvitations(tx, userId);
  }
}
