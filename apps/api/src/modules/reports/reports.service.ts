import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ReportDataDto,
  ReportRequest,
  ReportResponse,
  ReportsQuery,
  ReportSummary,
} from '@hocvuso/contracts';
import {
  appendAudit,
  organisationAncestry,
  organisationExists,
  organisationsWithSubtrees,
  reportById,
  reportData,
  type ReportRow,
  reportsIn,
  reportOrganisation,
  reportUnit,
  submitReport,
} from '@hocvuso/db';
import {
  ConflictError,
  holdsEverywhere,
  isUuid,
  normalizeText,
  NotFoundError,
  parsePeriod,
  reaches,
  scopeFor,
  ValidationError,
  vietnamDate,
} from '@hocvuso/domain';
import { queueCoverageReport, reportPlanOf, type ReportRequestInput } from '@hocvuso/issuance';
import { coverageReportJobId, type JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';
import { LOGGER } from '../../common/logging/logger.token';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { PlansService } from '../coverage/plans.service';

const CONFLICT_MESSAGES: Record<string, string> = {
  REPORT_EXISTS:
    'A report of this place and period exists. Correct it with a new revision (correctionOf and a reason).',
  REPORT_NOT_FINISHED: 'The report is still being generated; correct it once it is ready.',
  CORRECTION_OF_WRONG_REVISION: 'Only the latest revision can be corrected.',
  REPORT_IN_PROGRESS: 'A report of this place and period is being generated.',
};

/**
 * Periodic coverage reports: requesting one (a queued revision the worker generates), corrections as new
 * revisions with a reason (audited), submitting, the scoped list, and the downloads of the frozen figures.
 * Out of scope answers 404 everywhere.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly plans: PlansService,
  ) {}

  async request(user: AuthUser, body: ReportRequest, now = new Date()): Promise<ReportResponse> {
    requireCapability(user, 'report.generate', 'This needs a statistician or an administrator role.');
    const period = parsePeriod(body.period);
    if (!period)
      throw new ValidationError(
        'PERIOD_INVALID',
        'The period is not one: use 2025-Q3, 2025-H2, 2025 or a range 2025-07-01..2025-08-15.',
      );
    const today = vietnamDate(now);
    if (period.kind === 'adhoc' ? period.end > today : period.end >= today)
      throw new ValidationError(
        'PERIOD_NOT_ENDED',
        period.kind === 'adhoc'
          ? 'An ad-hoc report ends today at the latest.'
          : 'This period has not ended yet; ask for an ad-hoc report up to today.',
      );
    // The plan as imported now (coverage_plans): its indicators and its version are frozen into the report.
    const plans = await this.plans.current();
    const row = body.plan ? plans.find((p) => p.id === body.plan) : plans[0];
    if (!row) throw notFound('plan');
    const plan = reportPlanOf(row);

    let place: ReportRequestInput['place'];
    let scope: string | null = null;
    if (body.unitId) {
      const unit = await reportUnit(this.db, body.unitId);
      requireReach(user, 'report.generate', unit && { unitPath: unit.path, organisationId: null }, () =>
        notFound('unit'),
      );
      place = { kind: 'unit', id: unit!.id, unitPath: unit!.path, name: unit!.name };
      scope = unit!.path;
    } else if (body.organisationId) {
      const org = (await organisationExists(this.db, body.organisationId))
        ? await reportOrganisation(this.db, body.organisationId)
        : undefined;
      // An agency's grant reaches its sub-organisations; a sub-organisation's grant never reaches the agency.
      await this.requireOrganisationReach(user, 'report.generate', org?.id ?? null, () =>
        notFound('organisation'),
      );
      place = { kind: 'organisation', id: org!.id, name: org!.name };
    } else {
      if (!holdsEverywhere(user.grants, 'report.generate'))
        throw new ValidationError('PLACE_REQUIRED', 'Name the unit or organisation the report is for.');
      place = { kind: 'all', name: 'Toàn quốc' };
    }

    const reason = body.reason ? normalizeText(body.reason) : null;
    const outcome = await this.db.transaction(async (tx) => {
      const queued = await queueCoverageReport(tx, {
        plan,
        place,
        period,
        requestedBy: user.id,
        correctionOf: body.correctionOf ?? null,
        reason,
      });
      if (!queued.ok) return queued;
      await appendAudit(tx, {
        actor: user.id,
        action: queued.supersedes == null ? 'report.request' : 'report.correct',
        subjectType: 'coverage_report',
        subjectId: queued.id,
        scope,
        after: {
          plan: plan.id,
          place: place.kind === 'all' ? 'all' : place.id,
          period: period.code,
          revision: queued.revision,
          supersedes: queued.supersedes,
        },
        reason: queued.supersedes == null ? null : reason,
      });
      return queued;
    });
    if (!outcome.ok) throw new ConflictError(outcome.code, CONFLICT_MESSAGES[outcome.code] ?? outcome.code);
    await this.jobs
      .enqueue(
        'generate-coverage-report',
        { reportId: outcome.id },
        { jobId: coverageReportJobId(outcome.id) },
      )
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'could not announce the report; the report sweep will generate it'),
      );
    return this.report(user, outcome.id);
  }

  async list(user: AuthUser, q: ReportsQuery): Promise<{ items: ReportSummary[] }> {
    requireCapability(user, 'report.read', 'This needs a report viewer or an administrator role.');
    let unitPath: string | undefined;
    if (q.unitId) {
      const unit = await reportUnit(this.db, q.unitId);
      if (!unit) throw notFound('unit');
      unitPath = unit.path;
    }
    const scope = scopeFor(user.grants, 'report.read');
    // An organisation grant reaches the reports of its sub-organisations too.
    const reach = {
      ...scope,
      organisationIds: scope.global ? [] : await organisationsWithSubtrees(this.db, scope.organisationIds),
    };
    const rows = await reportsIn(this.db, reach, {
      unitPath,
      organisationId: q.organisationId,
      periodCode: q.period,
      status: q.status,
      planId: q.plan,
    });
    return { items: rows.map(toSummary) };
  }

  /** The revision (404 outside the caller's reach), with its figures once ready. */
  async report(user: AuthUser, id: string): Promise<ReportResponse> {
    const row = await this.reachable(user, 'report.read', id);
    const frozen =
      row.status === 'ready' || row.status === 'submitted' ? await reportData(this.db, id) : undefined;
    return { ...toSummary(row), data: (frozen?.data as ReportDataDto | undefined) ?? null };
  }

  async submit(user: AuthUser, id: string): Promise<ReportResponse> {
    requireCapability(user, 'report.generate', 'This needs a statistician or an administrator role.');
    const row = await this.reachable(user, 'report.generate', id);
    const done = await this.db.transaction(async (tx) => {
      if (!(await submitReport(tx, id, user.id))) return false;
      await appendAudit(tx, {
        actor: user.id,
        action: 'report.submit',
        subjectType: 'coverage_report',
        subjectId: id,
        scope: row.unit_path,
        after: { period: row.period_code, revision: row.revision, checksum: row.checksum },
      });
      return true;
    });
    if (!done)
      throw new ConflictError(
        row.status === 'submitted' ? 'REPORT_ALREADY_SUBMITTED' : 'REPORT_NOT_READY',
        row.status === 'submitted'
          ? 'The report was submitted already.'
          : 'Only a ready report can be submitted.',
      );
    return this.report(user, id);
  }

  /** The frozen figures and what the files print about the revision; 409 until the report is ready. */
  async frozen(user: AuthUser, id: string) {
    const row = await this.reachable(user, 'report.read', id);
    if (row.status !== 'ready' && row.status !== 'submitted')
      throw new ConflictError('REPORT_NOT_READY', 'The report is not ready yet.');
    const frozen = await reportData(this.db, id);
    return {
      data: frozen!.data as ReportDataDto,
      meta: {
        revision: row.revision,
        checksum: frozen!.checksum!,
        generatedAt: row.generated_at!,
        supersedes: row.supersedes,
        supersededBy: row.superseded_by,
        correctionReason: row.correction_reason,
        submittedAt: row.submitted_at,
      },
    };
  }

  private async reachable(
    user: AuthUser,
    capability: 'report.read' | 'report.generate',
    id: string,
  ): Promise<ReportRow> {
    requireCapability(user, capability, 'This needs a report viewer or an administrator role.');
    const row = isUuid(id) ? await reportById(this.db, id) : undefined;
    if (row?.place_kind === 'organisation')
      await this.requireOrganisationReach(user, capability, row.organisation_id, () => notFound('report'));
    else
      requireReach(
        user,
        capability,
        row && { unitPath: row.unit_path, organisationId: row.organisation_id },
        () => notFound('report'),
      );
    return row!;
  }

  /**
   * Whether the caller reaches an organisation with the capability: through a grant on it or on an organisation
   * above it (an agency reaches its units), never through one below it. Out of reach: `notFound` (404).
   */
  private async requireOrganisationReach(
    user: AuthUser,
    capability: 'report.read' | 'report.generate',
    organisationId: string | null,
    notFoundError: () => NotFoundError,
  ): Promise<void> {
    const chain = organisationId ? await organisationAncestry(this.db, organisationId) : [];
    if (!chain.some((id) => reaches(user.grants, capability, { unitPath: null, organisationId: id })))
      throw notFoundError();
  }
}

function toSummary(r: ReportRow): ReportSummary {
  return {
    id: r.id,
    plan: { id: r.plan.id, title: r.plan.title },
    place: {
      kind: r.place_kind,
      id: r.place_kind === 'all' ? null : r.place_id,
      name: r.place_name,
      level: r.place_level,
    },
    period: { code: r.period_code, kind: r.period_kind, start: r.period_start, end: r.period_end },
    cutOff: r.cut_off.toISOString(),
    revision: r.revision,
    status: r.status,
    progress: r.progress,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    supersedes: r.supersedes,
    correctionReason: r.correction_reason,
    supersededBy: r.superseded_by,
    checksum: r.checksum,
    generatedAt: r.generated_at?.toISOString() ?? null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    failureCode: r.failure_code,
  };
}
