import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Grant, isRole } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Opaque server-side sessions: the browser holds 32 random bytes, the database holds their SHA-256. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async create(userId: string, userAgent: string | undefined): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO sessions (user_id, token_hash, user_agent, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [userId, hashToken(token), userAgent?.slice(0, 300) ?? null, this.config.sessionTtlDays],
    );
    return token;
  }

  /** The user of a live session, touching last_seen_at at most every five minutes. */
  async resolve(token: string): Promise<AuthUser | undefined> {
    const rows: Array<{ session_id: string; user_id: string; grants: Array<{ role: string; unitPath: string | null; organisationId: string | null }> }> =
      await this.db.query(
        `WITH s AS (
           UPDATE sessions SET last_seen_at = CASE WHEN last_seen_at < now() - interval '5 minutes' THEN now() ELSE last_seen_at END
            WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
            RETURNING id, user_id)
         SELECT s.id AS session_id, s.user_id,
                coalesce(json_agg(json_build_object('role', g.role, 'unitPath', u.path, 'organisationId', g.organisation_id))
                           FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
           FROM s
           LEFT JOIN role_grants g ON g.user_id = s.user_id AND g.revoked_at IS NULL
           LEFT JOIN administrative_units u ON u.id = g.unit_id
          GROUP BY s.id, s.user_id`,
        [hashToken(token)],
      );
    const row = rows[0];
    if (!row) return undefined;
    const grants = row.grants.filter((g): g is Grant => isRole(g.role));
    return { id: row.user_id, sessionId: row.session_id, roles: [...new Set(grants.map((g) => g.role))], grants };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }
}
