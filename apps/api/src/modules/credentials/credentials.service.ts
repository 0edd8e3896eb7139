import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  getStatusBit,
  type PublishedStatusEntry,
  setStatusBit,
  verifyCredentialDocument,
} from '@hocvuso/credentials';
import {
  ConflictError,
  type Grant,
  localize,
  NotFoundError,
  type Role,
  isUuid,
  reaches,
} from '@hocvuso/domain';
import type { CertificateStatusRequest, CertificateSummary, VerificationResponse } from '@hocvuso/contracts';
import {
  appendAudit,
  certificateWithTitle,
  holderPlace,
  issuedSuspensionEntry,
  learnerCertificates,
  lockStatusList,
  setCertificateStatus,
  statusListCredential,
} from '@hocvuso/db';
import {
  didDocumentFor,
  ensureIssuerKey,
  ensureStatusLists,
  issuerDid,
  issuerTrust,
  signStatusList,
  statusListUrl,
} from '@hocvuso/issuance';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { ReadCacheService } from '../../common/cache/read-cache.service';
import { requireCapability } from '../../common/guards/require-capability';

type Json = Record<string, unknown>;

@Injectable()
export class CredentialsService implements OnApplicationBootstrap {
  private readonly storage: ObjectStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ReadCacheService) private readonly cache: ReadCacheService,
  ) {
    this.storage = createStorage(config.storage);
  }

  /** The issuer key and status lists exist from the first start (the worker may create them first). */
  async onApplicationBootstrap(): Promise<void> {
    const issuer = await this.db.transaction((tx) => ensureIssuerKey(tx, this.config.issuer));
    await this.db.transaction((tx) => ensureStatusLists(tx, this.config.issuer, issuer));
  }

  async didDocument(): Promise<Json> {
    const doc = await didDocumentFor(this.db, issuerDid(this.config.issuer));
    if (!doc) throw new NotFoundError('DID_NOT_FOUND', 'This deployment has no issuer key yet.');
    return doc;
  }

  async statusList(id: string): Promise<Json> {
    const credential = isUuid(id) ? await statusListCredential(this.db, id) : undefined;
    if (!credential) throw new NotFoundError('STATUS_LIST_NOT_FOUND', 'There is no such status list.');
    return credential;
  }

  private async certificateRow(id: string) {
    const row = isUuid(id) ? await certificateWithTitle(this.db, id) : undefined;
    if (!row) throw new NotFoundError('CERTIFICATE_NOT_FOUND', 'There is no such certificate.');
    return row;
  }

  /** The signed credential (for wallets); only once issued. */
  async credential(id: string): Promise<Json> {
    const row = await this.certificateRow(id);
    if (!row.credential)
      throw new NotFoundError(
        'CERTIFICATE_NOT_ISSUED',
        'This certificate is still being issued; try again in a minute.',
      );
    return row.credential;
  }

  async pdf(id: string): Promise<{ body: Buffer; serial: string }> {
    const row = await this.certificateRow(id);
    const body = row.pdf_key ? await this.storage.get(row.pdf_key) : undefined;
    if (!body)
      throw new NotFoundError(
        'CERTIFICATE_NOT_ISSUED',
        'This certificate is still being issued; try again in a minute.',
      );
    return { body, serial: row.serial };
  }

  async verifyIssued(id: string, lang: string): Promise<VerificationResponse> {
    return this.verify(await this.credential(id), lang);
  }

  /** The verification of an issued certificate and the credential itself (the /verify/<id> page links from it). */
  async verifyIssuedWithCredential(
    id: string,
    lang: string,
  ): Promise<{ result: VerificationResponse; credential: Json }> {
    const credential = await this.credential(id);
    return { result: await this.verify(credential, lang), credential };
  }

  /**
   * The suspension entry this deployment publishes for one of its certificates: the certificate's index in its
   * suspension list. An OB 3.0 credential embeds only its revocation entry (the official schema allows one
   * `credentialStatus`), so suspension is looked up here, by the credential's id, once its proof has verified.
   * Credentials issued before that change embed the suspension entry themselves (theirs is used).
   */
  private readonly publishedStatus = async (
    credential: Record<string, unknown>,
  ): Promise<PublishedStatusEntry[]> => {
    const certId = /^urn:uuid:([0-9a-f-]{36})$/i.exec(String(credential.id ?? ''))?.[1];
    if (!certId || !isUuid(certId)) return [];
    const row = await issuedSuspensionEntry(this.db, certId);
    if (!row) return [];
    return [
      {
        statusPurpose: 'suspension',
        statusListIndex: row.status_index,
        statusListCredential: statusListUrl(this.config.issuer, row.suspension_list_id),
      },
    ];
  };

  /**
   * Verifies any credential the way an outside verifier would: the proof, that the key belongs to an issuer
   * of this deployment, the validity window, and the signed status lists. Nothing is fetched from the network.
   */
  async verify(credential: Json, lang: string): Promise<VerificationResponse> {
    const trust = await issuerTrust(this.db);
    const result = await verifyCredentialDocument(credential, {
      loader: trust.loader,
      allowedIssuers: trust.dids,
      publishedStatus: this.publishedStatus,
    });
    return {
      verdict: result.verdict,
      checks: result.checks,
      errors: result.errors,
      claims: claimsOf(credential, lang),
    };
  }

  async mine(userId: string, lang: string): Promise<CertificateSummary[]> {
    const rows = await learnerCertificates(this.db, userId);
    return rows.map((r) => ({
      id: r.id,
      serial: r.serial,
      courseId: r.course_id,
      courseTitle: localize(r.title, lang),
      issuedAt: r.issued_at ? new Date(r.issued_at).toISOString() : null,
      status:
        r.status_state === 'revoked'
          ? 'revoked'
          : r.status_state === 'suspended'
            ? 'suspended'
            : r.issued_at
              ? 'valid'
              : r.failure_code
                ? 'failed'
                : 'issuing',
      failureCode: r.failure_code,
      verifyUrl: `${this.config.issuer.publicUrl}/verify/${r.id}`,
      pdfUrl: `/api/credentials/${r.id}/pdf`,
      credentialUrl: `/api/credentials/${r.id}`,
    }));
  }

  /**
   * Revokes, suspends or reinstates a certificate: the status list bits are flipped and the list credential
   * re-signed in the same transaction (rows locked), and the action goes to the audit log.
   */
  async changeStatus(
    actor: { id: string; roles: Role[]; grants: Grant[] },
    id: string,
    body: CertificateStatusRequest,
  ): Promise<{ status: string }> {
    requireCapability(
      actor,
      'certificate.changeStatus',
      'Only administrators may change a certificate status.',
    );
    const row = await this.certificateRow(id);
    const holder = await holderPlace(this.db, row.user_id);
    if (
      !reaches(actor.grants, 'certificate.changeStatus', {
        unitPath: holder?.unit_path ?? null,
        organisationId: holder?.organisation_id ?? null,
      })
    ) {
      throw new NotFoundError('CERTIFICATE_NOT_FOUND', 'There is no such certificate.');
    }
    if (!row.issued_at)
      throw new ConflictError('CERTIFICATE_NOT_ISSUED', 'This certificate is still being issued.');
    if (row.status_state === 'revoked')
      throw new ConflictError('CERTIFICATE_REVOKED', 'A revoked certificate cannot change status again.');
    const next = body.action === 'revoke' ? 'revoked' : body.action === 'suspend' ? 'suspended' : null;
    await this.db.transaction(async (tx) => {
      for (const [listId, purpose, value] of [
        [row.status_list_id, 'revocation', next === 'revoked'],
        [row.suspension_list_id, 'suspension', next === 'suspended'],
      ] as const) {
        const list = (await lockStatusList(tx, listId))!;
        if ((await getStatusBit(list.encoded_list, row.status_index)) === value) continue;
        const encoded = await setStatusBit(list.encoded_list, row.status_index, value);
        // A list is re-signed by its own DID's key, so credentials issued under an earlier PUBLIC_URL still verify.
        const issuer = await ensureIssuerKey(tx, this.config.issuer, list.issuer_did);
        await signStatusList(tx, this.config.issuer, issuer, listId, purpose, encoded);
      }
      await setCertificateStatus(tx, id, next, body.reason);
      await appendAudit(tx, {
        actor: actor.id,
        action: `certificate.${body.action}`,
        subjectType: 'certificate',
        subjectId: id,
        // The holder's place, so the administrators of that area read the change in their audit log.
        scope: holder?.unit_path ?? null,
        before: { status: row.status_state ?? 'valid' },
        after: { status: next ?? 'valid' },
        reason: body.reason,
      });
    });
    // After the commit: every replica's cached verification of this certificate is dropped.
    await this.cache.changed(`credential:${id}`);
    return { status: next ?? 'valid' };
  }
}

