import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkPopulationRows,
  isUuid,
  NotFoundError,
  type OrganisationInfo,
  type PopulationRow,
  type PopulationRowRejection,
  reaches,
  type UnitVersionInfo,
} from '@hocvuso/domain';
import type {
  PopulationImportList,
  PopulationImportReport,
  PopulationImportSummary,
  PopulationListQuery,
  PopulationListResponse,
} from '@hocvuso/contracts';
import {
  appendAudit,
  type AppliedFigure,
  applyPopulationRows,
  currentFiguresOf,
  finishPopulationImport,
  insertPopulationImport,
  organisationsByCodes,
  placeById,
  type PopulationImportRow,
  populationImportOf,
  populationImportsBy,
  populationRevisionsOf,
  type Queryable,
  unitVersionsByCodes,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { transactionOrDryRun } from '../../common/db/dry-run';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireReach } from '../../common/guards/require-capability';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { readPopulationSheet } from './population-sheet';

/** The deepest unit path every path lies under ('/' when they share no province). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  const parts = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0]![i]); i += 1)
    out.push(parts[0]![i]!);
  return out.length ? `/${out.join('/')}/` : '/';
}

/**
 * Official populations (docs/populations.md): statisticians import sheets for the units of their area (all or
 * nothing, a dry run first); figures are versioned; anyone who reads the area's reports reads its figures.
 */
