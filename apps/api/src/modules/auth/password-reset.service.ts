import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { messageLanguage, parseLoginIdentifier, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  insertOutboxMail,
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
  ) {}

  /** Writes the reset e-mail to the outbox when an account with an e-mail address matches; otherwise nothing. */
  async request(identifier: string): Promise<void> {
    let id;
    try {
      id = parseLoginIdentifier(identifier);
    } catch {
      return;
    }
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
    if (userIds.length === 0) return [];
    const tokens = userIds.map(() => randomToken());
    await spendUnusedResetTokens(tx, userIds);
    await insertResetTokens(
      tx,
      userIds,
      tokens.map((t) => sha256(t)),
      validMinutes,
    );
    return userIds.map((userId, i) => ({ userId, link: this.link(tokens[i]!) }));
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
