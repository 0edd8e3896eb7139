import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeVietnamesePhone, UnauthenticatedError } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import {
  appendAudit,
  countSignInCodeFailure,
  insertSignInCodes,
  lockLiveSignInCodesByPhone,
  type Queryable,
  setPasswordHash,
  spendSignInCode,
  spendUnusedSignInCodes,
} from '@hocvuso/db';
import { SessionService } from './session.service';
import { randomSignInCode, sameBytes, signInCodeHash } from './tokens';

export const SIGN_IN_CODE_HOURS = 24;
/** Codes of accounts a roster created: the administrator hands them over, which can take some days. */
export const ROSTER_SIGN_IN_CODE_HOURS = 7 * 24;
/** Wrong tries after which a code is spent. */
export const SIGN_IN_CODE_MAX_FAILURES = 5;

export interface IssuedCode {
  userId: string;
  /** The eight digits, shown once to whoever hands them over; only a keyed hash is stored. */
  code: string;
  expiresAt: string;
}

const invalidCode = () =>
  new UnauthenticatedError(
    'SIGN_IN_CODE_INVALID',
    'The phone number and code do not match, or the code was used or has expired.',
  );

/**
 * One-time sign-in codes for people registered in person by a community helper (phone only, no e-mail).
 * Eight digits, valid 24 hours (7 days for roster accounts), usable once; five wrong tries spend them. Only a
 * keyed hash is stored. Roster uploads use them too, for the phone-only accounts they create.
 */
@Injectable()
export class SignInCodeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  /** Issues a new code for the user (inside the caller's transaction); earlier unused codes stop working. */
  async issue(tx: Queryable, userId: string, issuedBy: string): Promise<{ code: string; expiresAt: string }> {
    const [{ code, expiresAt }] = (await this.issueMany(tx, [userId], issuedBy)) as [IssuedCode];
    return { code, expiresAt };
  }

  /**
   * Issues one new code per user in a few statements (a roster's phone-only accounts), inside the caller's
   * transaction; earlier unused codes of those users stop working. `hours` is how long they stay valid.
   */
  async issueMany(
    tx: Queryable,
    userIds: string[],
    issuedBy: string,
    hours = SIGN_IN_CODE_HOURS,
  ): Promise<IssuedCode[]> {
    if (userIds.length === 0) return [];
    const codes = userIds.map(() => randomSignInCode());
    await spendUnusedSignInCodes(tx, userIds);
    const rows = await insertSignInCodes(
      tx,
      userIds,
      userIds.map((id, i) => signInCodeHash(this.config.cookieSecret, id, codes[i]!)),
      issuedBy,
      hours,
    );
    const expiry = new Map(rows.map((r) => [r.user_id, new Date(r.expires_at).toISOString()]));
    return userIds.map((userId, i) => ({ userId, code: codes[i]!, expiresAt: expiry.get(userId)! }));
  }

  /** Checks a phone number and code; spends the code. The answer for an unknown phone and a wrong code is the same. */
  async verify(phoneInput: string, code: string): Promise<{ userId: string; mustSetPassword: boolean }> {
    let phone: string;
    try {
      phone = normalizeVietnamesePhone(phoneInput);
    } catch {
      throw invalidCode();
    }
    return this.db
      .transaction(async (tx) => {
        const codes = await lockLiveSignInCodesByPhone(tx, phone, SIGN_IN_CODE_MAX_FAILURES);
        const match = codes.find((c) =>
          sameBytes(c.code_hash, signInCodeHash(this.config.cookieSecret, c.user_id, code)),
        );
        if (!match) {
          if (codes.length > 0) {
            await countSignInCodeFailure(
              tx,
              codes.map((c) => c.id),
            );
          }
          return null;
        }
        await spendSignInCode(tx, match.id);
        // A code for an account that has a password was issued to recover it (a helper checked the person face
        // to face): like a password reset, it ends the old password and every signed-in browser.
        const recovery = match.has_password;
        let signedOut = 0;
        if (recovery) {
          await setPasswordHash(tx, match.user_id, null);
          signedOut = await this.sessions.revokeAll(match.user_id, undefined, tx);
        }
        await appendAudit(tx, {
          actor: match.user_id,
          action: 'auth.sign_in_code',
          subjectType: 'user',
          subjectId: match.user_id,
          ...(recovery ? { after: { recovery, signedOut } } : {}),
        });
        return { userId: match.user_id, mustSetPassword: true };
      })
      .then((r) => {
        // Thrown after commit, so the failed-attempt count sticks.
        if (!r) throw invalidCode();
        return r;
      });
  }
}
