import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Grant,
  isRole,
  isUuid,
  NotFoundError,
  sessionCacheLifetimeMs,
  UnauthenticatedError,
} from '@hocvuso/domain';
import type { SessionItem } from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { Lru } from '../../common/cache/lru';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import {
  appendAudit,
  insertSession,
  liveSessionsOf,
  type Queryable,
  revokeFamilyOfSession,
  revokeOwnSessionFamily,
  revokeSessionFamily,
  revokeUserSessions,
  rotateSession,
  sessionByTokenHash,
  sessionFreshness,
} from '@hocvuso/db';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { randomToken, sha256 } from './tokens';

/** How the person proved who they are when the session (family) began. */
export type AuthMethod = 'password' | 'oidc' | 'sign_in_code';

/** What presenting a token led to. */
export type Resolution =
  | { kind: 'none' }
  /** A replaced token presented after its grace window: the family was revoked. */
  | { kind: 'reused'; userId: string }
  /**
   * A live session; `token` is set when it was rotated and the browser must get the new cookie. `replaced`: the
   * presented token is an older one of its family, accepted in its grace window.
   */
  | { kind: 'ok'; user: AuthUser; token?: string; replaced?: boolean };

/** A validated session kept for the heartbeat ingest, which may reuse it, until `expiresAt` (ms). */
interface CachedSession {
  user: AuthUser;
  expiresAt: number;
}

/** The most sessions one api process keeps validated at once (least recently used dropped first). */
const SESSION_CACHE_ENTRIES = 20_000;

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
  /**
   * Token → a session validated by the database a few seconds ago (docs/performance.md). Keyed by the token itself,
   * not its SHA-256: a hit then costs no hash, and the process holds these tokens anyway (cookie-signer.ts).
   */
  private readonly cache = new Lru<CachedSession>(SESSION_CACHE_ENTRIES);

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
    await insertSession(this.db, {
      userId,
      tokenHash: sha256(token),
      userAgent: userAgent?.slice(0, 300) ?? null,
      ttlDays: this.config.sessionTtlDays,
      authMethod: method,
    });
    return token;
  }

  /**
   * The caller of a request, from its signed session cookie: the one check every door of the api uses (the
   * SessionGuard for Nest's routes, the heartbeat ingest for its own). A cookie whose signature fails is no session.
   */
  async callerOf(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { isPublic: boolean; cached: boolean },
  ): Promise<AuthUser | undefined> {
    const raw = request.cookies?.[SESSION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    return unsigned?.valid && unsigned.value
      ? this.authenticate(unsigned.value, reply, options.isPublic, options.cached)
      : undefined;
  }

  /**
   * Resolves the cookie's token, sets the rotated cookie on the reply, and on reuse
   * clears the cookie and refuses with SESSION_REUSED (a public route then simply runs without a caller).
   *
   * `cached`: only for a door whose writes check the session again in SQL (the video heartbeat ingest, whose
   * batch refuses a revoked or expired session): a session the database validated less than a few seconds ago
   * (sessionCacheLifetimeMs) is taken from memory, without a query. Every other route asks the database.
   */
  async authenticate(
    token: string,
    reply: FastifyReply,
    isPublic: boolean,
    cached = false,
  ): Promise<AuthUser | undefined> {
    const key = cached ? token : undefined;
    if (key) {
      const hit = this.cache.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.user;
      if (hit) this.cache.delete(key);
    }
    const r = await this.resolveHash(sha256(token));
    if (r.kind === 'ok') {
      if (r.token) setSessionCookie(reply, r.token, this.config);
      const keepMs = sessionCacheLifetimeMs(
        { replaced: Boolean(r.replaced), rotated: Boolean(r.token) },
        this.config.sessionRotateGraceSeconds,
        this.config.sessionCacheSeconds * 1000,
      );
      if (key && keepMs > 0) this.cache.set(key, { user: r.user, expiresAt: Date.now() + keepMs });
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
    return this.resolveHash(sha256(token));
  }

  /**
   * Drops this process's cached sessions of a user (sign-out, revocation, password change or reset,
   * de-identification), at once; other replicas keep theirs at most a few seconds, and the heartbeat batch
   * checks the session in SQL anyway.
   */
  forget(userId: string): void {
    this.cache.deleteWhere((entry) => entry.user.id === userId);
  }

  private async resolveHash(tokenHash: Buffer): Promise<Resolution> {
    const row = await sessionByTokenHash(
      this.db,
      tokenHash,
      this.config.sessionRotateGraceSeconds,
      this.config.sessionRotateMinutes,
    );
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
    if (row.replaced) return { kind: 'ok', user, replaced: true };
    if (!row.due) return { kind: 'ok', user };
    const rotated = await this.rotate(row.session_id);
    // A concurrent request rotated it first: this one is in its grace window (replaced, so never cached).
    if (!rotated) return { kind: 'ok', user, replaced: true };
    return { kind: 'ok', user: { ...user, sessionId: rotated.sessionId }, token: rotated.token };
  }

  /**
   * Replaces a session by a new one of its family, keeping its expiry, sign-in time and method. Only one
   * concurrent request wins (the old row is claimed by `rotated_at IS NULL`).
   */
  private async rotate(sessionId: string): Promise<{ sessionId: string; token: string } | undefined> {
    const token = randomToken();
    const newId = randomUUID();
    const row = await rotateSession(this.db, sessionId, newId, sha256(token));
    return row ? { sessionId: row.id, token } : undefined;
  }

  private async revokeFamilyAfterReuse(userId: string, familyId: string): Promise<void> {
    this.forget(userId);
    await this.db.transaction(async (tx) => {
      const revoked = await revokeSessionFamily(tx, familyId);
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
  async revoke(user: AuthUser): Promise<void> {
    this.forget(user.id);
    await revokeFamilyOfSession(this.db, user.sessionId);
    this.forget(user.id);
  }

  /** The caller's signed-in browsers: one entry per live family, its newest token. */
  async list(user: AuthUser): Promise<SessionItem[]> {
    const rows = await liveSessionsOf(this.db, user.id, user.sessionId);
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
    this.forget(user.id);
    const row = isUuid(sessionId)
      ? await revokeOwnSessionFamily(this.db, sessionId, user.id, user.sessionId)
      : undefined;
    this.forget(user.id);
    if (!row) throw new NotFoundError('SESSION_NOT_FOUND', 'There is no such session.');
    return { current: row.current };
  }

  /** Signs the user out everywhere; `exceptSessionId` keeps that browser signed in. Returns how many browsers. */
  async revokeAll(userId: string, exceptSessionId?: string, db: Queryable = this.db): Promise<number> {
    this.forget(userId);
    const rows = await revokeUserSessions(db, userId, exceptSessionId ?? null);
    this.forget(userId);
    return new Set(rows.map((r) => r.family_id)).size;
  }

  /** The session's sign-in method and whether it began within `minutes`: "recent sign-in" checks. */
  async freshness(sessionId: string, minutes: number): Promise<{ method: AuthMethod; recent: boolean }> {
    const row = await sessionFreshness(this.db, sessionId, minutes);
    return { method: (row?.auth_method ?? 'password') as AuthMethod, recent: Boolean(row?.recent) };
  }
}
