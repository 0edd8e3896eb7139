import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  normalizeVietnamesePhone,
  NotFoundError,
  reaches,
  signInCodeIssuedNotification,
} from '@hocvuso/domain';
import { appendAudit, insertNotification, lockCodeReissueCandidate } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { SignInCodeService } from '../auth/sign-in-code.service';
import { requireCapability } from '../../common/guards/require-capability';
import type { SignInCodeReissue } from '@hocvuso/contracts';

export interface ReissuedSignInCode {
  id: string;
  displayName: string;
  /** E.164, e.g. +84912345678. */
  phone: string;
  /** The account had a password: the code replaces it when it is used, as a password reset does. */
  recovery: boolean;
  signInCode: { code: string; expiresAt: string };
}

const notFound = () =>
  new NotFoundError('PERSON_NOT_FOUND', 'There is no one with this phone number in your area.');

/**
 * A new one-time sign-in code, handed over in person, for someone who signs in with a phone number only and
 * lost their code or forgot their password (people with an e-mail reset their password themselves). Only for
 * accounts that were created on the person's behalf (assisted registration, or a roster) in the helper's own
 * area, and that are still placed there: an account the person created themselves is theirs alone, whoever
 * later placed it anywhere. Never for an account holding any other role, so no helper can take over a teacher's
 * or an administrator's account. The person sees an in-app notice, and the audit log records it.
 */
@Injectable()
export class HelperSignInCodesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SignInCodeService) private readonly codes: SignInCodeService,
  ) {}

  async reissue(helper: AuthUser, input: SignInCodeReissue): Promise<ReissuedSignInCode> {
    requireCapability(
      helper,
      'helper.issueSignInCode',
      'This needs a community helper or administrator role.',
    );
    let phone: string;
    try {
      phone = normalizeVietnamesePhone(input.phone);
    } catch {
      throw notFound();
    }
    return this.db.transaction(async (tx) => {
      const person = await lockCodeReissueCandidate(tx, phone);
      // Someone outside the helper's area answers like nobody at all.
      const reachable =
        person !== undefined &&
        reaches(helper.grants, 'helper.issueSignInCode', {
          unitPath: person.unit_path,
          organisationId: person.organisation_id,
        });
      if (!reachable || person.id === helper.id) throw notFound();
      // Only an account created on the person's behalf in the helper's own area: placing someone in an area
      // (a roster, an accepted invitation, their own choice) never makes their account recoverable by its staff.
      const createdHere =
        person.assisted &&
        reaches(helper.grants, 'helper.issueSignInCode', {
          unitPath: person.origin_unit_path,
          organisationId: person.origin_organisation_id,
        });
      if (!createdHere)
        throw new ConflictError(
          'SIGN_IN_CODE_NOT_ALLOWED',
          'This account was not registered on the person’s behalf in your area; only its owner can recover it.',
        );
      if (person.staff)
        throw new ConflictError(
          'SIGN_IN_CODE_NOT_ALLOWED',
          'This account has a role beyond learner; only its owner can recover it, with "Forgot password".',
        );
      if (person.has_email)
        throw new ConflictError(
          'SIGN_IN_CODE_NOT_ALLOWED',
          'This person has an e-mail address: they can reset their password with "Forgot password".',
        );
      const signInCode = await this.codes.issue(tx, person.id, helper.id);
      const notice = signInCodeIssuedNotification(person.has_password);
      await insertNotification(tx, { userId: person.id, kind: 'sign_in_code_issued', ...notice });
      await appendAudit(tx, {
        actor: helper.id,
        action: 'learner.sign_in_code_reissue',
        subjectType: 'user',
        subjectId: person.id,
        scope: person.unit_path,
        after: { recovery: person.has_password, identityChecked: true },
      });
      return {
        id: person.id,
        displayName: person.display_name,
        phone,
        recovery: person.has_password,
        signInCode,
      };
    });
  }
}
