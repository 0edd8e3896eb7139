import { displayNameProblem, type LocalizedText, ValidationError } from '@hocvuso/domain';
import { OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL } from './contexts';
import { deepNfc, isIri, xsdDateTime } from './normalize';
import { STATUS_LIST_LENGTH, type StatusPurpose } from './status-list';

export interface CompetencyAlignmentInput {
  /** Framework id, e.g. `digcomp-2.2` (kept by the caller; the credential carries the framework's name). */
  framework: string;
  /** Human name of the framework, e.g. "DigComp 2.2". */
  frameworkName: string;
  /** Competence code in the framework, e.g. "1.1". */
  code: string;
  name: string;
  /** Proficiency level, or null when the course does not claim one. */
  level: number | null;
  /** Where the competence is described (dereferenceable). */
  url: string;
}

export interface StatusEntryInput {
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: StatusPurpose;
}

export interface EvidenceInput {
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
}

export interface OpenBadgeInput {
  /** `urn:uuid:<certificate id>`. */
  id: string;
  issuer: { did: string; name: LocalizedText; url: string };
  /** Pseudonymous subject id, e.g. `urn:uuid:<learner pseudonym>`: never an e-mail, phone or citizen id. */
  subjectId: string;
  /** The learner's display name, shown by the PDF and the verify page. */
  recipientName: string;
  achievement: {
    /** URL of the course achievement. */
    id: string;
    name: LocalizedText;
    description: LocalizedText;
    criteriaNarrative: LocalizedText;
    alignments: CompetencyAlignmentInput[];
  };
  validFrom: Date;
  validUntil?: Date;
  /**
   * The one status entry the credential carries: revocation. OB 3.0's schema allows a single `credentialStatus`
   * object, so a suspension is not embedded; the issuer publishes it in its suspension list at the same index
   * (see docs/credentials.md).
   */
  status: StatusEntryInput;
  evidence?: EvidenceInput[];
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** An unsigned OB 3.0 credential as built here; `signCredential` adds `proof`. */
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  validUntil?: string;
  name: string;
  description: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: Array<{ type: 'IdentityObject'; identityType: 'name'; hashed: false; identityHash: string }>;
    achievement: Record<string, unknown>;
  };
  credentialStatus: BitstringStatusListEntry;
  evidence?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

const invalid = (message: string, details?: unknown) =>
  new ValidationError('CREDENTIAL_INPUT_INVALID', message, details);

/**
 * The recipient's name is checked by the one display-name rule of sign-up (`displayNameProblem` of
 * @hocvuso/domain): whatever a learner may sign up with is printed, so no learner is refused at issuance.
 */
function assertDisplayName(name: string): void {
  const problem = displayNameProblem(name);
  if (problem) throw invalid(`The recipient name cannot be printed: ${problem}`);
}

