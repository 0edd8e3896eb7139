import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  normalizeText,
  normalizeVietnamesePhone,
  NotFoundError,
  reaches,
  ValidationError,
} from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import {
  appendAudit,
  currentUnit,
  insertAssistedOrigin,
  insertAssistedProfile,
  insertInPersonConsent,
  insertLearnerAccount,
} from '@hocvuso/db';
import { requireCapability } from '../../common/guards/require-capability';
import { SignInCodeService } from '../auth/sign-in-code.service';
import type { AssistedRegistration } from '@hocvuso/contracts';

/**
 * Assisted registration: a community helper registers a person who has no e-mail (phone only), records the
 * consents given in person, and hands over a one-time sign-in code. Only inside the helper's units.
 */
@Injectable()
export class HelperRegistrationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SignInCodeService) private readonly codes: SignInCodeService,
  ) {}

  async register(helper: AuthUser, input: AssistedRegistration) {
    requireCapability(
      helper,
      'helper.registerPerson',
      'This needs a community helper or administrator role.',
    );
    const unit = await currentUnit(this.db, input.unitId);
    // A unit outside the helper's area answers like a missing one.
    if (
      !unit ||
      !reaches(helper.grants, 'helper.registerPerson', { unitPath: unit.path, organisationId: null })
    ) {
      throw new NotFoundError('UNIT_NOT_FOUND', 'There is no such unit in your area.');
    }
    if (unit.level === 'province')
      throw new ValidationError('UNIT_TOO_BROAD', 'Choose the commune or ward, not only the province.');
    const phone = normalizeVietnamesePhone(input.phone);
    const displayName = normalizeText(input.displayName);
    return this.db.transaction(async (tx) => {
      const userId = await insertLearnerAccount(tx, { displayName, phone, grantedBy: helper.id });
      if (!userId)
        throw new ConflictError('ACCOUNT_EXISTS', 'An account with this phone number already exists.');
      await insertAssistedProfile(tx, {
        userId,
        targetGroups: [...new Set(input.targetGroups)],
        subGroups: [...new Set(input.subGroups)],
        unitId: unit.id,
        unitPath: unit.path,
      });
      // Who created the account on the person's behalf, and where: only such accounts, in the helper's own
      // area, may later be given a new sign-in code.
      await insertAssistedOrigin(tx, { userId, createdBy: helper.id, unitId: unit.id, unitPath: unit.path });
      for (const c of input.consents) {
        await insertInPersonConsent(tx, {
          userId,
          purpose: c.purpose,
          textVersion: c.textVersion,
          granted: c.granted,
          recordedBy: helper.id,
        });
      }
      const code = await this.codes.issue(tx, userId, helper.id);
      // No name or phone in the audit log: it outlives a later de-identification.
      await appendAudit(tx, {
        actor: helper.id,
        action: 'learner.assisted_register',
        subjectType: 'user',
        subjectId: userId,
        scope: unit.path,
        after: {
          unitId: unit.id,
          targetGroups: input.targetGroups,
          consents: input.consents.map((c) => ({
            purpose: c.purpose,
            granted: c.granted,
            textVersion: c.textVersion,
          })),
        },
      });
      return {
        id: userId,
        displayName,
        phone,
        unit: { id: unit.id },
        /** Hand this to the person (on paper): it signs them in once within 24 hours; then they choose a password. */
        signInCode: code,
      };
    });
  }
}
