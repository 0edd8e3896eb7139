import { randomBytes, randomUUID } from 'node:crypto';
import {
  buildOpenBadgeCredential,
  type CertificatePdfInput,
  randomStatusIndex,
  renderCertificatePdf,
  signOpenBadge,
} from '@hocvuso/credentials';
import {
  type AchievementDefinition,
  achievementDefinition,
  campaignAchievement,
  campaignOfAchievement,
  courseRequirements,
  isDomainError,
  localize,
  type LocalizedText,
} from '@hocvuso/domain';
import {
  campaignForAchievement,
  certificateOfAchievement,
  certificateOfEnrolment,
  type CertificateRow,
  claimIssuanceRequest,
  courseVersionCompetencies,
  type CourseVersionCompetencyRow,
  courseVersionRequirements,
  courseVersionText,
  insertAchievementCertificate,
  insertCertificate,
  type IssuanceRequestRow,
  markRequestFailed,
  markRequestIssuedIfNot,
  noteRequestError,
  type Queryable,
  refreshRecipientName,
  storeIssuedCertificateAndRequest,
} from '@hocvuso/db';
import type { JobOutcome } from '@hocvuso/jobs';
import type { ObjectStorage } from '@hocvuso/storage';
import { type IssuerSettings, signingContext, statusListUrl } from './issuer';

export interface IssuanceDeps {
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable;
  storage: ObjectStorage;
  settings: IssuerSettings;
  /**
   * Renders the PDF: the worker passes its pool of render threads (apps/worker/src/certificate-pdf); by default
   * the calling thread renders it.
   */
  renderPdf?: (input: CertificatePdfInput) => Promise<Buffer>;
}

const SERIAL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newSerial = (year: number) =>
  `HVS-${year}-${[...randomBytes(8)].map((b) => SERIAL_ALPHABET[b % SERIAL_ALPHABET.length]).join('')}`;

/**
 * Turns one certificate request into exactly one issued certificate, whatever happens: the certificate row is
 * inserted with ON CONFLICT DO NOTHING on the enrolment (a second worker, a retry or a sweep finds it), the
 * status index is random and unique per list (a collision just draws again), the PDF is rendered
 * deterministically, and the issued state is written only once. Safe to run any number of times.
 */
export async function issueCertificate(deps: IssuanceDeps, requestId: string): Promise<JobOutcome> {
  const { db, storage, settings, renderPdf = renderCertificatePdf } = deps;
  // One statement: the request with its learner's pseudonym, one more attempt counted; nothing when it is done.
  const req = await claimIssuanceRequest(db, requestId);
  if (!req) return 'skipped';

  try {
    // One read once the key and the status lists exist (made, under their lock, only the first time).
    const { issuer, lists, loader } = await signingContext(db, settings);
    const { cert, fresh } = await allocateCertificate(db, req, lists);
    if (cert.issued_at) {
      await markRequestIssuedIfNot(db, req.id);
      return 'skipped';
    }
    // Not issued yet: the name printed is the learner's current one (a re-run after the learner fixed a name
    // the issuer refused prints the fixed name); it is frozen once issued. A certificate inserted just now
    // already carries it.
    if (!fresh) {
      const named = await refreshRecipientName(db, cert.id);
      if (named !== undefined) cert.recipient_name = named;
    }
    const completedAt = new Date(req.completed_at ?? Date.now());
    const subject = await subjectFacts(db, settings.publicUrl, req);
    const pseudonym = req.pseudonym;
    if (pseudonym === null)
      throw new IssuanceDataError(
        'CERTIFICATE_LEARNER_GONE',
        'The learner of this request no longer exists.',
      );
    const verifyUrl = `${settings.publicUrl}/verify/${cert.id}`;
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${cert.id}`,
      issuer: { did: issuer.did, name: settings.name, url: settings.publicUrl },
      subjectId: `urn:uuid:${pseudonym}`,
      recipientName: cert.recipient_name,
      achievement: {
        id: subject.achievementUrl,
        name: subject.title,
        description: subject.summary,
        // What the course version really required (its completion rule, each quiz's pass mark), or the
        // achievement's criteria.
        criteriaNarrative: subject.criteria,
        alignments: subject.competencies.map((c) => ({
          framework: c.framework_id,
          frameworkName: localize(c.framework_name, 'vi'),
          code: c.code,
          name: localize(c.name, 'vi'),
          level: c.level,
          url: `${settings.publicUrl}/frameworks/${c.framework_id}#${c.code}`,
        })),
      },
      validFrom: completedAt,
      status: {
        statusListCredential: statusListUrl(settings, cert.status_list_id),
        statusListIndex: cert.status_index,
        statusPurpose: 'revocation',
      },
    });
    const signed = await signOpenBadge(credential, issuer.key, loader);
    const pdf = await renderPdf({
      learnerName: cert.recipient_name,
      courseTitle: localize(subject.title, 'vi'),
      competencies: subject.competencies.map((c) => ({
        code: c.code,
        name: localize(c.name, 'vi'),
        level: c.level,
        frameworkName: localize(c.framework_name, 'vi'),
      })),
      issuedOn: completedAt,
      serial: cert.serial,
      issuerName: settings.name.vi,
      verifyUrl,
      language: 'vi',
    });
    const pdfKey = `certificates/${cert.id}.pdf`;
    await storage.put(pdfKey, pdf, 'application/pdf');
    // The certificate and its request are marked issued in one statement.
    await storeIssuedCertificateAndRequest(db, cert.id, req.id, signed, pdfKey);
    return 'done';
  } catch (err) {
    const message = String((err as Error)?.message ?? err).slice(0, 500);
    const permanent = permanentFailureCode(err);
    if (permanent) {
      // Never retried by itself: visible to the learner and administrators until someone re-runs it.
      await markRequestFailed(db, req.id, permanent, message);
      return 'failed';
    }
    // Transient (storage full or read-only, database or network trouble): the job retries, then the sweep
    // keeps retrying with a capped backoff for as long as it takes.
    await noteRequestError(db, req.id, message).catch(() => undefined);
    throw err;
  }
}

