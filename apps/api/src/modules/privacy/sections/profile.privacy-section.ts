import { Injectable } from '@nestjs/common';
import { consentsForExport, eraseProfileDetails, profileForExport, type Queryable } from '@hocvuso/db';
import { isoTime, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationOutcome, DeidentificationSubject, PrivacySection } from '../privacy-section';

/**
 * The learner profile and consents: both exported. De-identification keeps the profile's unit and target groups
 * (the denominators of coverage statistics) and the consents (the legal record), erases the rest of the profile,
 * and gives the unit path kept as the audit scope.
 */
@Injectable()
export class ProfilePrivacySection implements PrivacySection {
  readonly name = 'profile';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<Pick<PersonalDataSections, 'profile' | 'consents'>> {
    const [profile, consents] = await Promise.all([
      profileForExport(db, userId),
      consentsForExport(db, userId),
    ]);
    return {
      profile: profile
        ? {
            targetGroups: profile.target_groups,
            subGroups: profile.sub_groups,
            accessibility: profile.accessibility,
            unit: profile.unit_id
              ? { id: profile.unit_id, name: profile.unit_name, path: profile.unit_path }
              : null,
            organisation: profile.organisation_id
              ? { id: profile.organisation_id, name: profile.organisation_name }
              : null,
            householdCode: profile.household_code ?? null,
            updatedAt: isoTime(profile.updated_at),
          }
        : null,
      consents: consents.map((c) => ({
        purpose: c.purpose,
        textVersion: c.text_version,
        channel: c.channel,
        granted: c.granted,
        recordedByHelper: c.recorded_by_helper,
        at: isoTime(c.at),
      })),
    };
  }

  async deidentify(tx: Queryable, { userId }: DeidentificationSubject): Promise<DeidentificationOutcome> {
    const kept = await eraseProfileDetails(tx, userId);
    return { auditScope: kept?.unit_path ?? null };
  }
}
