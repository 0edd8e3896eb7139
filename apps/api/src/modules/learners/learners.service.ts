import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  grantRefusal,
  rolesHolding,
  type GrantRefusal,
  learnerNeedle,
  reaches,
  scopeFor,
  isUuid,
} from '@hocvuso/domain';
import {
  activeGrant,
  activeGrantsOf,
  appendAudit,
  countNotNamedLearners,
  insertRoleGrant,
  learnerById,
  type LearnerListFilter,
  type LearnerRow,
  namedLearnersAfter,
  namedLearnersPage,
  organisationPlace,
  placementOf,
  revokeRoleGrant,
  unitPathById,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { targetScope } from '../../common/db/target-scope';
import { notFound } from '../../common/errors/not-found';
import { requireCapability } from '../../common/guards/require-capability';
import { toLearner } from './learner-view';
import type { LearnerFilter, LearnerListQuery, RoleGrantInput } from '@hocvuso/contracts';

/** Rows the CSV export reads per query. */
const EXPORT_BATCH = 500;

/**
 * Admins' learners: the list of their area, one learner, enrolling and role grants. Every admin read and write
 * resolves the target's unit path and organisation and checks it against the caller's grants; anything out of
 * scope answers 404, exactly like a missing id, so existence does not leak.
 */
@Injectable()
export class LearnersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---------- learners ----------

  /**
   * The people of the caller's area who may be named to them (isNamedInList: consent to share with their unit,
   * or staff of an organisation the caller administers; never someone de-identified), filtered; the others
   * matching the filters are only counted (`notNamed`), and a search never finds them. People who never filled
   * in a profile have no place: only readers with global reach see (or count) them.
   */
  async learners(user: AuthUser, q: LearnerListQuery) {
    requireCapability(user, 'learner.read', 'This needs an administrator role.');
    const scope = scopeFor(user.grants, 'learner.read');
    const filter = await this.listFilter(user, q);
    const notNamed = await countNotNamedLearners(this.db, scope, filter);
    const rows = await namedLearnersPage(this.db, scope, filter, {
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    });
    return {
      items: rows.map(toLearner),
      total: rows[0]?.total ?? 0,
      /** People matching the filters who are counted but not named (no consent to share, or de-identified). */
      notNamed,
      page: q.page,
      limit: q.limit,
    };
  }

  /**
   * The learner list for a CSV export, in batches read as the download goes (keyset by name): same scope,
   * filters and consent rule as the list. The export is audited (its filters, never the search text) before
   * the first row leaves; out-of-scope filters answer 404 before anything is sent.
   */
  async exportLearners(user: AuthUser, q: LearnerFilter): Promise<AsyncIterable<LearnerRow[]>> {
    requireCapability(user, 'learner.read', 'This needs an administrator role.');
    const scope = scopeFor(user.grants, 'learner.read');
    const filter = await this.listFilter(user, q);
    await appendAudit(this.db, {
      actor: user.id,
      action: 'learner.export',
      subjectType: 'learner-list',
      subjectId: q.unitId ?? q.organisationId ?? 'area',
      scope: filter.unitPath,
      after: {
        unitId: q.unitId ?? null,
        organisationId: q.organisationId ?? null,
        targetGroup: filter.targetGroup,
        subGroup: filter.subGroup,
        status: filter.status,
        search: filter.needle !== null,
      },
    });
    const db = this.db;
    return {
      async *[Symbol.asyncIterator]() {
        let after: { displayName: string; id: string } | null = null;
        for (;;) {
          const rows = await namedLearnersAfter(db, scope, filter, after, EXPORT_BATCH);
          if (rows.length > 0) yield rows;
          const last = rows[rows.length - 1];
          if (!last || rows.length < EXPORT_BATCH) return;
          after = { displayName: last.display_name, id: last.id };
        }
      },
    };
  }

  /**
   * The list's filters resolved against the caller's reach: a unit or organisation they do not reach answers
   * 404 exactly like an unknown id (existence does not leak).
   */
  private async listFilter(user: AuthUser, q: LearnerFilter): Promise<LearnerListFilter> {
    let unitPath: string | null = null;
    if (q.unitId !== undefined) {
      const path = await unitPathById(this.db, q.unitId);
      if (
        path === undefined ||
        !reaches(user.grants, 'learner.read', { unitPath: path, organisationId: null })
      )
        throw notFound('unit');
      unitPath = path;
    }
    if (q.organisationId !== undefined) {
      const o = await organisationPlace(this.db, q.organisationId);
      if (
        !o ||
        !reaches(user.grants, 'learner.read', { unitPath: o.unit_path, organisationId: q.organisationId })
      )
        throw notFound('organisation');
    }
    return {
      needle: q.q ? learnerNeedle(q.q) : null,
      unitPath,
      organisationId: q.organisationId ?? null,
      targetGroup: q.targetGroup ?? null,
      subGroup: q.subGroup ?? null,
      status: q.status ?? null,
    };
  }

  /** One learner, if in the caller's scope; out of scope is 404. */
  async learner(user: AuthUser, id: string) {
    requireCapability(user, 'learner.read', 'This needs an administrator role.');
    const target = isUuid(id) ? await this.profileScope(id) : undefined;
    if (!target || !reaches(user.grants, 'learner.read', target)) throw notFound('learner');
    const row = await learnerById(this.db, id);
    if (!row) throw notFound('learner');
    return toLearner(row);
  }

  /** Where a person sits; someone without a profile sits nowhere (only a system admin reaches them). */
  private async profileScope(
    userId: string,
  ): Promise<{ unitPath: string | null; organisationId: string | null } | undefined> {
    const p = await placementOf(this.db, userId);
    return p ? { unitPath: p.unit_path, organisationId: p.organisation_id } : undefined;
  }

  // ---------- role grants ----------

  async grants(user: AuthUser, userId: string) {
    await this.learner(user, userId); // 404 when out of scope
    const rows = await activeGrantsOf(this.db, userId);
    return { items: rows };
  }

  /** Grants a role within the caller's reach; nobody grants above their own role or outside their scope. */
  async grant(user: AuthUser, input: RoleGrantInput) {
    await this.learner(user, input.userId);
    // An ambassador is named only after the check of the courses they completed (docs/ambassadors-and-families.md):
    // the generic grant would be a side door around it.
    if (rolesHolding('ambassador.invite').includes(input.role))
      throw new DomainError(
        'ROLE_GRANT_REFUSED',
        'forbidden',
        'Ambassadors are named with POST /api/admin/ambassadors, which checks the courses they completed.',
        { reason: 'AMBASSADOR_ROUTE' },
      );
    const scope = await targetScope(this.db, input.unitId, input.organisationId);
    const refusal = grantRefusal(user.grants, input.role, scope);
    if (refusal)
      throw new DomainError('ROLE_GRANT_REFUSED', 'forbidden', refusalMessage[refusal], { reason: refusal });
    return this.db.transaction(async (tx) => {
      const grantId = await insertRoleGrant(tx, {
        userId: input.userId,
        role: input.role,
        unitId: input.unitId,
        organisationId: input.organisationId,
        grantedBy: user.id,
      });
      if (grantId === undefined)
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
      return { id: grantId };
    });
  }

  async revokeGrant(user: AuthUser, grantId: string) {
    requireCapability(user, 'role.grant', 'This needs an administrator role.');
    const g = isUuid(grantId) ? await activeGrant(this.db, grantId) : undefined;
    if (!g) throw notFound('role_grant');
    await this.learner(user, g.user_id); // the holder must be in scope
    const refusal = grantRefusal(user.grants, g.role, {
      unitPath: g.unit_path,
      organisationId: g.organisation_id,
    });
    if (refusal) throw notFound('role_grant');
    await this.db.transaction(async (tx) => {
      await revokeRoleGrant(tx, grantId);
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

const refusalMessage: Record<GrantRefusal, string> = {
  ROLE_ABOVE_OWN: 'You cannot grant a role above your own.',
  SCOPE_OUTSIDE_OWN: 'You can grant roles only inside the area you administer.',
  SCOPE_REQUIRED: 'This role needs a unit or an organisation.',
  SCOPE_NOT_ALLOWED: 'This role applies everywhere and takes no unit or organisation.',
};