/**
 * The reason code when an issuance error can never go away by retrying (the issuer refuses the input, the
 * issuer key cannot be decrypted with this secret, the data it needs is gone), or undefined when it is
 * transient (storage, database, network: retried for as long as it takes). Domain errors carry their code.
 */
export function permanentFailureCode(err: unknown): string | undefined {
  // An 'unavailable' domain error is an outage (a database or service down), except an unreadable key.
  if (
    isDomainError(err) &&
    (err.code === 'ISSUER_KEY_UNREADABLE' || !['unavailable', 'rate_limited'].includes(err.kind))
  )
    return err.code;
  if (err instanceof IssuanceDataError) return err.code;
  return undefined;
}

/** The data a certificate needs is missing (a course version or user gone): retrying will not bring it back. */
export class IssuanceDataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IssuanceDataError';
  }
}

/**
 * The request's certificate: inserted now with a new serial and status index (`fresh`, printed with the learner's
 * current name), or the one a previous run, another worker or a sweep already inserted. A collision of serial or
 * status index inserts nothing and finds nothing: it draws again.
 */
async function allocateCertificate(
  db: Queryable,
  req: IssuanceRequestRow,
  lists: { revocation: string; suspension: string },
): Promise<{ cert: CertificateRow; fresh: boolean }> {
  const year = new Date(req.completed_at ?? Date.now()).getUTCFullYear();
  for (let tries = 0; tries < 8; tries++) {
    const common = {
      id: randomUUID(),
      userId: req.user_id,
      serial: newSerial(year),
      statusListId: lists.revocation,
      suspensionListId: lists.suspension,
      statusIndex: randomStatusIndex(),
    };
    let inserted: CertificateRow | undefined;
    if (req.achievement_id === null)
      inserted = await insertCertificate(db, {
        ...common,
        enrolmentId: req.enrolment_id,
        courseId: req.course_id,
        courseVersionId: req.course_version_id,
      });
    else {
      const definition = await resolveAchievement(db, req.achievement_id);
      if (!definition)
        throw new IssuanceDataError('ACHIEVEMENT_UNKNOWN', `No achievement is named ${req.achievement_id}.`);
      inserted = await insertAchievementCertificate(db, {
        ...common,
        achievementId: definition.id,
        achievementName: definition.name,
      });
    }
    if (inserted) return { cert: inserted, fresh: true };
    const existing =
      req.achievement_id === null
        ? await certificateOfEnrolment(db, req.enrolment_id)
        : await certificateOfAchievement(db, req.user_id, req.achievement_id);
    if (existing) return { cert: existing, fresh: false };
  }
  throw new Error('could not allocate a certificate (status index or serial collisions)');
}

/**
 * An achievement by id: one of the platform's fixed ones (libs/domain), or the individual award of an emulation
 * campaign (`campaign-<id>`, named after the campaign as it is stored; docs/campaigns.md).
 */
async function resolveAchievement(db: Queryable, id: string): Promise<AchievementDefinition | undefined> {
  const fixed = achievementDefinition(id);
  if (fixed) return fixed;
  const campaignId = campaignOfAchievement(id);
  const campaign = campaignId ? await campaignForAchievement(db, campaignId) : undefined;
  return (
    campaign &&
    campaignAchievement({
      id: campaign.id,
      name: campaign.name,
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
    })
  );
}

/** What the credential and the PDF say about what was achieved: a course, or an achievement of the platform. */
interface SubjectFacts extends CourseFacts {
  achievementUrl: string;
}

async function subjectFacts(
  db: Queryable,
  publicUrl: string,
  req: IssuanceRequestRow,
): Promise<SubjectFacts> {
  if (req.achievement_id === null)
    return {
      ...(await courseFacts(db, req.course_version_id)),
      achievementUrl: `${publicUrl}/courses/${req.course_id}`,
    };
  const a = await resolveAchievement(db, req.achievement_id);
  if (!a)
    throw new IssuanceDataError('ACHIEVEMENT_UNKNOWN', `No achievement is named ${req.achievement_id}.`);
  return {
    title: a.name,
    summary: a.description,
    criteria: a.criteria,
    competencies: [],
    achievementUrl: `${publicUrl}/achievements/${a.id}`,
  };
}

interface CourseFacts {
  title: LocalizedText;
  summary: LocalizedText;
  competencies: CourseVersionCompetencyRow[];
  criteria: LocalizedText;
}

async function courseFacts(db: Queryable, versionId: string): Promise<CourseFacts> {
  const v = await courseVersionText(db, versionId);
  if (!v)
    throw new IssuanceDataError(
      'CERTIFICATE_COURSE_VERSION_GONE',
      'The course version of this request no longer exists.',
    );
  const competencies = await courseVersionCompetencies(db, versionId);
  const required = await courseVersionRequirements(db, versionId);
  const { criteria } = courseRequirements(
    (required?.lessons ?? []).map((l) => ({
      key: l.key,
      kind: l.kind,
      ...(l.passMark !== null ? { passMark: l.passMark } : {}),
    })),
    required?.completion ?? { lessons: 'all', quizzes: [] },
  );
  return { title: v.title, summary: v.summary, competencies, criteria };
}
