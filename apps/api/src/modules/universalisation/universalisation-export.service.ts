import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UniversalisationExportQuery } from '@hocvuso/contracts';
import { scopeFor, ValidationError } from '@hocvuso/domain';
import { appendAudit, confirmationsForExport, databaseNow, unitPathAndCode } from '@hocvuso/db';
import { ensureIssuerKey } from '@hocvuso/issuance';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';
import {
  UNIVERSALISATION_EXPORTER,
  type UniversalisationExporter,
  type UniversalisationExportFile,
} from './universalisation-exporter';

/** At most this many confirmations per file; a larger period is refused (export it in parts). */
export const EXPORT_MAX_RECORDS = 50_000;

/** The signed batch of universalisation confirmations of the caller's area, for the national identity system. */
@Injectable()
export class UniversalisationExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(UNIVERSALISATION_EXPORTER) private readonly exporter: UniversalisationExporter,
  ) {}

  async export(user: AuthUser, q: UniversalisationExportQuery): Promise<UniversalisationExportFile> {
    requireCapability(user, 'universalisation.export', 'This needs a province or system administrator.');
    let unit: { path: string; code: string } | undefined;
    if (q.unitId) {
      unit = await unitPathAndCode(this.db, q.unitId);
      requireReach(
        user,
        'universalisation.export',
        unit && { unitPath: unit.path, organisationId: null },
        () => notFound('unit'),
      );
    }
    const rows = await confirmationsForExport(this.db, {
      from: q.from,
      to: q.to,
      scope: scopeFor(user.grants, 'universalisation.export'),
      unitPath: unit?.path,
      limit: EXPORT_MAX_RECORDS + 1,
    });
    if (rows.length > EXPORT_MAX_RECORDS)
      throw new ValidationError(
        'EXPORT_TOO_LARGE',
        `More than ${EXPORT_MAX_RECORDS} confirmations: export a shorter period or one unit at a time.`,
      );
    return this.db.transaction(async (tx) => {
      const issuer = await ensureIssuerKey(tx, this.config.issuer);
      const file = await this.exporter.export({
        issuer,
        generatedAt: await databaseNow(tx),
        period: { from: q.from, to: q.to, unitCode: unit?.code ?? null },
        confirmations: rows,
      });
      await appendAudit(tx, {
        actor: user.id,
        action: 'universalisation.export',
        subjectType: 'universalisation_batch',
        subjectId: file.sha256,
        scope: unit?.path ?? null,
        after: { from: q.from, to: q.to, unitId: q.unitId ?? null, count: file.count, sha256: file.sha256 },
      });
      return file;
    });
  }
}
