import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  isRole,
  normalizeText,
  parseLoginIdentifier,
  passwordProblems,
  UnauthenticatedError,
  ValidationError,
} from '@hocvuso/domain';
import type { MeResponse, SignInRequest, SignUpRequest } from '@hocvuso/contracts';
import { UserEntity } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

@Injectable()
export class AuthService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async signUp(input: SignUpRequest): Promise<MeResponse> {
    const id = parseLoginIdentifier(input.identifier);
    const problems = passwordProblems(input.password, [id.value.replace(/^\+84/, '0'), id.value.split('@')[0] ?? '']);
    if (problems.length > 0) {
      throw new ValidationError('WEAK_PASSWORD', `The password needs: ${problems.join('; ')}.`, { problems });
    }
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (display_name, email, phone, password_hash, language)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          normalizeText(input.displayName),
          id.kind === 'email' ? id.value : null,
          id.kind === 'phone' ? id.value : null,
          passwordHash,
          input.language ?? 'vi',
        ],
      );
      const userId = inserted[0]?.id;
      if (!userId) {
        throw new ConflictError('ACCOUNT_EXISTS', 'An account with this e-mail or phone number already exists; sign in instead.');
      }
      await tx.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, 'learner')`, [userId]);
      return this.me(userId, tx);
    });
  }

  /**
   * Checks the password. Five failures in a row lock the account for fifteen minutes; the answer for an
   * unknown account and a wrong password is the same, and takes the same time.
   */
  async signIn(input: SignInRequest): Promise<MeResponse> {
    let identifier;
    try {
      identifier = parseLoginIdentifier(input.identifier);
    } catch {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw invalidCredentials();
    }
    const users = this.db.getRepository(UserEntity);
    const user = await users.findOne({ where: identifier.kind === 'email' ? { email: identifier.value } : { phone: identifier.value } });
    if (!user?.passwordHash) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw invalidCredentials();
    }
    const [{ locked_seconds: lockedSeconds }] = await this.db.query(
      `SELECT greatest(0, ceil(extract(epoch FROM (locked_until - now()))))::int AS locked_seconds FROM users WHERE id = $1`,
      [user.id],
    );
    if (lockedSeconds > 0) {
      throw new DomainError('ACCOUNT_LOCKED', 'rate_limited', 'Too many wrong passwords. Try again later.', {
        retryAfterSeconds: lockedSeconds,
      });
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      await this.db.query(
        `UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
          WHERE id = $1`,
        [user.id, MAX_FAILED_SIGN_INS, LOCKOUT_MINUTES],
      );
      throw invalidCredentials();
    }
    await this.db.query(`UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    return this.me(user.id);
  }

  async me(userId: string, db: Pick<DataSource, 'query'> = this.db): Promise<MeResponse> {
    const rows: Array<{ id: string; display_name: string; email: string | null; phone: string | null; language: string; roles: string[] }> =
      await db.query(
        `SELECT u.id, u.display_name, u.email, u.phone, u.language,
                coalesce(array_agg(DISTINCT r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
           FROM users u LEFT JOIN role_grants r ON r.user_id = u.id AND r.revoked_at IS NULL
          WHERE u.id = $1 GROUP BY u.id`,
        [userId],
      );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');
    return {
      id: row.id,
      displayName: row.display_name,
      email: row.email,
      phone: row.phone,
      language: row.language === 'en' ? 'en' : 'vi',
      roles: row.roles.filter(isRole),
    };
  }
}

const invalidCredentials = () =>
  new UnauthenticatedError('INVALID_CREDENTIALS', 'The e-mail or phone number and password do not match.');
