import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isNamedInList,
  isUuid,
  type MandateStatus,
  mandateStatusOn,
  normalizeText,
  reaches,
  scopeFor,
  vietnamDate,
} from '@hocvuso/domain';
import {
  appendAudit,
  insertMandate,
  liveMandate,
  liveMandatesIn,
  type MandateRow,
  mandateCompliance,
  mandatesForLearner,
  type Queryable,
  scopeCondition,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requirePublishedCourses } from '../../common/db/published-courses';
import { targetScope } from '../../common/db/target-scope';
import { notFound } from '../../common/errors/not-found';
import { requireCapability } from '../../common/guards/require-capability';
import { toLearner } from '../learners/learner-view';
import type { MandateInput } from '@hocvuso/contracts';

/**
 * Mandates: a set of courses that the learners of a unit (and its subtree) or an organisation, optionally of
 * one target group, must complete by a date; their compliance list and its export; and the learner's own view.
 * Admins see and create mandates only within their scope; anything else answers 404. Every status is
 * mandateStatusOn (libs/domain) on the Vietnam date of `now`: the web shows it and never computes its own.
 */
@Injectable()
export class MandatesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createMandate(user: AuthUser, input: MandateInput) {
    requireCapability(user, 'mandate.create', 'This needs an administrator role.');
    const scope = await targetScope(this.db, input.unitId, input.organisationId);
    if (!reaches(user.grants, 'mandate.create', scope))
      throw notFound(input.unitId ? 'unit' : 'organisation');
    await requirePublishedCourses(this.db, input.courseIds);
    return this.db.transaction(async (tx) => {
      const mandateId = await insertMandate(tx, {
        title: normalizeText(input.title),
        courseIds: [...new Set(input.courseIds)],
        unitId: input.unitId,
        unitPath: scope.unitPath,
        organisationId: input.organisationId,
        targetGroup: input.targetGroup,
        dueOn: input.dueOn,
        graceDays: input.graceDays,
        createdBy: user.id,
      });
      await appendAudit(tx, {
        actor: user.id,
        action: 'mandate.create',
        subjectType: 'mandate',
        subjectId: mandateId,
        scope: scope.unitPath,
        after: { ...input },
      });
      return this.mandate(user, mandateId, tx);
    });
  }

  async mandates(user: AuthUser) {
    requireCapability(user, 'mandate.read', 'This needs an administrator role.');
    const scope = scopeCondition('m', scopeFor(user.grants, 'mandate.read'), 1);
    const rows = await liveMandatesIn(this.db, scope);
    return { items: rows.map(toMandate) };
  }

  async mandate(user: AuthUser, id: string, db: Queryable = this.db) {
    requireCapability(user, 'mandate.read', 'This needs an administrator role.');
    const m = isUuid(id) ? await liveMandate(db, id) : undefined;
    if (
      !m ||
      !reaches(user.grants, 'mandate.read', { unitPath: m.unit_path, organisationId: m.organisation_id })
    )
      throw notFound('mandate');
    return toMandate(m);
  }

  async compliance(user: AuthUser, id: string, status?: MandateStatus, now: Date = new Date()) {
    const mandate = await this.mandate(user, id);
    const today = vietnamDate(now);
    const all = (await mandateCompliance(this.db, id)).map((r) => ({
      ...r,
      status: mandateStatusOn(
        {
          dueOn: mandate.dueOn,
          graceDays: mandate.graceDays,
          totalCourses: r.total_courses,
          completedCourses: r.completed_courses,
          startedCourses: r.started_courses,
        },
        today,
      ),
    }));
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

  /** The mandates that apply to the learner, each with its status (judged on the Vietnam date of `now`). */
  async myMandates(userId: string, lang: string, now: Date = new Date()) {
    const today = vietnamDate(now);
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
    return {
      items: [...byMandate.values()].map((m) => ({
        ...m,
        status: mandateStatusOn(
          {
            dueOn: m.dueOn,
            graceDays: m.graceDays,
            totalCourses: m.courses.length,
            completedCourses: m.courses.filter((c) => c.status === 'completed').length,
            startedCourses: m.courses.filter((c) => c.status !== 'not_enrolled').length,
          },
          today,
        ),
      })),
    };
  }
}

const toMandate = (m: MandateRow) => ({
  id: m.id,
  title: m.title,
  courseIds: m.course_ids,
  unitId: m.unit_id,
  unitPath: m.unit_path,
  organisationId: m.organisation_id,
  targetGroup: m.target_group,
  dueOn: m.due_on,
  graceDays: m.grace_days,
});
