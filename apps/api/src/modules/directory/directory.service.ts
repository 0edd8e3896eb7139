import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkOrganisationRows,
  checkUnitRows,
  ForbiddenError,
  type Grant,
  holds,
  isUuid,
  NotFoundError,
  reaches,
  scopeFor,
  searchTerms,
} from '@hocvuso/domain';
import type { OrganisationListQuery, OrganisationListResponse } from '@hocvuso/contracts';
import {
  appendAudit,
  type ImportReport,
  importOrganisations,
  importUnits,
  listOrganisations,
  listUnits,
  type Queryable,
  type UnitListRow,
  unitPathById,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { transactionOrDryRun } from '../../common/db/dry-run';
import { parseCsv } from '../../common/http/csv';
import type { AuthUser } from '../../common/decorators/current-user.decorator';

/** The area an import is audited under: the importer's (first) unit for that capability, none when global. */
function auditScope(grants: Grant[], capability: 'unit.import' | 'organisation.import'): string | null {
  const scope = scopeFor(grants, capability);
  return scope.global ? null : (scope.unitPaths[0] ?? null);
}

/** The administrative units and organisations, imported from CSV by administrators within their area. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Province admins import inside their province, system admins anywhere. */
  async importUnits(
    user: AuthUser,
    csv: unknown,
    dryRun: boolean,
  ): Promise<ImportReport & { dryRun: boolean }> {
    const grants = user.grants;
    if (!holds(grants, 'unit.import'))
      throw new ForbiddenError('FORBIDDEN', 'Only province and system administrators import units.');
    const { rows, rejected } = checkUnitRows(
      parseCsv(csv, ['code', 'level', 'name', 'parent_code', 'valid_from']),
    );
    // Below their own unit only (a province admin does not re-import their province); system admins anywhere.
    const allow = (path: string) => reaches(grants, 'unit.import', { unitPath: path, organisationId: null });
    const audit = { actor: user.id, action: 'unit.import', scope: auditScope(grants, 'unit.import') };
    return this.run(dryRun, rejected, (tx) => importUnits(tx, rows, allow), audit);
  }

  /** Unit, province and system admins import organisations of units inside their area. */
  async importOrganisations(
    user: AuthUser,
    csv: unknown,
    dryRun: boolean,
  ): Promise<ImportReport & { dryRun: boolean }> {
    const grants = user.grants;
    // A grant for an organisation (not a unit) reaches no unit to import into.
    const scope = scopeFor(grants, 'organisation.import');
    if (!scope.global && scope.unitPaths.length === 0)
      throw new ForbiddenError('FORBIDDEN', 'Only administrators of an area import organisations.');
    // parent_code is optional: a file without the column imports top organisations, as before.
    const { rows, rejected } = checkOrganisationRows(parseCsv(csv, ['code', 'name', 'kind', 'unit_code']));
    const allow = (path: string) =>
      reaches(grants, 'organisation.import', { unitPath: path, organisationId: null });
    const audit = {
      actor: user.id,
      action: 'organisation.import',
      scope: auditScope(grants, 'organisation.import'),
    };
    return this.run(dryRun, rejected, (tx) => importOrganisations(tx, rows, allow), audit);
  }

  /**
   * Valid rows are written in one transaction (all or none of them); a dry run reports without writing. An
   * import that changed something is audited in the same transaction (who, the counts, their area).
   */
  private async run(
    dryRun: boolean,
    rejected: ImportReport['rejected'],
    work: (tx: Queryable) => Promise<ImportReport>,
    audit: { actor: string; action: string; scope: string | null },
  ): Promise<ImportReport & { dryRun: boolean }> {
    const report = await transactionOrDryRun(this.db, dryRun, async (tx) => {
      const done = await work(tx);
      if (!dryRun && done.created + done.updated > 0)
        await appendAudit(tx, {
          actor: audit.actor,
          action: audit.action,
          subjectType: 'directory',
          subjectId: audit.action === 'unit.import' ? 'units' : 'organisations',
          scope: audit.scope,
          after: {
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            rejected: done.rejected.length + rejected.length,
          },
        });
      return done;
    });
    return { ...report, rejected: [...rejected, ...report.rejected].sort((a, b) => a.line - b.line), dryRun };
  }

  async units(parentId: string | undefined): Promise<UnitListRow[]> {
    if (parentId && !isUuid(parentId)) throw new NotFoundError('UNIT_NOT_FOUND', 'There is no such unit.');
    return listUnits(this.db, parentId ?? null);
  }

  /**
   * Organisations are public bodies (agencies, schools, enterprises, cooperatives): every signed-in person may
   * list them, whatever their scope, to say where they work or to aim a mandate. `unitId` narrows to the unit
   * and every unit under it (404 UNIT_NOT_FOUND for an unknown unit); `q` matches the start of the code or of
   * words of the name, without diacritics.
   */
  async organisations(q: OrganisationListQuery): Promise<OrganisationListResponse> {
    let unitPath: string | null = null;
    if (q.unitId) {
      const path = await unitPathById(this.db, q.unitId);
      if (path === undefined) throw new NotFoundError('UNIT_NOT_FOUND', 'There is no such unit.');
      unitPath = path;
    }
    const rows = await listOrganisations(this.db, {
      unitPath,
      codePrefix: (q.q ?? '').trim().toLowerCase(),
      terms: searchTerms(q.q ?? ''),
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind as OrganisationListResponse['items'][number]['kind'],
        parentId: r.parent_id,
        unit: { id: r.unit_id, name: r.unit_name },
      })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      limit: q.limit,
    };
  }
}
