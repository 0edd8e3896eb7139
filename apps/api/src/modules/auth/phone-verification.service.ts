import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  PHONE_CODE_RESEND_SECONDS,
  resendWaitSeconds,
  smsResendTooSoonError,
  ValidationError,
} from '@hocvuso/domain';
import type { MeResponse, PhoneCodeSent } from '@hocvuso/contracts';
import { appendAudit, lockAccountPhone, markPhoneVerified, phoneCodeAgeSeconds } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { AuthService } from './auth.service';
import { PhoneCodeService } from './phone-code.service';

const noPhone = () => new ValidationError('NO_PHONE', 'This account has no phone number to confirm.');
const alreadyVerified = () =>
  new ConflictError('PHONE_ALREADY_VERIFIED', 'This phone number is confirmed already.');
const invalidCode = () =>
  new ValidationError(
    'PHONE_CODE_INVALID',
    'The code is not right, or it was used or has expired. Check the last SMS, or ask for a new code.',
  );

/**
 * Proving a phone sign-up holds its number (docs/sms.md): sign-up queues the first code; the signed-in person
 * asks for another (at most once a minute, within the daily caps) and confirms with the code.
 */
@Injectable()
export class PhoneVerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PhoneCodeService) private readonly codes: PhoneCodeService,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  /** Queues a new code for the caller's unconfirmed number (earlier codes stop working). */
  async resend(user: AuthUser): Promise<PhoneCodeSent> {
    const sent = await this.db.transaction(async (tx) => {
      const account = await lockAccountPhone(tx, user.id);
      if (!account) throw noPhone();
      if (account.phone_verified) throw alreadyVerified();
      const wait = resendWaitSeconds(await phoneCodeAgeSeconds(tx, user.id, 'verify'));
      if (wait > 0) throw smsResendTooSoonError(wait);
      return this.codes.issue(
        tx,
        { userId: user.id, phone: account.phone, language: account.language },
        'verify',
      );
    });
    await this.codes.announce();
    return { sent: true, resendAfterSeconds: PHONE_CODE_RESEND_SECONDS, ...sent };
  }

  /** Confirms the caller's number with the code sent to it; answers the account, now with `phoneVerified`. */
  async confirm(user: AuthUser, code: string): Promise<MeResponse> {
    const ok = await this.db.transaction(async (tx) => {
      const account = await lockAccountPhone(tx, user.id);
      if (!account) throw noPhone();
      if (account.phone_verified) throw alreadyVerified();
      const match = await this.codes.check(tx, user.id, 'verify', code);
      if (!match) return false;
      await markPhoneVerified(tx, user.id, match.phone);
      await appendAudit(tx, {
        actor: user.id,
        action: 'phone.verified',
        subjectType: 'user',
        subjectId: user.id,
      });
      return true;
    });
    // Thrown after commit, so the failure count sticks.
    if (!ok) throw invalidCode();
    return this.auth.me(user.id);
  }
}
