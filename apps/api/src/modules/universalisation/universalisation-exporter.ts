import { createHash } from 'node:crypto';
import type { UniversalisationBatch } from '@hocvuso/contracts';
import { signCompactJws } from '@hocvuso/credentials';
import type { ExportConfirmationRow } from '@hocvuso/db';
import type { ActiveIssuer } from '@hocvuso/issuance';

/** What an exporter gets: the confirmations of the period, already scoped, and who signs. */
export interface UniversalisationExportInput {
  issuer: ActiveIssuer;
  generatedAt: Date;
  period: { from: string; to: string; unitCode: string | null };
  confirmations: ExportConfirmationRow[];
}

export interface UniversalisationExportFile {
  mediaType: string;
  fileName: string;
  body: Buffer;
  /** SHA-256 of the body (hex), for the audit log. */
  sha256: string;
  count: number;
}

/**
 * The seam for the national identity system's exchange format, which is not public: one implementation today
 * (`JwsBatchExporter`); another format is another class bound to UNIVERSALISATION_EXPORTER in the module
 * (docs/universalisation-exchange.md).
 */
export interface UniversalisationExporter {
  export(input: UniversalisationExportInput): Promise<UniversalisationExportFile>;
}
export const UNIVERSALISATION_EXPORTER = Symbol('UNIVERSALISATION_EXPORTER');

interface CoveredEvidence {
  competency: string;
  minLevel: number;
  provisional: boolean;
  by: { competency: string; level: number };
}

/** The person's reference: the VNeID subject when they linked VNeID, else the platform's pseudonym. */
export const personRefOf = (c: ExportConfirmationRow) =>
  c.vneid_subject ? `vneid:${c.vneid_subject}` : `hvs:${c.pseudonym}`;

/** The batch as JSON (format hvs-universalisation-batch, version 1), before signing. */
export function buildBatch(input: UniversalisationExportInput): UniversalisationBatch {
  return {
    format: 'hvs-universalisation-batch',
    version: 1,
    issuer: input.issuer.did,
    generatedAt: input.generatedAt.toISOString(),
    period: input.period,
    count: input.confirmations.length,
    records: input.confirmations.map((c) => ({
      confirmationId: c.id,
      personRef: personRefOf(c),
      targetGroup: c.target_group,
      ruleVersion: c.rule_version,
      confirmedAt: new Date(c.confirmed_at).toISOString(),
      confirmedOn: c.confirmed_on,
      unitCode: c.unit_code,
      competencies: ((c.evidence as { covered?: CoveredEvidence[] }).covered ?? []).map((x) => ({
        competency: x.competency,
        minLevel: x.minLevel,
        provisional: x.provisional,
        shownBy: x.by.competency,
        level: x.by.level,
      })),
    })),
  };
}

/**
 * A compact JWS (RFC 7515): EdDSA over the UTF-8 JSON batch with the platform's issuer key (`kid` = the key's
 * verification method in the did:web document), media type application/jose.
 */
export class JwsBatchExporter implements UniversalisationExporter {
  async export(input: UniversalisationExportInput): Promise<UniversalisationExportFile> {
    const batch = buildBatch(input);
    const jws = await signCompactJws(input.issuer.key, Buffer.from(JSON.stringify(batch), 'utf8'), {
      typ: 'hvs-universalisation-batch+jws',
      cty: 'application/json',
    });
    const body = Buffer.from(jws, 'ascii');
    const unit = input.period.unitCode ? `-${input.period.unitCode.replace(/[^A-Za-z0-9-]/g, '')}` : '';
    return {
      mediaType: 'application/jose',
      fileName: `universalisation-${input.period.from}-${input.period.to}${unit}.jws`,
      body,
      sha256: createHash('sha256').update(body).digest('hex'),
      count: batch.count,
    };
  }
}
