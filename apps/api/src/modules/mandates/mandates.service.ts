import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkMandateCancellation,
  checkMandateEdit,
  checkMandateExtension,
  ConflictError,
  isPastDeadline,
  type MandateEvent,
  mandateDaysLeft,
  mandateEmail,
  mandateNotification,
  mandateSms,
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
  cancelMandateAt,
  insertMandate,
  insertMandateNotices,
  liveMandate,
  lockMandate,
  type MandateListFilter,
  type MandateRow,
  mandateCompliance,
  mandatePlace,
  mandatesForLearner,
  mandatesPage,
  mandatesProgress,
  mandateStarted,
  type Queryable,
  scopeCondition,
  updateMandateTerms,
} from '@hocvuso/db';
import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { sendOutboxSoon } from '../jobs/send-outbox-soon';
import { requirePublishedCourses } from '../../common/db/published-courses';
import { targetScope } from '../../common/db/target-scope';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';
import { toLearner } from '../learners/learner-view';
import type {
  MandateCancelInput,
  MandateEditInput,
  MandateExtendInput,
  MandateInput,
  MandatesQuery,
} from '@hocvuso/contracts';

type Tx = Queryable;
type Notices = { notified: number; mailed: number; texted: number };

/**
 * Mandates: a set of courses that the learners of a unit (and its subtree) or an organisation, optionally of
 * one target group, must complete by a date; their compliance list and its export; and the learner's own view.
 * Admins see and create mandates only within their scope; anything else answers 404. Every status is
 * mandateStatusOn (libs/domain) on the Vietnam date of `now`: the web shows it and never computes its own.
 */
