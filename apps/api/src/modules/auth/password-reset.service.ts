import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  messageLanguage,
  normalizeVietnamesePhone,
  parseLoginIdentifier,
  resendWaitSeconds,
  SMS_SCOPE_GLOBAL,
  smsDailyLimitError,
  smsPhoneScope,
  ValidationError,
} from '@hocvuso/domain';
import {
  accountByPhone,
  appendAudit,
  insertOutboxMail,
  markPhoneVerified,
  phoneCodeAgeSeconds,
  secondsUntilSmsDayEnds,
  smsBudgetLeft,
  takeSmsBudget,
  insertResetTokens,
  liveResetToken,
  lockResetAccount,
  type Queryable,
  setPasswordHash,
  spendResetTokensOf,
  spendUnusedResetTokens,
} from '@hocvuso/db';
import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { sendOutboxSoon } from '../jobs/send-outbox-soon';
import { checkPassword } from './auth.service';
import { hashPassword } from './password-hasher';
import { passwordResetMail } from './password-reset-mail';
import { PhoneCodeService } from './phone-code.service';
import { SessionService } from './session.service';
import { randomToken, sha256 } from './tokens';

export const RESET_TOKEN_MINUTES = 30;
/** More requests than this per account and hour send nothing (no mail-bombing through the form). */
export const RESETS_PER_HOUR = 5;