function statusEntry(e: StatusEntryInput): BitstringStatusListEntry {
  if (!e) throw invalid('A credential needs a status entry (revocation).');
  if (e.statusPurpose !== 'revocation')
    throw invalid(
      `The status entry a credential carries is its revocation entry, not ${String(e.statusPurpose)}.`,
    );
  if (!/^https?:\/\/\S+$/.test(e.statusListCredential) || e.statusListCredential.includes('#')) {
    throw invalid(`Not a status list URL: ${e.statusListCredential}`);
  }
  if (
    !Number.isSafeInteger(e.statusListIndex) ||
    e.statusListIndex < 0 ||
    e.statusListIndex >= STATUS_LIST_LENGTH
  ) {
    throw invalid(`Status list index out of range: ${e.statusListIndex}`);
  }
  return {
    id: `${e.statusListCredential}#${e.statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: e.statusPurpose,
    statusListIndex: String(e.statusListIndex),
    statusListCredential: e.statusListCredential,
  };
}

/**
 * The unsigned VC 2.0 + Open Badges 3.0.3 `OpenBadgeCredential` for a completed course.
 *
 * - Text is Vietnamese, marked `inLanguage: "vi"` on the achievement: OB 3.0's JSON Schema types `name`,
 *   `description` and `criteria.narrative` as plain strings, so the `en` variants stay in our database and on the
 *   verify page rather than in the credential.
 * - The learner is the pseudonymous `subjectId` plus one `IdentityObject` of type `name`, unhashed, so wallets and
 *   the verify page can show who it was issued to. Nothing else about the learner goes in.
 * - Each competence is an `Alignment` (`targetType: ceasn:Competency`), the level in `targetDescription`.
 * - `credentialStatus` is one `BitstringStatusListEntry` object, purpose `revocation` (`statusListIndex` as a
 *   string), as the official OB 3.0 JSON Schema requires (it allows one object, not an array). Suspension is
 *   published by the issuer in a separate suspension list at the same index and applied by this deployment's
 *   verifier; credentials issued before this change carry both entries in an array and keep verifying.
 * - `signCredential` adds `proof` as an array of one DataIntegrityProof (the OB 3.0 schema types it as an array).
 * - Every string is NFC; dates are UTC to the second.
 */
export function buildOpenBadgeCredential(rawInput: OpenBadgeInput): OpenBadgeCredential {
  const input = deepNfc(rawInput);
  const { issuer, achievement } = input;
  const recipientName = input.recipientName.trim();
  assertDisplayName(recipientName);
  if (!input.id.startsWith('urn:uuid:') && !/^https:\/\//.test(input.id))
    throw invalid(`A credential id is a urn:uuid or an https URL: ${input.id}`);
  if (!issuer.did.startsWith('did:') || issuer.did.includes('#'))
    throw invalid(`Not an issuer DID: ${issuer.did}`);
  if (!/^https?:\/\//.test(issuer.url)) throw invalid(`Not an issuer URL: ${issuer.url}`);
  if (!/^(urn:uuid:|did:)/.test(input.subjectId))
    throw invalid('The subject id must be pseudonymous (urn:uuid: or did:).');
  if (!isIri(achievement.id)) throw invalid(`Not an achievement id: ${achievement.id}`);
  if (
    !achievement.name.vi.trim() ||
    !achievement.description.vi.trim() ||
    !achievement.criteriaNarrative.vi.trim()
  ) {
    throw invalid('The achievement needs a Vietnamese name, description and criteria.');
  }
  if (Number.isNaN(input.validFrom.getTime())) throw invalid('validFrom is not a date.');
  if (input.validUntil && !(input.validUntil.getTime() > input.validFrom.getTime()))
    throw invalid('validUntil must be after validFrom.');

  const alignment = achievement.alignments.map((a) => {
    if (!isIri(a.url)) throw invalid(`Not a competence URL: ${a.url}`);
    if (a.level !== null && !(Number.isInteger(a.level) && a.level > 0))
      throw invalid(`Not a proficiency level: ${a.level}`);
    return {
      type: ['Alignment'],
      targetType: 'ceasn:Competency',
      targetFramework: a.frameworkName,
      targetCode: a.code,
      targetName: a.name,
      targetUrl: a.url,
      ...(a.level !== null ? { targetDescription: `Mức thành thạo ${a.level}` } : {}),
    };
  });

  const evidence = (input.evidence ?? []).map((e) => {
    if (e.id !== undefined && !isIri(e.id)) throw invalid(`Not an evidence id: ${e.id}`);
    return {
      ...(e.id ? { id: e.id } : {}),
      type: ['Evidence'],
      ...(e.name ? { name: e.name } : {}),
      ...(e.description ? { description: e.description } : {}),
      ...(e.narrative ? { narrative: e.narrative } : {}),
      ...(e.genre ? { genre: e.genre } : {}),
    };
  });

  const status = statusEntry(input.status);
  return {
    '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.did, type: ['Profile'], name: issuer.name.vi, url: issuer.url },
    validFrom: xsdDateTime(input.validFrom),
    ...(input.validUntil ? { validUntil: xsdDateTime(input.validUntil) } : {}),
    name: achievement.name.vi,
    description: achievement.description.vi,
    credentialSubject: {
      id: input.subjectId,
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: recipientName },
      ],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        name: achievement.name.vi,
        description: achievement.description.vi,
        criteria: { narrative: achievement.criteriaNarrative.vi },
        inLanguage: 'vi',
        ...(alignment.length ? { alignment } : {}),
      },
    },
    credentialStatus: status,
    ...(evidence.length ? { evidence } : {}),
  };
}

/** The recipient's display name as written in a credential built here (undefined if absent). */
export function recipientNameOf(credential: unknown): string | undefined {
  const ids = (credential as { credentialSubject?: { identifier?: unknown } } | null)?.credentialSubject
    ?.identifier;
  if (!Array.isArray(ids)) return undefined;
  const entry = ids.find(
    (i): i is { identityHash: string } =>
      !!i &&
      typeof i === 'object' &&
      (i as { identityType?: unknown }).identityType === 'name' &&
      (i as { hashed?: unknown }).hashed === false,
  );
  return typeof entry?.identityHash === 'string' ? entry.identityHash : undefined;
}
