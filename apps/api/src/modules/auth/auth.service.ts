import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  capabilitiesOf,
  globalCapabilitiesOf,
  isRole,
  isUiLanguage,
  normalizeText,
  parseLoginIdentifier,
  passwordProblems,
  UnauthenticatedError,
  ValidationError,
} from '@hocvuso/domain';
import type { MeResponse, SetPasswordRequest, SignInRequest, SignUpRequest } from '@hocvuso/contracts';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import {
  accountLockedSeconds,
  accountPassword,
  accountProfile,
  appendAudit,
  clearSignInFailures,
  clearWrongPasswords,
  insertLearnerAccount,
  type Queryable,
  recordWrongPassword,
  setPasswordHash,
  recordSignInFailure,
  signInFailures,
  UserEntity,
} from '@hocvuso/db';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
import { PhoneCodeService } from './phone-code.service';
import { SessionService } from './session.service';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/** Failed sign-ins per account identifier (known or not) within the window, whatever address they come from. */
export const MAX_FAILURES_PER_IDENTIFIER = 10;
export const IDENTIFIER_WINDOW_MINUTES = 15;

/** The identifier's throttle key: a hash of its normalised form (or of the raw text, if it does not parse). */
function identifierKey(raw: string): string {
  let normal: string;
  try {
    normal = parseLoginIdentifier(raw).value;
  } catch {
    normal = `raw:${raw.trim().toLowerCase()}`;
  }
  return createHash('sha256').update(normal).digest('base64url');
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PhoneCodeService) private readonly phoneCodes: PhoneCodeService,
  ) {}

  /**
   * Creates the account. A phone sign-up starts unconfirmed and its first code goes out by SMS in the same
   * transaction (over a daily SMS cap the sign-up is refused with 429 SMS_DAILY_LIMIT and nothing is created).
   */
  async signUp(input: SignUpRequest): Promise<MeResponse> {
    const id = parseLoginIdentifier(input.identifier);
    checkPassword(input.password, {
      email: id.kind === 'email' ? id.value : null,
      phone: id.kind === 'phone' ? id.value : null,
    });
    const passwordHash = await hashPassword(input.password);
    const language = input.language ?? 'vi';
    const me = await this.db.transaction(async (tx) => {
      const userId = await insertLearnerAccount(tx, {
        displayName: normalizeText(input.displayName),
        email: id.kind === 'email' ? id.value : null,
        phone: id.kind === 'phone' ? id.value : null,
        phoneVerified: false,
        passwordHash,
        language,
      });
      if (!userId) {
        throw new ConflictError(
          'ACCOUNT_EXISTS',
          'An account with this e-mail or phone number already exists; sign in instead.',
        );
      }
      if (id.kind === 'phone')
        await this.phoneCodes.issue(tx, { userId, phone: id.value, language }, 'verify');
      return this.me(userId, tx);
    });
    if (id.kind === 'phone') await this.phoneCodes.announce();
    return me;
  }

  /**
   * Checks the password. Five failures in a row lock the account for fifteen minutes; the answer for an
   * unknown account and a wrong password is the same, and takes the same time.
   */
  async signIn(input: SignInRequest): Promise<MeResponse> {
    // Per identifier, whatever the client address: ten failures in fifteen minutes answer 429 until the
    // oldest leaves the window (the per-address limit alone is beaten by rotating addresses).
    const key = identifierKey(input.identifier);
    const failures = await signInFailures(
      this.db,
      key,
      IDENTIFIER_WINDOW_MINUTES,
      MAX_FAILURES_PER_IDENTIFIER,
    );
    if (failures.count >= MAX_FAILURES_PER_IDENTIFIER)
      throw new DomainError(
        'RATE_LIMITED',
        'rate_limited',
        'Too many failed sign-ins for this account. Try again later.',
        {
          retryAfterSeconds: failures.retryAfterSeconds,
        },
      );
    try {
      const me = await this.checkPassword(input);
      await clearSignInFailures(this.db, key);
      return me;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'INVALID_CREDENTIALS')
        await recordSignInFailure(this.db, key, IDENTIFIER_WINDOW_MINUTES);
      throw e;
    }
  }

  private async checkPassword(input: SignInRequest): Promise<MeResponse> {
    let identifier;
    try {
      identifier = parseLoginIdentifier(input.identifier);
    } catch {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw invalidCredentials();
    }
    const users = this.db.getRepository(UserEntity);
    const user = await users.findOne({
      where: identifier.kind === 'email' ? { email: identifier.value } : { phone: identifier.value },
    });
    if (!user?.passwordHash) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw invalidCredentials();
    }
    const lockedSeconds = (await accountLockedSeconds(this.db, user.id)) ?? 0;
    if (lockedSeconds > 0) {
      throw new DomainError('ACCOUNT_LOCKED', 'rate_limited', 'Too many wrong passwords. Try again later.', {
        retryAfterSeconds: lockedSeconds,
      });
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      await recordWrongPassword(this.db, user.id, MAX_FAILED_SIGN_INS, LOCKOUT_MINUTES);
      throw invalidCredentials();
    }
    await clearWrongPasswords(this.db, user.id);
    return this.me(user.id);
  }

  async me(userId: string, db: Queryable = this.db): Promise<MeResponse> {
    const row = await accountProfile(db, userId);
    if (!row) throw new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');
    return {
      id: row.id,
      displayName: row.display_name,
      email: row.email,
      phone: row.phone,
      phoneVerified: row.phone_verified,
      // Their interface language while languages.yaml still offers it, else Vietnamese (docs/languages.md).
      language: isUiLanguage(row.language) ? row.language : 'vi',
      roles: row.roles.filter(isRole),
      capabilities: capabilitiesOf(row.roles.filter(isRole).map((role) => ({ role }))),
      globalCapabilities: globalCapabilitiesOf(row.roles.filter(isRole).map((role) => ({ role }))),
      identityVerified: row.identity_verified,
      identityAssurance: row.identity_assurance,
      linkedProviders: row.links.map((l) => ({
        provider: l.provider,
        name: this.config.oidcProviders.find((p) => p.id === l.provider)?.name ?? l.provider,
        acr: l.acr,
        amr: l.amr,
        authTime: l.auth_time ? new Date(l.auth_time).toISOString() : null,
        linkedAt: new Date(l.linked_at).toISOString(),
        lastLoginAt: new Date(l.last_login_at).toISOString(),
      })),
    };
  }

  /**
   * Sets a first password (after a one-time code or a provider sign-in), or changes it: then the current one
   * is required, and every other browser is signed out.
   */
  async setPassword(user: AuthUser, input: SetPasswordRequest): Promise<void> {
    const row = await accountPassword(this.db, user.id);
    if (!row) throw new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');
    if (row.password_hash) {
      if (!input.currentPassword)
        throw new ValidationError('CURRENT_PASSWORD_REQUIRED', 'Enter your current password to change it.');
      if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
        throw new ForbiddenError('PASSWORD_INCORRECT', 'The current password is not right.');
      }
    }
    checkPassword(input.password, row);
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction(async (tx) => {
      await setPasswordHash(tx, user.id, passwordHash);
      const signedOut = row.password_hash ? await this.sessions.revokeAll(user.id, user.sessionId, tx) : 0;
      await appendAudit(tx, {
        actor: user.id,
        action: row.password_hash ? 'password.change' : 'password.set',
        subjectType: 'user',
        subjectId: user.id,
        after: { signedOut },
      });
    });
  }
}

/** The password rule, with the person's own e-mail and phone number as things it must not contain. */
export function checkPassword(
  password: string,
  contact: { email: string | null; phone: string | null },
): void {
  const identifiers = [
    contact.phone?.replace(/^\+84/, '0'),
    contact.phone,
    contact.email,
    contact.email?.split('@')[0],
  ].filter((v): v is string => Boolean(v));
  const problems = passwordProblems(password, identifiers);
  if (problems.length > 0) {
    throw new ValidationError('WEAK_PASSWORD', `The password needs: ${problems.join('; ')}.`, { problems });
  }
}

const invalidCredentials = () =>
  new UnauthenticatedError('INVALID_CREDENTIALS', 'The e-mail or phone number and password do not match.');
