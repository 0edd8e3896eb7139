import { randomBytes, randomUUID } from 'node:crypto';
import {
  buildOpenBadgeCredential,
  randomStatusIndex,
  renderCertificatePdf,
  signOpenBadge,
} from '@hocvuso/credentials';
import { isDomainError, localize, type LocalizedText } from '@hocvuso/domain';
import { type Queryable, rowsOf } from '@hocvuso/db';
import type { JobOutcome } from '@hocvuso/jobs';
import type { ObjectStorage } from '@hocvuso/storage';
import { ensureIssuerKey, ensureStatusLists, type IssuerSettings, loaderFor, statusListUrl } from './issuer';

export interface IssuanceDeps {
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable;
  storage: ObjectStorage;
  settings: IssuerSettings;
}

interface RequestRow {
  id: string;
  enrolment_id: string;
  course_version_id: string;
  issued_at: Date | null;
  failed_at: Date | null;
  user_id: string;
  course_id: string;
  completed_at: Date | null;
}

interface CertificateRow {
  id: string;
  serial: string;
  status_list_id: string;
  suspension_list_id: string;
  status_index: number;
  recipient_name: string;
  issued_at: Date | null;
  pdf_key: string | null;
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
  const { db, storage, settings } = deps;
  const [req] = (await db.query(
    `SELECT r.id, r.enrolment_id, r.course_version_id, r.issued_at, r.failed_at, e.user_id, e.course_id, e.completed_at
       FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE r.id = $1`,
    [requestId],
  )) as RequestRow[];
  if (!req || req.issued_at || req.failed_at) return 'skipped';
  await db.query(`UPDATE certificate_requests SET attempts = attempts + 1, last_attempt_at = now() WHERE id = $1`, [req.id]);

