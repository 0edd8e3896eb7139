import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  grantRefusal,
  normalizeText,
  reaches,
  scopeFor,
  ValidationError,
  isUuid,
} from '@hocvuso/domain';
import { appendAudit, scopeCondition, sharesWithUnit } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { notFound, targetScope, toLearner } from './access-common';
import type { ConsentInput, LearnerListQuery, ProfileUpdate, RoleGrantInput } from '@hocvuso/contracts';

/**
 * Who may see and change what: the learner's own profile and consents, the admin's learner list and role
 * grants (rosters and mandates have their own services in this module). Every admin read and write resolves
 * the target's unit path and organisation and checks it against the caller's grants; anything out of scope
 * answers 404, exactly like a missing id, so existence does not leak.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---------- profile ----------

  async profile(userId: string) {
    const [p] = await this.db.query(
      `SELECT u.language, lp.target_groups, lp.sub_groups, lp.accessibility, lp.unit_id, au.name AS unit_name, au.path AS unit_path,
              lp.organisation_id, o.name AS organisation_name, h.code AS household_code
         FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
         LEFT JOIN households h ON h.id = lp.household_id
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
        WHERE u.id = $1`,
      [userId],
    );
    const consents = await this.db.query(
      `SELECT DISTINCT ON (purpose) purpose, granted, text_version, channel, at FROM consents WHERE user_id = $1 ORDER BY purpose, at DESC`,
      [userId],
    );
    return {
      language: p.language,
      targetGroups: p.target_groups ?? [],
      subGroups: p.sub_groups ?? [],
      accessibility: p.accessibility ?? {},
      unit: p.unit_id ? { id: p.unit_id, name: p.unit_name, path: p.unit_path } : null,
      organisation: p.organisation_id ? { id: p.organisation_id, name: p.organisation_name } : null,
      householdCode: p.household_code ?? null,
      consents: consents.map(
        (c: { purpose: string; granted: boolean; text_version: string; channel: string; at: Date }) => ({
          purpose: c.purpose,
          granted: c.granted,
          textVersion: c.text_version,
          channel: c.channel,
          at: new Date(c.at).toISOString(),
        }),
      ),
    };
  }

  async updateProfile(userId: string, input: ProfileUpdate) {
    await this.db.transaction(async (tx) => {
      let unitPath: string | null = null;
      if (input.unitId) {
        const [u] = await tx.query(
          `SELECT path, level FROM administrative_units WHERE id = $1 AND valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)`,
          [input.unitId],
        );
        if (!u)
          throw new ValidationError(
            'UNIT_NOT_FOUND',
            'Choose a current commune, ward, village or residential group.',
          );
        if (u.level === 'province')
          throw new ValidationError('UNIT_TOO_BROAD', 'Choose your commune or ward, not only the province.');
        unitPath = u.path;
      }
      if (
        input.organisationId &&
        (await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [input.organisationId])).length === 0
      ) {
        throw new ValidationError('ORGANISATION_NOT_FOUND', 'There is no such organisation.');
      }
      let householdId: string | null = null;
      if (input.householdCode) {
        if (!input.unitId)
          throw new ValidationError(
            'HOUSEHOLD_NEEDS_UNIT',
            'Choose your village or residential group before the household.',
          );
        const [h] = await tx.query(
          `INSERT INTO households (unit_id, code) VALUES ($1, $2)
           ON CONFLICT (unit_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
          [input.unitId, input.householdCode],
        );
        householdId = h.id;
      }
      await tx.query(`UPDATE users SET language = $2, updated_at = now() WHERE id = $1`, [
        userId,
        input.language,
      ]);
      await tx.query(
        `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id, household_id, accessibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id) DO UPDATE SET target_groups = EXCLUDED.target_groups, sub_groups = EXCLUDED.sub_groups, unit_id = EXCLUDED.unit_id,
                unit_path = EXCLUDED.unit_path, organisation_id = EXCLUDED.organisation_id, household_id = EXCLUDED.household_id,
                accessibility = EXCLUDED.accessibility, updated_at = now()`,
        [
          userId,
          input.targetGroups,
          input.subGroups,
          input.unitId,
          unitPath,
          input.organisationId,
          householdId,
          JSON.stringify(input.accessibility),
        ],
      );
    });
    return this.profile(userId);
  }

  /** Records a consent given or withdrawn (never edits an earlier one), and audits it. */
  async recordConsent(
    userId: string,
    input: ConsentInput,
    channel: 'web' | 'in_person' = 'web',
    recordedBy: string | null = null,
  ) {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO consents (user_id, purpose, text_version, channel, granted, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [userId, input.purpose, input.textVersion, channel, input.granted, recordedBy],
      );
      await appendAudit(tx, {
        actor: recordedBy ?? userId,
        action: 'consent.change',
        subjectType: 'user',
        subjectId: userId,
        after: { purpose: input.purpose, granted: input.granted, textVersion: input.textVersion },
      });
    });
    return this.profile(userId);
  }

  // ---------- learners ----------

  /**
   * The learners of the caller's area who may be named to them (isNamedInList: consent to share with their
   * unit, or staff of an organisation the caller administers); the others are only counted (`notNamed`), and a
   * search never finds them.
   */
  async learners(user: AuthUser, q: LearnerListQuery) {
    requireCapability(user, 'learner.read', 'This needs an administrator role.');
    const filter = scopeFor(user.grants, 'learner.read');
    const scope = scopeCondition('lp', filter, 1);
    const n = scope.params.length;
    const named = `(${sharesWithUnit('lp.user_id')} OR lp.organisation_id = ANY ($${n + 1}::uuid[]))`;
    const [{ not_named: notNamed }] = await this.db.query(
      `SELECT count(*)::int AS not_named FROM learner_profiles lp WHERE ${scope.sql} AND NOT ${named}`,
      [...scope.params, filter.organisationIds],
    );
    const needle = q.q ? normalizeText(q.q).toLowerCase() : '';
    const rows = await this.db.query(
      `SELECT u.id, u.display_name, u.email, u.phone, lp.target_groups, au.name AS unit_name, o.name AS organisation_name,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id) AS enrolments,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed') AS completed,
              count(*) OVER ()::int AS total
         FROM learner_profiles lp JOIN users u ON u.id = lp.user_id
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
        WHERE ${scope.sql} AND ${named}
          AND ($${n + 2}::text = '' OR position($${n + 2}::text in lower(u.display_name)) > 0 OR u.email = $${n + 2}::text OR u.phone = $${n + 2}::text)
        ORDER BY u.display_name, u.id LIMIT $${n + 3} OFFSET $${n + 4}`,
      [...scope.params, filter.organisationIds, needle, q.limit, (q.page - 1) * q.limit],
    );
    return {
      items: rows.map(toLearner),
      total: rows[0]?.total ?? 0,
      /** People of the area who are counted but not named (no consent to share with their unit). */
      notNamed: notNamed as number,
      page: q.page,
      limit: q.limit,
    };
  }

  /** One learner, if in the caller's scope; out of scope is 404. */
  async learner(user: AuthUser, id: string) {
    requireCapability(user, 'learner.read', 'This needs an administrator role.');
    const target = isUuid(id) ? await this.profileScope(id) : undefined;
    if (!target || !reaches(user.grants, 'learner.read', target)) throw notFound('learner');
    const [row] = await this.db.query(
      `SELECT u.id, u.display_name, u.email, u.phone, lp.target_groups, au.name AS unit_name, o.name AS organisation_name,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id) AS enrolments,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed') AS completed
         FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
        WHERE u.id = $1`,
      [id],
    );
    return toLearner(row);
  }

  /** Where a person sits; someone without a profile sits nowhere (only a system admin reaches them). */
  private async profileScope(
    userId: string,
  ): Promise<{ unitPath: string | null; organisationId: string | null } | undefined> {
    const [p] = await this.db.query(
      `SELECT lp.unit_path, lp.organisation_id FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    return p ? { unitPath: p.unit_path, organisationId: p.organisation_id } : undefined;
  }

  // ---------- role grants ----------

  async grants(user: AuthUser, userId: string) {
    await this.learner(user, userId); // 404 when out of scope
    const rows = await this.db.query(
      `SELECT g.id, g.role, g.unit_id, au.name AS unit_name, g.organisation_id, o.name AS organisation_name, g.granted_at
         FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id LEFT JOIN organisations o ON o.id = g.organisation_id
        WHERE g.user_id = $1 AND g.revoked_at IS NULL ORDER BY g.granted_at`,
      [userId],
    );
    return { items: rows };
  }

  /** Grants a role within the caller's reach; nobody grants above their own role or outside their scope. */
  async grant(user: AuthUser, input: RoleGrantInput) {
    await this.learner(user, input.userId);
    const scope = await targetScope(this.db, input.unitId, input.organisationId);
    const refusal = grantRefusal(user.grants, input.role, scope);
    if (refusal)
      throw new DomainError('ROLE_GRANT_REFUSED', 'forbidden', refusalMessage[refusal], { reason: refusal });
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO role_grants (user_id, role, unit_id, organisation_id, granted_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
        [input.userId, input.role, input.unitId, input.organisationId, user.id],
      );
      if (rows.length === 0)
        throw new ConflictError(
          'ROLE_ALREADY_GRANTED',
          'This person already holds this role for this scope.',
        );
      await appendAudit(tx, {
        actor: user.id,
        action: 'role.grant',
        subjectType: 'user',
        subjectId: input.userId,
        scope: scope.unitPath,
        after: { role: input.role, unitId: input.unitId, organisationId: input.organisationId },
      });
      return { id: rows[0].id as string };
    });
  }

  async revokeGrant(user: AuthUser, grantId: string) {
    requireCapability(user, 'role.grant', 'This needs an administrator role.');
    const [g] = isUuid(grantId)
      ? await this.db.query(
          `SELECT g.*, au.path AS unit_path FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id WHERE g.id = $1 AND g.revoked_at IS NULL`,
          [grantId],
        )
      : [];
    if (!g) throw notFound('role_grant');
    await this.learner(user, g.user_id); // the holder must be in scope
    const refusal = grantRefusal(user.grants, g.role, {
      unitPath: g.unit_path,
      organisationId: g.organisation_id,
    });
    if (refusal) throw notFound('role_grant');
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE role_grants SET revoked_at = now() WHERE id = $1`, [grantId]);
      await appendAudit(tx, {
        actor: user.id,
        action: 'role.revoke',
        subjectType: 'user',
        subjectId: g.user_id,
        scope: g.unit_path,
        before: { role: g.role, unitId: g.unit_id, organisationId: g.organisation_id },
      });
    });
  }
}

const refusalMessage: Record<string, string> = {
  ROLE_ABOVE_OWN: 'You cannot grant a role above your own.',
  SCOPE_OUTSIDE_OWN: 'You can grant roles only inside the area you administer.',
  SCOPE_REQUIRED: 'This role needs a unit or an organisation.',
  SCOPE_NOT_ALLOWED: 'This role applies everywhere and takes no unit or organisation.',
};

