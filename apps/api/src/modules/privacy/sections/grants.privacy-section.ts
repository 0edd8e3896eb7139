import { Injectable } from '@nestjs/common';
import { type Queryable, revokeStaffGrants, roleGrantsForExport } from '@hocvuso/db';
import { isoTime, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/** Role grants: the live ones are exported; de-identification revokes every role but learner. */
@Injectable()
export class GrantsPrivacySection implements PrivacySection {
  readonly name = 'grants';

  async exportFor(db: Queryable, userId: string): Promise<Pick<PersonalDataSections, 'roles'>> {
    const roles = await roleGrantsForExport(db, userId);
    return {
      roles: roles.map((r) => ({
        role: r.role,
        unit: r.unit,
        organisation: r.organisation,
        grantedAt: isoTime(r.granted_at),
      })),
    };
  }

  async deidentify(tx: Queryable, { userId }: DeidentificationSubject): Promise<void> {
    await revokeStaffGrants(tx, userId);
  }
}
