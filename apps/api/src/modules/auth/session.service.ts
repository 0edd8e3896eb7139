import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Grant, isRole, NotFoundError, UnauthenticatedError, isUuid } from '@hocvuso/domain';
import type { SessionItem } from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { appendAudit, rowsOf } from '@hocvuso/db';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { randomToken, sha256 } from './tokens';

/** How the person proved who they are when the session (family) began. */
export type AuthMethod = 'password' | 'oidc' | 'sign_in_code';

/** What presenting a token led to. */
export type Resolution =
  | { kind: 'none' }
  /** A replaced token presented after its grace window: the family was revoked. */
  | { kind: 'reused'; userId: string }
  /** A live session; `token` is set when it was rotated and the browser must get the new cookie. */
  | { kind: 'ok'; user: AuthUser; token?: string };

interface SessionRow {
  session_id: string;
  user_id: string;
  family_id: string;
  dead: boolean;
  replaced: boolean;
  in_grace: boolean;
  due: boolean;
  grants: Array<{ role: string; unitPath: string | null; organisationId: string | null }>;
}

/**
 * Opaque server-side sessions: the browser holds 32 random bytes, the database holds their SHA-256.
 *
 * Tokens rotate. A token older than SESSION_ROTATE_MINUTES is replaced on its next use by a new one of the
 * same family (one sign-in on one browser); the old one keeps working for SESSION_ROTATE_GRACE_SECONDS so
 * requests already in flight do not fail. A replaced token presented later means two parties hold the family
 * (a stolen cookie): the whole family is revoked and the caller gets 401 SESSION_REUSED.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(
    userId: string,
    userAgent: string | undefined,
    method: AuthMethod = 'password',
  ): Promise<string> {
    const token = randomToken();
    await this.db.query(
      `INSERT INTO sessions (user_id, token_hash, user_agent, expires_at, auth_method)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5)`,
      [userId, sha256(token), userAgent?.slice(0, 300) ?? null, this.config.sessionTtlDays, method],
    );
    return token;
  }

  /**
   * The guard's entry point: resolves the cookie's token, sets the rotated cookie on the reply, and on reuse
   * clears the cookie and refuses with SESSION_REUSED (a public route then simply runs without a caller).
   */
  async authenticate(token: string, reply: FastifyReply, isPublic: boolean): Promise<AuthUser | undefined> {
    const r = await this.resolve(token);
    if (r.kind === 'ok') {
      if (r.token) setSessionCookie(reply, r.token, this.config);
      return r.user;
    }
    if (r.kind === 'reused') {
      clearSessionCookie(reply, this.config);
      if (!isPublic) {
        throw new UnauthenticatedError(
          'SESSION_REUSED',
          'This sign-in was used from somewhere else, so it was ended everywhere. Sign in again.',
        );
      }
    }
    return undefined;
  }

  /** Resolves a token: live (maybe rotated), reused (family revoked), or nothing. Touches last_seen_at at most every five minutes. */
  async resolve(token: string): Promise<Resolution> {
    const rows: SessionRow[] = await this.db.query(
      `WITH s AS (
         SELECT id, user_id, family_id, created_at, rotated_at, revoked_at, expires_at, last_seen_at FROM sessions WHERE token_hash = $1),
       touched AS (
         UPDATE sessions SET last_seen_at = now()
           FROM s
          WHERE sessions.id = s.id AND s.revoked_at IS NULL AND s.rotated_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at < now() - interval '5 minutes'
          RETURNING sessions.id)
       SELECT s.id AS session_id, s.user_id, s.family_id,
              (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS dead,
              s.rotated_at IS NOT NULL AS replaced,
              coalesce(s.rotated_at > now() - make_interval(secs => $2), false) AS in_grace,
              s.created_at <= now() - make_interval(mins => $3) AS due,
              coalesce(json_agg(json_build_object('role', g.role, 'unitPath', u.path, 'organisationId', g.organisation_id))
                         FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM s
         LEFT JOIN role_grants g ON g.user_id = s.user_id AND g.revoked_at IS NULL
         LEFT JOIN administrative_units u ON u.id = g.unit_id
        GROUP BY s.id, s.user_id, s.family_id, s.revoked_at, s.expires_at, s.rotated_at, s.created_at`,
      [sha256(token), this.config.sessionRotateGraceSeconds, this.config.sessionRotateMinutes],
    );
    const row = rows[0];
    if (!row || row.dead) return { kind: 'none' };
    if (row.replaced && !row.in_grace) {
      await this.revokeFamilyAfterReuse(row.user_id, row.family_id);
      return { kind: 'reused', userId: row.user_id };
    }
    const grants = row.grants.filter((g): g is Grant => isRole(g.role));
    const user: AuthUser = {
      id: row.user_id,
      sessionId: row.session_id,
      roles: [...new Set(grants.map((g) => g.role))],
      grants,
    };
    if (row.replaced || !row.due) return { kind: 'ok', user };
    const rotated = await this.rotate(row.session_id);
    if (!rotated) return { kind: 'ok', user }; // a concurrent request rotated it first: this one is in its grace window
    return { kind: 'ok', user: { ...user, sessionId: rotated.sessionId }, token: rotated.token };
  }

  /**
   * Replaces a session by a new one of its family, keeping its expiry, sign-in time and method. Only one
   * concurrent request wins (the old row is claimed by `rotated_at IS NULL`).
   */
  private async rotate(sessionId: string): Promise<{ sessionId: string; token: string } | undefined> {
    const token = randomToken();
    const newId = randomUUID();
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH old AS (
         UPDATE sessions SET rotated_at = now(), replaced_by = $2
          WHERE id = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, user_agent, expires_at, family_id, authenticated_at, auth_method)
       INSERT INTO sessions (id, user_id, token_hash, user_agent, expires_at, family_id, authenticated_at, auth_method, last_seen_at)
       SELECT $2, user_id, $3, user_agent, expires_at, family_id, authenticated_at, auth_method, now() FROM old
       RETURNING id`,
      [sessionId, newId, sha256(token)],
    );
    return rows[0] ? { sessionId: rows[0].id, token } : undefined;
  }

  private async revokeFamilyAfterReuse(userId: string, familyId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const revoked = rowsOf<{ id: string }>(
        await tx.query(
          `UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL RETURNING id`,
          [familyId],
        ),
      );
      await appendAudit(tx, {
        actor: null,
        action: 'session.reuse',
        subjectType: 'user',
        subjectId: userId,
        after: { familyId, revoked: revoked.length },
      });
    });
    this.logger.warn(
      { userId, familyId },
      'a replaced session token was presented again: its family was revoked',
    );
  }

  /** Signs one browser out: the session's whole family (its earlier, replaced tokens included). */
  async revoke(sessionId: string): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM sessions WHERE id = $1) AND revoked_at IS NULL`,
      [sessionId],
    );
  }

  /** The caller's signed-in browsers: one entry per live family, its newest token. */
  async list(user: AuthUser): Promise<SessionItem[]> {
    const rows: Array<{
      id: string;
      authenticated_at: Date;
      last_seen_at: Date;
      expires_at: Date;
      user_agent: string | null;
      auth_method: string;
      current: boolean;
    }> = await this.db.query(
      `SELECT s.id, s.authenticated_at, s.last_seen_at, s.expires_at, s.user_agent, s.auth_method,
              s.family_id = (SELECT family_id FROM sessions WHERE id = $2) AS current
         FROM sessions s
        WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.rotated_at IS NULL AND s.expires_at > now()
        ORDER BY s.last_seen_at DESC, s.id`,
      [user.id, user.sessionId],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.authenticated_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      userAgent: r.user_agent,
      authMethod: r.auth_method,
      current: r.current,
    }));
  }

  /** Signs out one of the caller's browsers; someone else's (or an unknown id) is 404. True when it was the caller's own. */
  async revokeOwn(user: AuthUser, sessionId: string): Promise<{ current: boolean }> {
    const rows: Array<{ current: boolean }> = isUuid(sessionId)
      ? await this.db.query(
          `WITH target AS (
             SELECT family_id FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()),
           revoked AS (
             UPDATE sessions SET revoked_at = now() WHERE family_id = (SELECT family_id FROM target) AND revoked_at IS NULL RETURNING id)
           SELECT (SELECT family_id FROM target) = (SELECT family_id FROM sessions WHERE id = $3) AS current
             FROM target`,
          [sessionId, user.id, user.sessionId],
        )
      : [];
    if (!rows[0]) throw new NotFoundError('SESSION_NOT_FOUND', 'There is no such session.');
    return { current: rows[0].current };
  }

  /** Signs the user out everywhere; `exceptSessionId` keeps that browser signed in. Returns how many browsers. */
  async revokeAll(
    userId: string,
    exceptSessionId?: string,
    db: Pick<DataSource, 'query'> = this.db,
  ): Promise<number> {
    const rows = rowsOf<{ family_id: string }>(
      await db.query(
        `UPDATE sessions SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL
            AND ($2::uuid IS NULL OR family_id <> (SELECT family_id FROM sessions WHERE id = $2::uuid))
          RETURNING family_id`,
        [userId, exceptSessionId ?? null],
      ),
    );
    return new Set(rows.map((r) => r.family_id)).size;
  }

  /** The session's sign-in method and whether it began within `minutes`: "recent sign-in" checks. */
  async freshness(sessionId: string, minutes: number): Promise<{ method: AuthMethod; recent: boolean }> {
    const [row] = await this.db.query(
      `SELECT auth_method, authenticated_at > now() - make_interval(mins => $2) AS recent FROM sessions WHERE id = $1`,
      [sessionId, minutes],
    );
    return { method: (row?.auth_method ?? 'password') as AuthMethod, recent: Boolean(row?.recent) };
  }
}