@Injectable()
export class PopulationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async import(
    user: AuthUser,
    body: unknown,
    opts: { dryRun: boolean; fileName?: string },
  ): Promise<PopulationImportReport> {
    const sheet = await readPopulationSheet(body, this.config.populationSheetMaxBytes);
    const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');
    const unitCodes = sheet.records.map((r) => text(r.cells.unit_code)).filter(Boolean);
    const orgCodes = sheet.records.map((r) => text(r.cells.organisation_code)).filter(Boolean);
    const [units, orgs] = await Promise.all([
      unitVersionsByCodes(this.db, unitCodes),
      organisationsByCodes(this.db, orgCodes),
    ]);
    const canImport = (t: { unitPath: string | null; organisationId: string | null }) =>
      reaches(user.grants, 'population.import', t);
    // Stored figures only of places the caller reaches (for the sub-group sum check).
    const stored = await currentFiguresOf(this.db, [
      ...units
        .filter((u) => canImport({ unitPath: u.path, organisationId: null }))
        .map((u) => ({ kind: 'unit' as const, id: u.id })),
      ...orgs
        .filter((o) => canImport({ unitPath: o.unitPath, organisationId: o.id }))
        .map((o) => ({ kind: 'organisation' as const, id: o.id })),
    ]);
    const byCode = new Map<string, UnitVersionInfo[]>();
    for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    const orgByCode = new Map<string, OrganisationInfo>(orgs.map((o) => [o.code, o]));
    const { rows, rejected } = checkPopulationRows(sheet.records, {
      unitVersions: (code) => byCode.get(code) ?? [],
      organisation: (code) => orgByCode.get(code),
      reaches: canImport,
      stored,
    });
    const log = {
      importedBy: user.id,
      fileName: (opts.fileName ?? '').normalize('NFC').trim() || `populations.${sheet.format}`,
      format: sheet.format,
      periods: [...new Set(rows.map((r) => r.period))].sort(),
      sources: [...new Set(rows.map((r) => r.source))].sort(),
      dryRun: opts.dryRun,
      rows: sheet.records.length,
    };

    if (rejected.length > 0 || rows.length === 0) {
      // All or nothing: one refused row (or no row at all) and nothing is written but the log entry.
      const id = await insertPopulationImport(this.db, log);
      return this.finish(this.db, id, user.id, false, [], rejected);
    }
    if (opts.dryRun) {
      // The same work as a real import, rolled back: the report says exactly what an import would do.
      const applied = await transactionOrDryRun(this.db, true, async (tx) =>
        applyPopulationRows(tx, await insertPopulationImport(tx, log), rows),
      );
      const id = await insertPopulationImport(this.db, log);
      return this.finish(this.db, id, user.id, false, applied, []);
    }
    return this.db.transaction(async (tx) => {
      const id = await insertPopulationImport(tx, log);
      const applied = await applyPopulationRows(tx, id, rows);
      await this.audit(tx, user, id, rows, applied, log.fileName);
      return this.finish(tx, id, user.id, true, applied, []);
    });
  }

  private async audit(
    tx: Queryable,
    user: AuthUser,
    importId: string,
    rows: readonly PopulationRow[],
    applied: readonly AppliedFigure[],
    fileName: string,
  ): Promise<void> {
    const byLine = new Map(rows.map((r) => [r.line, r]));
    const counts = { created: 0, revised: 0, unchanged: 0 };
    for (const a of applied) counts[a.status] += 1;
    await appendAudit(tx, {
      actor: user.id,
      action: 'population.import',
      subjectType: 'population_import',
      subjectId: importId,
      scope: commonPath(rows.map((r) => r.placePath)),
      after: { fileName, rows: rows.length, ...counts },
    });
    for (const a of applied) {
      if (a.status === 'unchanged') continue;
      const r = byLine.get(a.line)!;
      await appendAudit(tx, {
        actor: user.id,
        action: a.status === 'created' ? 'population.create' : 'population.revise',
        subjectType: 'population',
        subjectId: a.id,
        scope: r.placePath,
        before: a.previousValue === null ? null : { value: a.previousValue, revision: a.revision - 1 },
        after: {
          place: { kind: r.placeKind, code: r.placeCode },
          targetGroup: r.targetGroup,
          subGroup: r.subGroup,
          period: r.period,
          source: r.source,
          value: r.value,
          revision: a.revision,
          importId,
        },
      });
    }
  }

  private async finish(
    db: Queryable,
    id: string,
    userId: string,
    applied: boolean,
    figures: readonly AppliedFigure[],
    rejected: readonly PopulationRowRejection[],
  ): Promise<PopulationImportReport> {
    const count = (s: AppliedFigure['status']) => figures.filter((f) => f.status === s).length;
    const report = {
      rejectedRows: rejected,
      accepted: figures.map((f) => ({ line: f.line, status: f.status, revision: f.revision })),
    };
    await finishPopulationImport(db, id, {
      applied,
      created: count('created'),
      revised: count('revised'),
      unchanged: count('unchanged'),
      rejected: rejected.length,
      report,
    });
    // Read back on the same Queryable: inside the transaction, the transaction's manager.
    const row = await populationImportOf(db, id, userId);
    return reportOf(row!);
  }

  async imports(user: AuthUser): Promise<PopulationImportList> {
    return { items: (await populationImportsBy(this.db, user.id)).map(summaryOf) };
  }

  async importReport(user: AuthUser, id: string): Promise<PopulationImportReport> {
    const notFound = () => new NotFoundError('POPULATION_IMPORT_NOT_FOUND', 'There is no such import.');
    if (!isUuid(id)) throw notFound();
    const row = await populationImportOf(this.db, id, user.id);
    if (!row) throw notFound();
    return reportOf(row);
  }

  /** A place's figures with every revision; the place must be in the caller's report.read reach (else 404). */
  async figures(user: AuthUser, q: PopulationListQuery): Promise<PopulationListResponse> {
    const kind = q.unitId ? ('unit' as const) : ('organisation' as const);
    const id = (q.unitId ?? q.organisationId)!;
    const place = await placeById(this.db, kind, id);
    requireReach(
      user,
      'report.read',
      place ? { unitPath: place.unit_path, organisationId: place.organisation_id } : null,
      () =>
        new NotFoundError(
          kind === 'unit' ? 'UNIT_NOT_FOUND' : 'ORGANISATION_NOT_FOUND',
          'There is no such place.',
        ),
    );
    const revisions = await populationRevisionsOf(this.db, { kind, id }, q.period);
    const items = new Map<string, PopulationListResponse['items'][number]>();
    for (const r of revisions) {
      const key = [r.target_group, r.sub_group, r.period, r.source].join('\u0001');
      let item = items.get(key);
      if (!item)
        items.set(
          key,
          (item = {
            targetGroup: r.target_group,
            subGroup: r.sub_group,
            period: r.period,
            source: r.source,
            value: r.value,
            revision: r.revision,
            revisions: [],
          }),
        );
      if (r.superseded_by === null) {
        item.value = r.value;
        item.revision = r.revision;
      }
      item.revisions.push({
        revision: r.revision,
        value: r.value,
        importId: r.import_id,
        createdAt: r.created_at.toISOString(),
        current: r.superseded_by === null,
      });
    }
    return {
      place: { kind, id: place!.id, code: place!.code, name: place!.name },
      items: [...items.values()],
    };
  }
}

function summaryOf(r: Omit<PopulationImportRow, 'report'>): PopulationImportSummary {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    periods: r.periods,
    sources: r.sources,
    dryRun: r.dry_run,
    applied: r.applied,
    rows: r.rows,
    created: r.created,
    revised: r.revised,
    unchanged: r.unchanged,
    rejected: r.rejected,
    createdAt: r.created_at.toISOString(),
  };
}

function reportOf(r: PopulationImportRow): PopulationImportReport {
  const report = (r.report ?? {}) as Partial<Pick<PopulationImportReport, 'rejectedRows' | 'accepted'>>;
  return { ...summaryOf(r), rejectedRows: report.rejectedRows ?? [], accepted: report.accepted ?? [] };
}
