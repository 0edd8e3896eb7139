import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@hocvuso/domain';
import { accountForExport, eraseAccountIdentity, type Queryable } from '@hocvuso/db';
import { isoTime, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/** The name a de-identified account keeps (certificates keep the name frozen at issue). */
export const DEIDENTIFIED_NAME = 'Người học đã xoá';

/** The account (users row): exported as is; de-identified to a fixed name without any contact or password. */
@Injectable()
export class AccountPrivacySection implements PrivacySection {
  readonly name = 'account';

  async exportFor(db: Queryable, userId: string): Promise<Pick<PersonalDataSections, 'account'>> {
    const a = await accountForExport(db, userId);
    if (!a) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'There is no such account.');
    return {
      account: {
        id: a.id,
        displayName: a.display_name,
        email: a.email,
        phone: a.phone,
        language: a.language,
        pseudonym: a.pseudonym,
        identityVerified: a.identity_verified,
        identityAssurance: a.identity_assurance,
        hasPassword: a.has_password,
        createdAt: isoTime(a.created_at),
      },
    };
  }

  async deidentify(tx: Queryable, { userId }: DeidentificationSubject): Promise<void> {
    await eraseAccountIdentity(tx, userId, DEIDENTIFIED_NAME);
  }
}
