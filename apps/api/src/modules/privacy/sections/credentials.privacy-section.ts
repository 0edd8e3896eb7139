import { Inject, Injectable } from '@nestjs/common';
import { certificatesForExport, type Queryable } from '@hocvuso/db';
import { API_CONFIG, type ApiConfig } from '../../../config/api.config';
import { isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { PrivacySection } from '../privacy-section';

/**
 * Certificates: exported with their status and verification link. De-identification keeps them: they carry the
 * name frozen at issue and stay verifiable (the holder may withdraw them first, before the transaction).
 */
@Injectable()
export class CredentialsPrivacySection implements PrivacySection {
  readonly name = 'credentials';

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  async exportFor(db: Queryable, userId: string): Promise<Pick<PersonalDataSections, 'certificates'>> {
    const certificates = await certificatesForExport(db, userId);
    const base = this.config.publicUrl;
    return {
      certificates: certificates.map((c) => ({
        id: c.id,
        serial: c.serial,
        courseId: c.course_id,
        status: c.status,
        issuedAt: isoTimeOrNull(c.issued_at),
        verifyUrl: `${base}/verify/${c.id}`,
      })),
    };
  }

  /** Kept: certificates stay verifiable under the name frozen at issue. */
  deidentify(): Promise<void> {
    return Promise.resolve();
  }
}