const pick = (value: unknown, lang: string): string | null => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const map = value as Record<string, string>;
    return map[lang] ?? map.vi ?? Object.values(map)[0] ?? null;
  }
  return null;
};

/** The claims of an OpenBadgeCredential in plain terms (from the document itself, so pasted ones work too). */
function claimsOf(credential: Json, lang: string): VerificationResponse['claims'] {
  try {
    const subject = credential.credentialSubject as Json;
    const achievement = subject.achievement as Json;
    const issuer = credential.issuer as Json | string;
    const identifier = (subject.identifier as Json[] | undefined)?.find((i) => i.identityType === 'name');
    return {
      credentialId: String(credential.id),
      recipientName: identifier ? String(identifier.identityHash) : null,
      achievement: pick(achievement.name, lang) ?? '',
      description: pick(achievement.description, lang),
      competencies: ((achievement.alignment as Json[] | undefined) ?? []).map((a) => ({
        framework: String(a.targetFramework ?? ''),
        code: String(a.targetCode ?? ''),
        name: String(a.targetName ?? ''),
        level: a.targetDescription ? String(a.targetDescription) : null,
        url: typeof a.targetUrl === 'string' ? a.targetUrl.slice(0, 2000) : null,
      })),
      issuer:
        typeof issuer === 'string'
          ? { id: issuer, name: issuer }
          : { id: String(issuer.id), name: pick(issuer.name, lang) ?? String(issuer.id) },
      validFrom: credential.validFrom ? String(credential.validFrom) : null,
      validUntil: credential.validUntil ? String(credential.validUntil) : null,
    };
  } catch {
    return null;
  }
}