  try {
    const issuer = await db.transaction((tx) => ensureIssuerKey(tx, settings));
    const lists = await db.transaction((tx) => ensureStatusLists(tx, settings, issuer));
    const cert = await allocateCertificate(db, req, lists);
    if (cert.issued_at) {
      await db.query(`UPDATE certificate_requests SET issued_at = coalesce(issued_at, now()), last_error = NULL WHERE id = $1`, [req.id]);
      return 'skipped';
    }
    // Not issued yet: the name printed is the learner's current one (a re-run after the learner fixed a name
    // the issuer refused prints the fixed name); it is frozen once issued.
    const [named] = rowsOf(
      await db.query(
        `UPDATE certificates c SET recipient_name = u.display_name FROM users u
          WHERE c.id = $1 AND u.id = c.user_id AND c.issued_at IS NULL RETURNING c.recipient_name`,
        [cert.id],
      ),
    );
    if (named) cert.recipient_name = named.recipient_name;
    const completedAt = new Date(req.completed_at ?? Date.now());
    const course = await courseFacts(db, req.course_version_id);
    const [user] = await db.query(`SELECT pseudonym FROM users WHERE id = $1`, [req.user_id]);
    if (!user) throw new IssuanceDataError('CERTIFICATE_LEARNER_GONE', 'The learner of this request no longer exists.');
    const verifyUrl = `${settings.publicUrl}/verify/${cert.id}`;
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${cert.id}`,
      issuer: { did: issuer.did, name: settings.name, url: settings.publicUrl },
      subjectId: `urn:uuid:${user.pseudonym}`,
      recipientName: cert.recipient_name,
      achievement: {
        id: `${settings.publicUrl}/courses/${req.course_id}`,
        name: course.title,
        description: course.summary,
        criteriaNarrative: {
          vi: 'Hoàn thành mọi bài học của khóa học và đạt bài kiểm tra cuối khóa trên nền tảng Học vụ số.',
          en: 'Completed every lesson of the course and passed its final quiz on the Học vụ số platform.',
        },
        alignments: course.competencies.map((c) => ({
          framework: c.framework_id,
          frameworkName: localize(c.framework_name, 'vi'),
          code: c.code,
          name: localize(c.name, 'vi'),
          level: c.level,
          url: `${settings.publicUrl}/frameworks/${c.framework_id}#${c.code}`,
        })),
      },
      validFrom: completedAt,
      status: { statusListCredential: statusListUrl(settings, cert.status_list_id), statusListIndex: cert.status_index, statusPurpose: 'revocation' },
    });
    const signed = await signOpenBadge(credential, issuer.key, await loaderFor(db));
    const pdf = await renderCertificatePdf({
      learnerName: cert.recipient_name,
      courseTitle: localize(course.title, 'vi'),
      competencies: course.competencies.map((c) => ({ code: c.code, name: localize(c.name, 'vi'), level: c.level, frameworkName: localize(c.framework_name, 'vi') })),
      issuedOn: completedAt,
      serial: cert.serial,
      issuerName: settings.name.vi,
      verifyUrl,
      language: 'vi',
    });
    const pdfKey = `certificates/${cert.id}.pdf`;
    await storage.put(pdfKey, pdf, 'application/pdf');
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE certificates SET credential = $2, pdf_key = $3, issued_at = now() WHERE id = $1 AND issued_at IS NULL`, [
        cert.id,
        JSON.stringify(signed),
        pdfKey,
      ]);
      await tx.query(`UPDATE certificate_requests SET issued_at = now(), last_error = NULL WHERE id = $1 AND issued_at IS NULL`, [req.id]);
    });
    return 'done';
  } catch (err) {
    const message = String((err as Error)?.message ?? err).slice(0, 500);
    const permanent = permanentFailureCode(err);
    if (permanent) {
      // Never retried by itself: visible to the learner and administrators until someone re-runs it.
      await db.query(
        `UPDATE certificate_requests SET failed_at = now(), failure_code = $2, last_error = $3 WHERE id = $1 AND issued_at IS NULL`,
        [req.id, permanent, message],
      );
      return 'failed';
    }
    // Transient (storage full or read-only, database or network trouble): the job retries, then the sweep
    // keeps retrying with a capped backoff for as long as it takes.
    await db.query(`UPDATE certificate_requests SET last_error = $2 WHERE id = $1`, [req.id, message]).catch(() => undefined);
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
  if (isDomainError(err) && (err.code === 'ISSUER_KEY_UNREADABLE' || !['unavailable', 'rate_limited'].includes(err.kind))) return err.code;
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

async function allocateCertificate(db: Queryable, req: RequestRow, lists: { revocation: string; suspension: string }): Promise<CertificateRow> {
  const year = new Date(req.completed_at ?? Date.now()).getUTCFullYear();
  for (let tries = 0; tries < 8; tries++) {
    const existing = (await db.query(`SELECT * FROM certificates WHERE enrolment_id = $1`, [req.enrolment_id])) as CertificateRow[];
    if (existing[0]) return existing[0];
    await db.query(
      `INSERT INTO certificates (id, enrolment_id, user_id, course_id, course_version_id, serial, status_list_id, suspension_list_id, status_index, recipient_name)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, u.display_name FROM users u WHERE u.id = $3
       ON CONFLICT DO NOTHING`,
      [randomUUID(), req.enrolment_id, req.user_id, req.course_id, req.course_version_id, newSerial(year), lists.revocation, lists.suspension, randomStatusIndex()],
    );
  }
  throw new Error('could not allocate a certificate (status index or serial collisions)');
}

interface CourseFacts {
  title: LocalizedText;
  summary: LocalizedText;
  competencies: Array<{ framework_id: string; framework_name: LocalizedText; code: string; name: LocalizedText; level: number | null }>;
}

async function courseFacts(db: Queryable, versionId: string): Promise<CourseFacts> {
  const [v] = await db.query(`SELECT title, summary FROM course_versions WHERE id = $1`, [versionId]);
  if (!v) throw new IssuanceDataError('CERTIFICATE_COURSE_VERSION_GONE', 'The course version of this request no longer exists.');
  const competencies = await db.query(
    `SELECT cc.framework_id, f.name AS framework_name, cc.code, fc.name, cc.level
       FROM course_version_competencies cc
       JOIN framework_competencies fc ON fc.framework_id = cc.framework_id AND fc.code = cc.code
       JOIN frameworks f ON f.id = cc.framework_id
      WHERE cc.course_version_id = $1 ORDER BY cc.framework_id, cc.code`,
    [versionId],
  );
  return { title: v.title, summary: v.summary, competencies };
}