@Injectable()
export class MandatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async createMandate(user: AuthUser, input: MandateInput) {
    requireCapability(user, 'mandate.create', 'This needs an administrator role.');
    const scope = await targetScope(this.db, input.unitId, input.organisationId);
    if (!reaches(user.grants, 'mandate.create', scope))
      throw notFound(input.unitId ? 'unit' : 'organisation');
    await requirePublishedCourses(this.db, input.courseIds);
    const created = await this.db.transaction(async (tx) => {
      const mandateId = await insertMandate(tx, {
        title: normalizeText(input.title),
        description: input.description,
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
      const notices = await this.notify(tx, mandateId, 'created');
      return { ...(await this.mandate(user, mandateId, tx)), notices };
    });
    await this.announce();
    return created;
  }

  /**
   * Edits the title, description, courses, due date or grace days (checkMandateEdit: courses added any time,
   * removed or the deadline shortened only before anyone started). The people assigned are told when what they
   * must do changed (courses or dates), not for a typo in the title.
   */
  async editMandate(user: AuthUser, id: string, input: MandateEditInput, now: Date = new Date()) {
    const current = await this.changeable(user, id);
    const courseIds = input.courseIds ? [...new Set(input.courseIds)] : current.course_ids;
    if (input.courseIds) await requirePublishedCourses(this.db, courseIds);
    const started = await mandateStarted(this.db, id);
    return this.change(user, id, input.version, 'mandate.edit', input.reason, async (tx, m) => {
      const before = terms(m);
      const after = {
        title: input.title !== undefined ? normalizeText(input.title) : m.title,
        description: input.description ?? m.description,
        courseIds,
        dueOn: input.dueOn ?? before.dueOn,
        graceDays: input.graceDays ?? m.grace_days,
      };
      const changed = checkMandateEdit(before, after, {
        status: m.status,
        started,
        today: vietnamDate(now),
      });
      const version = await updateMandateTerms(tx, id, m.version, after);
      const event: MandateEvent | null = changed.some((c) => ['courseIds', 'dueOn', 'graceDays'].includes(c))
        ? 'edited'
        : null;
      return { version, before, after: { ...after, changed }, event };
    });
  }

  /** Moves the due date later (only later); everyone assigned is told. */
  async extendMandate(user: AuthUser, id: string, input: MandateExtendInput) {
    await this.changeable(user, id);
    return this.change(user, id, input.version, 'mandate.extend', input.reason, async (tx, m) => {
      checkMandateExtension(m.due_on, input.dueOn, m.status);
      const version = await updateMandateTerms(tx, id, m.version, { ...terms(m), dueOn: input.dueOn });
      return { version, before: { dueOn: m.due_on }, after: { dueOn: input.dueOn }, event: 'extended' };
    });
  }

  /** Cancels: learners no longer see it as due and get no more reminders; compliance keeps its history. */
  async cancelMandate(user: AuthUser, id: string, input: MandateCancelInput) {
    await this.changeable(user, id);
    return this.change(user, id, input.version, 'mandate.cancel', input.reason, async (tx, m) => {
      checkMandateCancellation(m.status);
      const version = await cancelMandateAt(tx, id, m.version);
      return { version, before: { status: m.status }, after: { status: 'cancelled' }, event: 'cancelled' };
    });
  }

  /** The mandate, for a change: 404 when missing or outside the caller's reach with mandate.create. */
  private async changeable(user: AuthUser, id: string): Promise<MandateRow> {
    requireCapability(user, 'mandate.create', 'This needs an administrator role.');
    const m = isUuid(id) ? await liveMandate(this.db, id) : undefined;
    requireReach(
      user,
      'mandate.create',
      m && { unitPath: m.unit_path, organisationId: m.organisation_id },
      () => notFound('mandate'),
    );
    return m!;
  }

  /**
   * One change in one transaction: lock the mandate, refuse a stale version (409 MANDATE_VERSION_STALE; 50
   * parallel changes from one version: one wins), apply, audit with the reason, tell the people assigned
   * (set-based, same transaction); after commit, announce the outboxes to the worker.
   */
  private async change(
    user: AuthUser,
    id: string,
    version: number,
    action: string,
    reason: string,
    apply: (
      tx: Tx,
      m: MandateRow,
    ) => Promise<{ version: number | undefined; before: object; after: object; event: MandateEvent | null }>,
  ) {
    const result = await this.db.transaction(async (tx) => {
      const m = await lockMandate(tx, id);
      if (!m) throw notFound('mandate');
      if (m.version !== version)
        throw new ConflictError(
          'MANDATE_VERSION_STALE',
          'This mandate changed since you opened it; reload it and try again.',
          { currentVersion: m.version },
        );
      const done = await apply(tx, m);
      if (done.version === undefined)
        throw new ConflictError('MANDATE_VERSION_STALE', 'This mandate changed since you opened it.');
      await appendAudit(tx, {
        actor: user.id,
        action,
        subjectType: 'mandate',
        subjectId: id,
        scope: m.unit_path,
        before: done.before,
        after: done.after,
        reason,
      });
      const notices = done.event ? await this.notify(tx, id, done.event) : undefined;
      return { ...(await this.mandate(user, id, tx)), ...(notices ? { notices } : {}) };
    });
    if (result.notices) await this.announce();
    return result;
  }

  /** Tells everyone the mandate applies to, in the inbox, by e-mail or by SMS (insertMandateNotices). */
  private async notify(tx: Tx, id: string, event: MandateEvent): Promise<Notices> {
    const m = (await liveMandate(tx, id))!;
    const vars = { title: m.title, dueOn: m.due_on, url: `${this.config.publicUrl}/me/learning` };
    const vi = mandateEmail('vi', event, vars);
    const en = mandateEmail('en', event, vars);
    return insertMandateNotices(tx, id, {
      key: `mandate:${id}:v${m.version}`,
      notification: mandateNotification(event, vars),
      email: {
        vi: { subject: vi.subject, text: vi.text, html: vi.html },
        en: { subject: en.subject, text: en.text, html: en.html },
      },
      sms: mandateSms(event, vars),
      mailTransport: this.config.mailTransport,
    });
  }

  /** After commit: the worker sends the e-mail and the SMS now (its sweeps do if the queue is down). */
  private async announce(): Promise<void> {
    await sendOutboxSoon(this.jobs, this.config.mailTransport, this.logger, 'mandate e-mails');
    await this.jobs.enqueue('send-pending-sms', {}).catch((err: unknown) => {
      this.logger.warn({ err }, 'could not enqueue the mandate SMS; the SMS sweep will send them');
    });
  }

  /** The admin list: filtered, sorted, paged, each mandate with its progress (one statement for the page). */
  async mandates(user: AuthUser, q: MandatesQuery, now: Date = new Date()) {
    requireCapability(user, 'mandate.read', 'This needs an administrator role.');
    const scope = scopeCondition('m', scopeFor(user.grants, 'mandate.read'), 1);
    const { rows, total } = await mandatesPage(this.db, scope, listFilter(q), {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const progress = new Map(
      (
        await mandatesProgress(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((p) => [p.mandate_id, p]),
    );
    const today = vietnamDate(now);
    return {
      items: rows.map((r) => {
        const p = progress.get(r.id) ?? { assigned: 0, completed: 0 };
        const late =
          r.status === 'active' && isPastDeadline({ dueOn: r.due_on, graceDays: r.grace_days }, today);
        return {
          ...toMandate(r),
          progress: {
            assigned: p.assigned,
            completed: p.completed,
            overdue: late ? p.assigned - p.completed : 0,
          },
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Where a mandate stands in the list the same query gives ("3 / 12"), with its neighbours. */
  async place(user: AuthUser, id: string, q: MandatesQuery) {
    const m = await this.mandate(user, id);
    const scope = scopeCondition('m', scopeFor(user.grants, 'mandate.read'), 1);
    const at = await mandatePlace(this.db, scope, listFilter(q), m.id);
    if (at) return { position: at.position, total: at.total, previousId: at.previous_id, nextId: at.next_id };
    const { total } = await mandatesPage(this.db, scope, listFilter(q), { limit: 1, offset: 0 });
    return { position: null, total, previousId: null, nextId: null };
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
    const daysLeftOf = (dueOn: string) => mandateDaysLeft(dueOn, now);
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
        daysLeft: daysLeftOf(m.dueOn),
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
  description: m.description,
  version: m.version,
  status: m.status,
  cancelledAt: m.cancelled_at ? m.cancelled_at.toISOString() : null,
});

const terms = (m: MandateRow) => ({
  title: m.title,
  description: m.description,
  courseIds: m.course_ids,
  dueOn: m.due_on,
  graceDays: m.grace_days,
});

const listFilter = (q: MandatesQuery): MandateListFilter => ({
  status: q.status,
  q: q.q ?? null,
  sort: q.sort,
  order: q.order,
});
