import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isNamedInList, isUuid, normalizeText, reaches, scopeFor } from '@hocvuso/domain';
import {
  appendAudit,
  type MandateStatus,
  mandateCompliance,
  mandatesForLearner,
  scopeCondition,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { notFound, requirePublishedCourses, targetScope, toLearner } from './access-common';
import type { MandateInput } from '@hocvuso/contracts';

/**
 * Mandates: a set of courses that the learners of a unit (and its subtree) or an organisation, optionally of
 * one target group, must complete by a date; their compliance list and its export; and the learner's own view.
 * Admins see and create mandates only within their scope; anything else answers 404.
 */
@Injectable()
export class MandatesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createMandate(user: AuthUser, input: MandateInput) {
    requireCapability(user, 'mandate.create', 'This needs an administrator role.');
    const scope = await targetScope(this.db, input.unitId, input.organisationId);
    if (!reaches(user.grants, 'mandate.create', scope)) throw notFound(input.unitId ? 'unit' : 'organisation');
    await requirePublishedCourses(this.db, input.courseIds);
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
    requireCapability(user, 'mandate.read', 'This needs an administrator role.');
    const scope = scopeCondition('m', scopeFor(user.grants, 'mandate.read'), 1);
    const rows = await this.db.query(
      `SELECT m.* FROM mandates m WHERE m.archived_at IS NULL AND ${scope.sql} ORDER BY m.due_on, m.created_at`,
      scope.params,
    );
    return { items: rows.map(toMandate) };
  }

  async mandate(user: AuthUser, id: string, db: Pick<DataSource, 'query'> = this.db) {
    requireCapability(user, 'mandate.read', 'This needs an administrator role.');
    const [m] = isUuid(id)
      ? await db.query(`SELECT * FROM mandates WHERE id = $1 AND archived_at IS NULL`, [id])
      : [];
    if (
      !m ||
      !reaches(user.grants, 'mandate.read', { unitPath: m.unit_path, organisationId: m.organisation_id })
    )
      throw notFound('mandate');
    return toMandate(m);
  }

  async compliance(user: AuthUser, id: string, status?: MandateStatus) {
    const mandate = await this.mandate(user, id);
    const all = await mandateCompliance(this.db, id);
    // Everyone is counted; only staff of the mandate's own organisation, and people who consented, are named.
    const agency = mandate.organisationId ? [mandate.organisationId] : [];
    const named = all.filter((r) =>
      isNamedInList({ sharesWithUnit: r.shares_with_unit, organisationId: r.organisation_id }, agency),
    );
    const counts = {
      assigned: all.length,
      notStarted: 0,
      inProgress: 0,
      completed: 0,
      overdue: 0,
      /** Counted above but not listed: they have not agreed to be named to their unit. */
      notNamed: all.length - named.length,
    };
    for (const r of all)
      counts[
        r.status === 'not_started' ? 'notStarted' : r.status === 'in_progress' ? 'inProgress' : r.status
      ] += 1;
    const rows = status ? named.filter((r) => r.status === status) : named;
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
