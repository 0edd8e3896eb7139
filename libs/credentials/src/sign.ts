import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { DomainError, ValidationError } from '@hocvuso/domain';
import { VC_V2_CONTEXT_URL } from './contexts';
import { BUNDLED_CONTEXTS, type DocumentLoader } from './document-loader';
import { controllerOf, type IssuerKey, signerFor } from './keys';
import { deepNfc } from './normalize';
import { STATUS_LIST_LENGTH, type StatusPurpose } from './status-list';

export interface DataIntegrityProofValue {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export type SignedCredential<T> = T & { proof: DataIntegrityProofValue };

/** An Open Badge as signed here: the OB 3.0 JSON Schema types `proof` as an array (of one proof). */
export type SignedOpenBadge<T> = T & { proof: DataIntegrityProofValue[] };

const isOpenBadge = (doc: Record<string, unknown>): boolean => {
  const type = doc.type;
  const types = Array.isArray(type) ? type : [type];
  return types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
};

const issuerIdOf = (doc: Record<string, unknown>): string | undefined => {
  const issuer = doc.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return undefined;
};

/**
 * Signs a credential (an Open Badge or a status list) with an `eddsa-rdfc-2022` DataIntegrityProof. Works on an NFC
 * deep copy of the input (RDFC does not normalise Unicode, and vc.issue mutates what it is given), so the input is
 * untouched. `proof.created` is `now` (default: this machine's clock; pass the database clock when you have it).
 */
export async function signCredential<T extends object>(
  credential: T,
  key: IssuerKey,
  loader: DocumentLoader,
  options: { now?: Date } = {},
): Promise<SignedCredential<T>> {
  const doc = deepNfc(structuredClone(credential)) as Record<string, unknown>;
  if ('proof' in doc)
    throw new ValidationError('CREDENTIAL_ALREADY_SIGNED', 'The credential already carries a proof.');
  const issuer = issuerIdOf(doc);
  if (issuer !== controllerOf(key.id)) {
    throw new ValidationError(
      'CREDENTIAL_ISSUER_KEY_MISMATCH',
      `Key ${key.id} cannot sign for issuer ${String(issuer)}.`,
    );
  }
  const suite = new DataIntegrityProof({
    signer: await signerFor(key),
    cryptosuite: eddsaRdfc2022,
    date: options.now ?? new Date(),
  });
  return (await vc.issue({ credential: doc, suite, documentLoader: loader })) as SignedCredential<T>;
}

/**
 * Signs an Open Badge (`OpenBadgeCredential` / `AchievementCredential`) like `signCredential`, and writes the proof
 * as an array of one, which the official OB 3.0 JSON Schema requires. The signature is the same: a Data Integrity
 * proof is computed over the document without `proof` and over the proof options, so the container shape is not
 * signed. Any other credential (a status list) is refused here: sign it with `signCredential`.
 */
export async function signOpenBadge<T extends object>(
  credential: T,
  key: IssuerKey,
  loader: DocumentLoader,
  options: { now?: Date } = {},
): Promise<SignedOpenBadge<T>> {
  if (!isOpenBadge(credential as Record<string, unknown>))
    throw new ValidationError('CREDENTIAL_NOT_AN_OPEN_BADGE', 'Only an OpenBadgeCredential is signed here.');
  const signed = await signCredential(credential, key, loader, options);
  return { ...signed, proof: [signed.proof] } as SignedOpenBadge<T>;
}

// --- Verification ----------------------------------------------------------------------------------------------

export type Verdict =
  | 'valid'
  | 'revoked'
  | 'suspended'
  | 'tampered'
  | 'unknown_issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'malformed';

export interface VerificationReport {
  verdict: Verdict;
  /** Each check as far as it ran: after a failing step, later checks keep their defaults (false / 'ok' / 'unknown'). */
  checks: {
    signature: boolean;
    issuerAllowed: boolean;
    validity: 'ok' | 'expired' | 'not_yet_valid';
    status: 'ok' | 'revoked' | 'suspended' | 'unknown';
  };
  /** Technical reasons, in English, for logs and support; not for learners. */
  errors: string[];
}

export interface VerifyOptions {
  loader: DocumentLoader;
  /** The DIDs of this deployment (current and past did:web). Anything else is `unknown_issuer`, without a lookup. */
  allowedIssuers: string[];
  now?: Date;
  /**
   * Status entries the issuer publishes for this credential besides the ones it embeds, asked for only once the
   * proof has verified (so the credential's id is the issuer's): this deployment's suspension list entry, which an
   * OB 3.0 credential cannot embed next to its revocation entry. An embedded entry of the same purpose wins.
   */
  publishedStatus?: (credential: Record<string, unknown>) => Promise<PublishedStatusEntry[]>;
}

/** A status entry as a number index (what `publishedStatus` returns). */
export interface PublishedStatusEntry {
  statusPurpose: StatusPurpose;
  statusListIndex: number;
  statusListCredential: string;
}

/** Seconds of clock skew tolerated on validFrom/validUntil, as @digitalbazaar/vc does. */
export const CLOCK_SKEW_SECONDS = 300;

const DATE_TIME_STAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

interface StatusEntry {
  statusPurpose: StatusPurpose;
  statusListIndex: number;
  statusListCredential: string;
}

/** What makes a document unverifiable before any cryptography: the reasons, or none. */
function shapeErrors(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const context = doc['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT_URL)
    errors.push(`@context must be an array starting with ${VC_V2_CONTEXT_URL}`);
  else if (!context.every((c) => typeof c === 'string' && BUNDLED_CONTEXTS.has(c)))
    errors.push('@context uses a context this verifier does not ship');
  if (!asArray(doc.type).includes('VerifiableCredential'))
    errors.push('type must include VerifiableCredential');
  if (!issuerIdOf(doc)) errors.push('issuer (or issuer.id) must be a string');
  if (!isObject(doc.credentialSubject)) errors.push('credentialSubject must be an object');
  for (const prop of ['validFrom', 'validUntil'] as const) {
    const value = doc[prop];
    if (value === undefined && prop === 'validUntil') continue;
    if (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || Number.isNaN(Date.parse(value)))
      errors.push(`${prop} must be an XSD dateTimeStamp`);
  }
  if (
    typeof doc.validUntil === 'string' &&
    typeof doc.validFrom === 'string' &&
    Date.parse(doc.validUntil) <= Date.parse(doc.validFrom)
  ) {
    errors.push('validUntil must be after validFrom');
  }
  // One proof: an object (credentials issued before the OB 3.0 schema fix, and status lists) or an array of one.
  const proof = Array.isArray(doc.proof) && doc.proof.length === 1 ? doc.proof[0] : doc.proof;
  if (!isObject(proof)) errors.push('proof must be one embedded proof (an object or an array of one)');
  else {
    if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022')
      errors.push('proof must be a DataIntegrityProof with eddsa-rdfc-2022');
    if (proof.proofPurpose !== 'assertionMethod') errors.push('proof.proofPurpose must be assertionMethod');
    if (typeof proof.verificationMethod !== 'string' || !proof.verificationMethod.startsWith('did:'))
      errors.push('proof.verificationMethod must be a DID URL');
    if (typeof proof.proofValue !== 'string' || !/^z[1-9A-HJ-NP-Za-km-z]+$/.test(proof.proofValue))
      errors.push('proof.proofValue must be multibase base58btc');
  }
  for (const cs of asArray(doc.credentialStatus)) {
    if (!isObject(cs) || cs.type !== 'BitstringStatusListEntry') {
      errors.push('credentialStatus entries must be BitstringStatusListEntry');
      continue;
    }
    if (cs.statusPurpose !== 'revocation' && cs.statusPurpose !== 'suspension')
      errors.push('credentialStatus.statusPurpose must be revocation or suspension');
    if (typeof cs.statusListCredential !== 'string' || !/^https?:\/\//.test(cs.statusListCredential))
      errors.push('credentialStatus.statusListCredential must be a URL');
    const index =
      typeof cs.statusListIndex === 'string' && /^\d{1,7}$/.test(cs.statusListIndex)
        ? Number(cs.statusListIndex)
        : NaN;
    if (!(index >= 0 && index < STATUS_LIST_LENGTH))
      errors.push('credentialStatus.statusListIndex must be a decimal string within the list');
  }
  return errors;
}

function messagesOf(err: unknown): string[] {
  if (!err) return [];
  const e = err as { message?: string; errors?: unknown[]; cause?: unknown };
  const nested = Array.isArray(e.errors) ? e.errors.flatMap(messagesOf) : [];
  return nested.length ? nested : [String(e.message ?? err)];
}

async function signatureErrors(
  doc: Record<string, unknown>,
  loader: DocumentLoader,
  at: Date,
): Promise<string[]> {
  const result = await vc.verifyCredential({
    credential: structuredClone(doc),
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: loader,
    // Status is checked separately below; the library insists on a function when credentialStatus is present.
    checkStatus: async () => ({ verified: true }),
    now: at,
  });
  if (result.verified) return [];
  const messages = [result.error, ...(result.results ?? []).map((r) => r.error)].flatMap(messagesOf);
  return messages.length ? [...new Set(messages)] : ['signature verification failed'];
}

const statusUnavailable = (entry: StatusEntry, reason: string) =>
  new DomainError(
    'CREDENTIAL_STATUS_UNAVAILABLE',
    'unavailable',
    'The credential status list cannot be checked right now.',
    {
      statusListCredential: entry.statusListCredential,
      reason,
    },
  );

/**
 * Reads one status bit from our own status list credential, after verifying that list (signature, issuer, purpose).
 * The list is ours, so any failure here is an operational fault, not a verdict: it throws
 * `CREDENTIAL_STATUS_UNAVAILABLE` (kind `unavailable`) rather than guess "valid".
 */
async function statusBit(
  entry: StatusEntry,
  issuerId: string,
  loader: DocumentLoader,
  now: Date,
): Promise<boolean> {
  let slc: unknown;
  try {
    slc = (await loader(entry.statusListCredential)).document;
  } catch (err) {
    throw statusUnavailable(entry, (err as Error).message);
  }
  if (
    !isObject(slc) ||
    !asArray(slc.type).includes('BitstringStatusListCredential') ||
    !isObject(slc.credentialSubject)
  ) {
    throw statusUnavailable(entry, 'not a BitstringStatusListCredential');
  }
  const subject = slc.credentialSubject;
  if (subject.type !== 'BitstringStatusList' || typeof subject.encodedList !== 'string')
    throw statusUnavailable(entry, 'not a BitstringStatusList');
  if (subject.statusPurpose !== entry.statusPurpose)
    throw statusUnavailable(entry, `list purpose ${String(subject.statusPurpose)} ≠ ${entry.statusPurpose}`);
  if (issuerIdOf(slc) !== issuerId) throw statusUnavailable(entry, 'the status list has another issuer');
  const problems = await signatureErrors(slc, loader, now);
  if (problems.length) throw statusUnavailable(entry, `status list not verified: ${problems.join('; ')}`);
  const list = await decodeList({ encodedList: subject.encodedList }).catch((err: Error) => {
    throw statusUnavailable(entry, err.message);
  });
  if (entry.statusListIndex >= list.length) throw statusUnavailable(entry, 'index beyond the list');
  return list.getStatus(entry.statusListIndex);
}

/**
 * Verifies a credential issued by this deployment, fully offline, and says what a verifier page should say.
 * The first failing step decides the verdict:
 * 1. `malformed`: not JSON, or not the shape we issue (VC 2.0 context first, one eddsa-rdfc-2022 proof, dates,
 *    BitstringStatusListEntry status);
 * 2. `unknown_issuer`: the issuer is not one of `allowedIssuers` (nothing is fetched or resolved);
 * 3. `tampered`: the proof does not verify against the issuer's DID document (changed content, a key that was
 *    removed, a key of another controller);
 * 4. `revoked` / `suspended`: the credential's bit is set in our (verified) status list. @digitalbazaar/vc would
 *    report such a credential as verified: true; here it is never `valid`;
 * 5. `expired` / `not_yet_valid`: `now` outside validFrom..validUntil (±300 s);
 * 6. otherwise `valid`.
 * Throws `CREDENTIAL_STATUS_UNAVAILABLE` when our own status list cannot be loaded or verified.
 */
export async function verifyCredentialDocument(
  credential: unknown,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const now = options.now ?? new Date();
  const checks: VerificationReport['checks'] = {
    signature: false,
    issuerAllowed: false,
    validity: 'ok',
    status: 'unknown',
  };
  const report = (verdict: Verdict, errors: string[] = []): VerificationReport => ({
    verdict,
    checks,
    errors,
  });

  let doc: unknown = credential;
  if (typeof credential === 'string') {
    try {
      doc = JSON.parse(credential);
    } catch {
      return report('malformed', ['not JSON']);
    }
  }
  if (!isObject(doc)) return report('malformed', ['not a JSON object']);
  const shape = shapeErrors(doc);
  if (shape.length) return report('malformed', shape);

  const issuerId = issuerIdOf(doc)!;
  const validFrom = Date.parse(doc.validFrom as string);
  const validUntil = typeof doc.validUntil === 'string' ? Date.parse(doc.validUntil) : undefined;
  const skew = CLOCK_SKEW_SECONDS * 1000;
  checks.validity =
    now.getTime() + skew < validFrom
      ? 'not_yet_valid'
      : validUntil !== undefined && now.getTime() - skew > validUntil
        ? 'expired'
        : 'ok';

  if (!options.allowedIssuers.includes(issuerId))
    return report('unknown_issuer', [`issuer ${issuerId} is not an issuer of this deployment`]);
  checks.issuerAllowed = true;

  // The library also enforces the validity window; checking the signature "as of validFrom" keeps that concern
  // out of the signature step so that an expired credential reports `expired`, not `tampered`.
  const signatureProblems = await signatureErrors(doc, options.loader, new Date(validFrom));
  if (signatureProblems.length) return report('tampered', signatureProblems);
  checks.signature = true;

  // One entry (an object: what we issue now), or an array (revocation + suspension, what we issued before).
  const entries: StatusEntry[] = asArray(doc.credentialStatus).map((cs) => {
    const e = cs as Record<string, string>;
    return {
      statusPurpose: e.statusPurpose as StatusPurpose,
      statusListIndex: Number(e.statusListIndex),
      statusListCredential: e.statusListCredential!,
    };
  });
  if (options.publishedStatus) {
    for (const extra of await options.publishedStatus(doc)) {
      if (entries.some((e) => e.statusPurpose === extra.statusPurpose)) continue;
      entries.push({ ...extra });
    }
  }
  if (entries.length) {
    const bits = await Promise.all(
      entries.map(async (e) => ({
        purpose: e.statusPurpose,
        set: await statusBit(e, issuerId, options.loader, now),
      })),
    );
    const revoked = bits.some((b) => b.set && b.purpose === 'revocation');
    const suspended = bits.some((b) => b.set && b.purpose === 'suspension');
    checks.status = revoked ? 'revoked' : suspended ? 'suspended' : 'ok';
    if (revoked) return report('revoked');
    if (suspended) return report('suspended');
  }

  if (checks.validity !== 'ok')
    return report(checks.validity, [`${checks.validity} at ${now.toISOString()}`]);
  return report('valid');
}
