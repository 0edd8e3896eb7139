import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ADMIN_ROLES,
  canReach,
  checkRosterRows,
  ConflictError,
  DomainError,
  ForbiddenError,
  type Grant,
  grantRefusal,
  NotFoundError,
  normalizeText,
  scopeFilter,
  ValidationError,
  isUuid,
} from '@hocvuso/domain';
import {
  appendAudit,
  applyRoster,
  type MandateStatus,
  mandateCompliance,
  mandatesForLearner,
  scopeCondition,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { transactionOrDryRun } from '../../common/db/dry-run';
import type {
  ConsentInput,
  LearnerListQuery,
  MandateInput,
  ProfileUpdate,
  RoleGrantInput,
} from './access.schemas';

const notFound = (what: string) =>
  new NotFoundError(`${what.toUpperCase()}_NOT_FOUND`, `There is no such ${what.replace(/_/g, ' ')}.`);

/**
 * Who may see and change what. Every admin read and write resolves the target's unit path and organisation
 * and checks it against the caller's grants; anything out of scope answers 404, exactly like a missing id, so
 * existence does not leak.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private requireAdmin(user: AuthUser): void {
    if (!user.grants.some((g) => ADMIN_ROLES.includes(g.role)))
      throw new ForbiddenError('FORBIDDEN', 'This needs an administrator role.');
  }

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

  async learners(user: AuthUser, q: LearnerListQuery) {
    this.requireAdmin(user);
    const scope = scopeCondition('lp', scopeFilter(user.grants), 1);
    const n = scope.params.length;
    const needle = q.q ? normalizeText(q.q).toLowerCase() : '';
    const rows = await this.db.query(
      `SELECT u.id, u.display_name, u.email, u.phone, lp.target_groups, au.name AS unit_name, o.name AS organisation_name,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id) AS enrolments,
              (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed') AS completed,
              count(*) OVER ()::int AS total
         FROM learner_profiles lp JOIN users u ON u.id = lp.user_id
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
        WHERE ${scope.sql}
          AND ($${n + 1}::text = '' OR position($${n + 1}::text in lower(u.display_name)) > 0 OR u.email = $${n + 1}::text OR u.phone = $${n + 1}::text)
        ORDER BY u.display_name, u.id LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...scope.params, needle, q.limit, (q.page - 1) * q.limit],
    );
    return {
      items: rows.map(toLearner),
      total: rows[0]?.total ?? 0,
      page: q.page,
      limit: q.limit,
    };
  }

  /** One learner, if in the caller's scope; out of scope is 404. */
  async learner(user: AuthUser, id: string) {
    this.requireAdmin(user);
    const target = isUuid(id) ? await this.profileScope(id) : undefined;
    if (!target || !canReach(user.grants, ADMIN_ROLES, target)) throw notFound('learner');
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
    const scope = await this.grantScope(input.unitId, input.organisationId);
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
    this.requireAdmin(user);
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

  private async grantScope(unitId: string | null, organisationId: string | null) {
    if (unitId) {
      const [u] = await this.db.query(`SELECT path FROM administrative_units WHERE id = $1`, [unitId]);
      if (!u) throw notFound('unit');
      return { unitPath: u.path as string, organisationId: null };
    }
    if (organisationId) {
      const [o] = await this.db.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
      if (!o) throw notFound('organisation');
    }
    return { unitPath: null, organisationId };
  }

  // ---------- bulk enrolment ----------

  /**
   * Enrols a roster: every row is checked (domain rules), placed in the admin's scope, matched or created, and
   * enrolled in the courses, in one transaction. The report lists each line as created, matched or rejected.
   */
  async roster(user: AuthUser, records: Array<Record<string, string>>, courseIds: string[], dryRun: boolean) {
    this.requireAdmin(user);
    const known = await this.db.query(`SELECT id FROM courses WHERE id = ANY ($1::text[]) AND published`, [
      courseIds,
    ]);
    const missing = courseIds.filter((c) => !known.some((k: { id: string }) => k.id === c));
    if (courseIds.length === 0 || missing.length)
      throw new ValidationError(
        'COURSE_NOT_FOUND',
        `Choose published courses; unknown: ${missing.join(', ') || '(none given)'}.`,
        { missing },
      );
    const { rows, rejected } = checkRosterRows(records);
    const scope = scopeFilter(user.grants);
    const outcomes = await transactionOrDryRun(this.db, dryRun, async (tx) => {
      const applied = rows.length ? await applyRoster(tx, rows, courseIds, scope) : [];
      await appendAudit(tx, {
        actor: user.id,
        action: 'roster.import',
        subjectType: 'roster',
        subjectId: courseIds.join(','),
        after: { rows: records.length, dryRun },
      });
      return applied;
    });
    const all = [
      ...outcomes,
      ...rejected.map((r) => ({ line: r.line, status: 'rejected' as const, errors: r.errors })),
    ].sort((a, b) => a.line - b.line);
    return {
      dryRun,
      created: all.filter((r) => r.status === 'created').length,
      matched: all.filter((r) => r.status === 'matched').length,
      rejected: all.filter((r) => r.status === 'rejected').length,
      rows: all,
    };
  }

  // ---------- mandates ----------

  async createMandate(user: AuthUser, input: MandateInput) {
    this.requireAdmin(user);
    const scope = await this.grantScope(input.unitId, input.organisationId);
    if (!canReach(user.grants, ADMIN_ROLES, scope)) throw notFound(input.unitId ? 'unit' : 'organisation');
    const known = await this.db.query(`SELECT id FROM courses WHERE id = ANY ($1::text[]) AND published`, [
      input.courseIds,
    ]);
    const missing = input.courseIds.filter((c) => !known.some((k: { id: string }) => k.id === c));
    if (missing.length)
      throw new ValidationError('COURSE_NOT_FOUND', `Unknown courses: ${missing.join(', ')}.`, { missing });
    return this.db.transaction(async (tx) => {
      const [m] = await tx.query(
        `INSERT INTO mandates (title, course_ids, unit_id, unit_path, organisation_id, target_group, due_on, grace_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          normalizeText(input.title),
          [...new Set(input.courseIds)],
          input.unitId,
          scope.unitPath,
          input.organisationId,
          input.targetGroup,
          input.dueOn,
          input.graceDays,
          user.id,
        ],
      );
      await appendAudit(tx, {
        actor: user.id,
        action: 'mandate.create',
        subjectType: 'mandate',
        subjectId: m.id,
        scope: scope.unitPath,
        after: { ...input },
      });
      return this.mandate(user, m.id, tx);
    });
  }

  async mandates(user: AuthUser) {
    this.requireAdmin(user);
    const scope = scopeCondition('m', scopeFilter(user.grants), 1);
    const rows = await this.db.query(
      `SELECT m.* FROM mandates m WHERE m.archived_at IS NULL AND ${scope.sql} ORDER BY m.due_on, m.created_at`,
      scope.params,
    );
    return { items: rows.map(toMandate) };
  }

  async mandate(user: AuthUser, id: string, db: Pick<DataSource, 'query'> = this.db) {
    this.requireAdmin(user);
    const [m] = isUuid(id)
      ? await db.query(`SELECT * FROM mandates WHERE id = $1 AND archived_at IS NULL`, [id])
      : [];
    if (
      !m ||
      !canReach(user.grants, ADMIN_ROLES, { unitPath: m.unit_path, organisationId: m.organisation_id })
    )
      throw notFound('mandate');
    return toMandate(m);
  }

  async compliance(user: AuthUser, id: string, status?: MandateStatus) {
    const mandate = await this.mandate(user, id);
    const all = await mandateCompliance(this.db, id);
    const counts = { assigned: all.length, notStarted: 0, inProgress: 0, completed: 0, overdue: 0 };
    for (const r of all)
      counts[
        r.status === 'not_started' ? 'notStarted' : r.status === 'in_progress' ? 'inProgress' : r.status
      ] += 1;
    const rows = status ? all.filter((r) => r.status === status) : all;
    return {
      mandate,
      counts,
      learners: rows.map((r) => ({
        ...toLearner({ ...r, id: r.user_id }),
        status: r.status,
        completedCourses: r.completed_courses,
        totalCourses: r.total_courses,
      })),
    };
  }

  /** The compliance list as rows for CSV export; the export itself is audited. */
  async complianceExport(user: AuthUser, id: string) {
    const report = await this.compliance(user, id);
    await appendAudit(this.db, {
      actor: user.id,
      action: 'learner.export',
      subjectType: 'mandate',
      subjectId: id,
      scope: report.mandate.unitPath,
      after: { rows: report.learners.length },
    });
    return report;
  }

  async myMandates(userId: string, lang: string) {
    const rows = await mandatesForLearner(this.db, userId);
    const byMandate = new Map<
      string,
      {
        id: string;
        title: string;
        dueOn: string;
        graceDays: number;
        courses: Array<{ id: string; title: string; status: string }>;
      }
    >();
    for (const r of rows) {
      const m = byMandate.get(r.mandate_id) ?? {
        id: r.mandate_id,
        title: r.title,
        dueOn: r.due_on,
        graceDays: r.grace_days,
        courses: [],
      };
      m.courses.push({
        id: r.course_id,
        title: r.course_title[lang] ?? r.course_title.vi!,
        status: r.enrolment_status ?? 'not_enrolled',
      });
      byMandate.set(r.mandate_id, m);
    }
    return { items: [...byMandate.values()] };
  }
}

const refusalMessage: Record<string, string> = {
  ROLE_ABOVE_OWN: 'You cannot grant a role above your own.',
  SCOPE_OUTSIDE_OWN: 'You can grant roles only inside the area you administer.',
  SCOPE_REQUIRED: 'This role needs a unit or an organisation.',
  SCOPE_NOT_ALLOWED: 'This role applies everywhere and takes no unit or organisation.',
};

interface LearnerRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  target_groups?: string[] | null;
  unit_name: string | null;
  organisation_name: string | null;
  enrolments?: number;
  completed?: number;
}

const toLearner = (r: LearnerRow) => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  targetGroups: r.target_groups ?? [],
  unit: r.unit_name,
  organisation: r.organisation_name,
  enrolments: r.enrolments ?? 0,
  completed: r.completed ?? 0,
});

const toMandate = (m: Record<string, unknown>) => ({
  id: m.id as string,
  title: m.title as string,
  courseIds: m.course_ids as string[],
  unitId: m.unit_id as string | null,
  unitPath: m.unit_path as string | null,
  organisationId: m.organisation_id as string | null,
  targetGroup: m.target_group as string | null,
  dueOn: dateOnly(m.due_on),
  graceDays: m.grace_days as number,
});

/** node-postgres reads a DATE as local midnight; its local parts are the date. */
function dateOnly(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 10);
  const d = v as Date;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type { Grant };