/**
 * Password reset by a single-use e-mailed link. The answer to a request never tells whether the account
 * exists; the link carries 32 random bytes of which only the SHA-256 is stored; using it sets the password,
 * clears the lockout and signs the account out everywhere.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PhoneCodeService) private readonly phoneCodes: PhoneCodeService,
  ) {}

  /**
   * An e-mail address: writes the reset e-mail to the outbox when an account with it matches. A phone number:
   * queues a reset code by SMS when an account with it matches (docs/sms.md). Otherwise nothing; the answer is
   * the same either way, except over the number's daily SMS cap, which answers 429 whether or not an account has
   * that number.
   */
  async request(identifier: string): Promise<void> {
    let id;
    try {
      id = parseLoginIdentifier(identifier);
    } catch {
      return;
    }
    if (id.kind === 'phone') return this.requestByPhone(id.value);
    const queued = await this.db.transaction(async (tx) => {
      const user = await lockResetAccount(tx, id);
      if (!user?.email || user.recent >= RESETS_PER_HOUR) return false;
      const [{ link }] = (await this.createLinks(tx, [user.id], RESET_TOKEN_MINUTES)) as [
        { userId: string; link: string },
      ];
      const language = messageLanguage(user.language);
      const mail = passwordResetMail(language, user.display_name, link, RESET_TOKEN_MINUTES);
      await insertOutboxMail(tx, {
        toAddress: user.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': language },
        dedupeKey: null,
        transport: this.config.mailTransport,
      });
      await appendAudit(tx, {
        actor: null,
        action: 'password.reset_requested',
        subjectType: 'user',
        subjectId: user.id,
      });
      return true;
    });
    if (queued)
      await sendOutboxSoon(this.jobs, this.config.mailTransport, this.logger, 'password-reset e-mail');
  }

  private async requestByPhone(phone: string): Promise<void> {
    const queued = await this.db.transaction(async (tx) => {
      const user = await lockResetAccount(tx, { kind: 'phone', value: phone });
      // No account, or a code asked for less than a minute ago (still on its way): no SMS, but the number's
      // daily budget is counted and the platform's checked as for a real send, so the answers (202, then 429
      // over the cap) are the same whether or not the number has an account.
      if (!user || resendWaitSeconds(await phoneCodeAgeSeconds(tx, user.id, 'reset')) > 0) {
        await this.countWithoutSending(tx, phone);
        return false;
      }
      await this.phoneCodes.issue(tx, { userId: user.id, phone, language: user.language }, 'reset');
      await appendAudit(tx, {
        actor: null,
        action: 'password.reset_code_requested',
        subjectType: 'user',
        subjectId: user.id,
      });
      return true;
    });
    if (queued) await this.phoneCodes.announce();
  }

  /** Takes one from the number's daily budget and checks the platform's, sending nothing (429 when full). */
  private async countWithoutSending(tx: Queryable, phone: string): Promise<void> {
    const caps = this.config.smsCaps;
    const full =
      (await takeSmsBudget(tx, [{ scope: smsPhoneScope(phone), cap: caps.perPhone }])) ??
      ((await smsBudgetLeft(tx, SMS_SCOPE_GLOBAL, caps.global)) ? undefined : SMS_SCOPE_GLOBAL);
    if (full) throw smsDailyLimitError(await secondsUntilSmsDayEnds(tx));
  }

  /**
   * Exchanges a reset code sent by SMS for a single-use reset token (valid 30 minutes; POST
   * /api/auth/password-reset/confirm then sets the password and signs out everywhere). The code works once;
   * five wrong tries spend it; an unknown number and a wrong code answer alike (400 RESET_CODE_INVALID). The
   * code proves the person holds the number, so an unconfirmed number is confirmed too.
   */
  async exchangeCode(phoneInput: string, code: string): Promise<{ token: string }> {
    let phone: string;
    try {
      phone = normalizeVietnamesePhone(phoneInput);
    } catch {
      this.phoneCodes.dummyCheck(code);
      throw invalidResetCode();
    }
    const account = await accountByPhone(this.db, phone);
    if (!account) {
      this.phoneCodes.dummyCheck(code);
      throw invalidResetCode();
    }
    const token = await this.db.transaction(async (tx) => {
      const match = await this.phoneCodes.check(tx, account.id, 'reset', code);
      if (!match) return undefined;
      await markPhoneVerified(tx, account.id, match.phone);
      const [raw] = await this.createTokens(tx, [account.id], RESET_TOKEN_MINUTES);
      await appendAudit(tx, {
        actor: account.id,
        action: 'password.reset_code_used',
        subjectType: 'user',
        subjectId: account.id,
      });
      return raw!;
    });
    // Thrown after commit, so the failure count sticks.
    if (!token) throw invalidResetCode();
    return { token };
  }

  /**
   * Single-use links that set a password, valid `validMinutes` (30 for a reset, 14 days for a roster's
   * invitations), one per user, in two statements inside the caller's transaction. The same confirm call uses
   * any of them, once; only the newest link of a user works.
   */
  async createLinks(
    tx: Queryable,
    userIds: string[],
    validMinutes: number,
  ): Promise<Array<{ userId: string; link: string }>> {
    const tokens = await this.createTokens(tx, userIds, validMinutes);
    return userIds.map((userId, i) => ({ userId, link: this.link(tokens[i]!) }));
  }

  /** The raw single-use tokens behind `createLinks` (one per user, in order); only their SHA-256 is stored. */
  private async createTokens(tx: Queryable, userIds: string[], validMinutes: number): Promise<string[]> {
    if (userIds.length === 0) return [];
    const tokens = userIds.map(() => randomToken());
    await spendUnusedResetTokens(tx, userIds);
    await insertResetTokens(
      tx,
      userIds,
      tokens.map((t) => sha256(t)),
      validMinutes,
    );
    return tokens;
  }

  private link(token: string): string {
    return `${this.config.publicUrl}/reset-password?token=${token}`;
  }

  /** Uses a reset link (or a roster invitation's): once, before it expires. */
  async confirm(token: string, password: string): Promise<{ userId: string }> {
    const find = async (db: Queryable, lock: boolean) => {
      const row = await liveResetToken(db, sha256(token), lock);
      if (!row)
        throw new ValidationError(
          'RESET_TOKEN_INVALID',
          'This reset link is not valid: it was used already or has expired. Ask for a new one.',
        );
      return row;
    };
    // The slow part (hashing the new password) happens before the transaction, so no lock and no pooled
    // connection is held while it waits for a hashing thread; the locked read then checks the link again.
    const peek = await find(this.db, false);
    checkPassword(password, peek);
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const row = await find(tx, true);
      await spendResetTokensOf(tx, row.user_id);
      await setPasswordHash(tx, row.user_id, passwordHash);
      // Every browser is signed out, as after any password change; the audit counts browsers, like password.change.
      const signedOut = await this.sessions.revokeAll(row.user_id, undefined, tx);
      await appendAudit(tx, {
        actor: row.user_id,
        action: 'password.reset',
        subjectType: 'user',
        subjectId: row.user_id,
        after: { signedOut },
      });
      return { userId: row.user_id };
    });
  }
}

const invalidResetCode = () =>
  new ValidationError(
    'RESET_CODE_INVALID',
    'The phone number and code do not match, or the code was used or has expired. Ask for a new code.',
  );
