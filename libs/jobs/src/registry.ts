/**
 * Queue and job names. Their values are persisted in Redis (and in Postgres notifications): never rename
 * them, add new ones instead.
 */
export const QueueName = {
  maintenance: 'maintenance',
  credentials: 'credentials',
  notifications: 'notifications',
  /** Video transcoding: long ffmpeg runs, kept off the queues certificates and reminders travel on. */
  media: 'media',
} as const;
export type QueueNameValue = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  purgeExpiredSessions: 'purge-expired-sessions',
  issueCertificate: 'issue-certificate',
  sweepCertificateRequests: 'sweep-certificate-requests',
  sweepInactiveLearners: 'sweep-inactive-learners',
  sweepMandateDeadlines: 'sweep-mandate-deadlines',
  sendReminder: 'send-reminder',
  sendPendingMail: 'send-pending-mail',
  purgeExpiredTokens: 'purge-expired-tokens',
  sendPendingSms: 'send-pending-sms',
  generateCoverageReport: 'generate-coverage-report',
  sweepCoverageReports: 'sweep-coverage-reports',
  confirmUniversalisation: 'confirm-universalisation',
  sweepUniversalisationChecks: 'sweep-universalisation-checks',
  foldCoverage: 'fold-coverage',
  reconcileCoverage: 'reconcile-coverage',
  transcodeVideo: 'transcode-video',
  sweepVideoTranscodes: 'sweep-video-transcodes',
} as const;
export type JobNameValue = (typeof JobName)[keyof typeof JobName];

/** The payload of each job. Payloads carry ids and small settings, never documents. */
export interface JobPayloads {
  'purge-expired-sessions': { retentionDays: number };
  /** One certificate request (the outbox row written when an enrolment completed). */
  'issue-certificate': { requestId: string };
  /** Re-enqueues requests not issued after `olderThanSeconds` (a lost job or a crashed worker). */
  'sweep-certificate-requests': { olderThanSeconds: number };
  /** Finds courses in progress untouched for `inactiveDays` and fans out one `send-reminder` per learner. */
  'sweep-inactive-learners': { inactiveDays: number };
  /**
   * One reminder to one learner. `kind` is a reminder kind of @hocvuso/domain (mandate deadlines add theirs);
   * `dedupeKey` is `reminder:<kind>:<user>:<subject>:<period>`, recorded on delivery.
   */
  /** Finds learners of mandates due within `maxDays` days that they have not completed. */
  'sweep-mandate-deadlines': { maxDays: number };
  /** `courseId` is the course to open (for a deadline: the first one not completed); `mandateId` for deadlines. */
  'send-reminder': {
    kind: 'inactive' | 'deadline';
    userId: string;
    courseId: string;
    dedupeKey: string;
    mandateId?: string;
  };
  /**
   * Sends e-mail still waiting in the outbox `olderThanSeconds` after it was written (SMTP down, a lost job, a
   * roster's invitations), at most MAIL_MAX_PER_RUN of them; the next run sends the rest.
   */
  'send-pending-mail': { olderThanSeconds: number };
  /**
   * Deletes password-reset tokens (invitations included), sign-in codes, OIDC login states and OIDC pending
   * links that expired or were used more than `retentionDays` ago, `batchSize` rows per statement.
   */
  'purge-expired-tokens': { retentionDays: number; batchSize: number };
  /**
   * Sends the queued SMS whose next try is due (sms_outbox, over SMPP), at most SMS_MAX_PER_RUN of them.
   * Without SMPP_URL it does nothing: the messages stay queued.
   */
  'send-pending-sms': Record<string, never>;
  /** Generates one queued coverage report (the row in coverage_reports is the outbox). */
  'generate-coverage-report': { reportId: string };
  /**
   * Re-announces reports queued for `olderThanSeconds` or whose generation stopped (a worker died), and queues the
   * scheduled reports due (each province, the day after a quarter, six months or year ends, from 00:30 Vietnam).
   */
  'sweep-coverage-reports': { olderThanSeconds: number };
  /** One universalisation check (the outbox row written when an enrolment completed). */
  'confirm-universalisation': { checkId: string };
  /** Re-enqueues universalisation checks still pending after `olderThanSeconds`. */
  'sweep-universalisation-checks': { olderThanSeconds: number };
  /**
   * Folds the coverage facts and registrations not yet counted into the rollup tables the dashboards read, in
   * batches of `batchSize`, at most `maxBatches` batches per run (the next run goes on).
   */
  'fold-coverage': { batchSize: number; maxBatches: number };
  /**
   * Checked every few minutes: from `hour` o'clock in Vietnam, once per Vietnam night, recounts the coverage rollups
   * and registered counts, records any drift in coverage_drift and repairs it (docs/coverage.md).
   */
  'reconcile-coverage': { hour: number };
  /** Transcodes one uploaded course video into its HLS ladder and poster (the course_videos row is the outbox). */
  'transcode-video': { videoId: string };
  /** Re-announces videos still `uploaded` after `olderThanSeconds`, or transcoding with no progress for ten times that. */
  'sweep-video-transcodes': { olderThanSeconds: number };
}

/** Which queue each job travels on. */
export const QUEUE_OF: { [N in JobNameValue]: QueueNameValue } = {
  'purge-expired-sessions': QueueName.maintenance,
  'issue-certificate': QueueName.credentials,
  'sweep-certificate-requests': QueueName.credentials,
  'sweep-inactive-learners': QueueName.notifications,
  'sweep-mandate-deadlines': QueueName.notifications,
  'send-reminder': QueueName.notifications,
  'send-pending-mail': QueueName.notifications,
  'purge-expired-tokens': QueueName.maintenance,
  'send-pending-sms': QueueName.notifications,
  'generate-coverage-report': QueueName.maintenance,
  'sweep-coverage-reports': QueueName.maintenance,
  'confirm-universalisation': QueueName.credentials,
  'sweep-universalisation-checks': QueueName.credentials,
  'fold-coverage': QueueName.maintenance,
  'reconcile-coverage': QueueName.maintenance,
  'transcode-video': QueueName.media,
  'sweep-video-transcodes': QueueName.media,
};

/** The deterministic job id of a video's transcoding: announcing it twice runs it once. */
export const transcodeJobId = (videoId: string) => `video-${videoId}`;

/** The job id of a report's generation: announcing it twice runs it once. */
export const coverageReportJobId = (reportId: string) => `coverage-report-${reportId}`;

/** The deterministic job id of a certificate request: enqueuing it twice runs it once. */
export const certificateJobId = (enrolmentId: string) => `cert-${enrolmentId}`;

/** The deterministic job id of an achievement request (no enrolment): enqueuing it twice runs it once. */
export const achievementJobId = (requestId: string) => `ach-${requestId}`;

/** The job id of any certificate request: by its enrolment for a course, by itself for an achievement. */
export const certificateRequestJobId = (r: { id: string; enrolment_id: string | null }) =>
  r.enrolment_id === null ? achievementJobId(r.id) : certificateJobId(r.enrolment_id);

/** The deterministic job id of a universalisation check: announcing it twice runs it once. */
export const universalisationJobId = (checkId: string) => `univ-${checkId}`;

/**
 * What a handler reports: it did the work, the state said there was nothing to do, or the work can never
 * succeed as things stand and the handler recorded that in Postgres (a visible failed state, not a retry).
 */
export type JobOutcome = 'done' | 'skipped' | 'failed';

export interface EnqueueOptions {
  /** Deterministic id (for example `cert-<enrolmentId>`): enqueuing the same id twice runs the job once. */
  jobId?: string;
  delayMs?: number;
}

/** Bounded retries with exponential backoff, and bounded history in Redis. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
};

export interface ScheduleSpec {
  id: string;
  job: JobNameValue;
  everyMs: number;
  payload: JobPayloads[JobNameValue];
}

/**
 * Repeating sweeps, registered as BullMQ job schedulers (or timers when there is no Redis). A running worker
 * checks every SCHEDULE_CHECK_MS (and whenever Redis becomes ready again) that Redis still holds them and
 * registers the missing ones: a FLUSHALL or a Redis restart without persistence loses them.
 */
export const SCHEDULE_CHECK_MS = 15_000;

export const SCHEDULES: ScheduleSpec[] = [
  {
    id: 'purge-expired-sessions-daily',
    job: JobName.purgeExpiredSessions,
    everyMs: 24 * 3600_000,
    payload: { retentionDays: 30 },
  },
  {
    id: 'sweep-certificate-requests',
    job: JobName.sweepCertificateRequests,
    everyMs: 60_000,
    payload: { olderThanSeconds: 120 },
  },
  {
    id: 'sweep-inactive-learners-daily',
    job: JobName.sweepInactiveLearners,
    everyMs: 24 * 3600_000,
    payload: { inactiveDays: 7 },
  },
  {
    id: 'sweep-mandate-deadlines-daily',
    job: JobName.sweepMandateDeadlines,
    everyMs: 24 * 3600_000,
    payload: { maxDays: 7 },
  },
  {
    id: 'send-pending-mail',
    job: JobName.sendPendingMail,
    everyMs: 5 * 60_000,
    payload: { olderThanSeconds: 300 },
  },
  {
    id: 'send-pending-sms',
    job: JobName.sendPendingSms,
    everyMs: 60_000,
    payload: {},
  },
  {
    id: 'fold-coverage',
    job: JobName.foldCoverage,
    everyMs: 5_000,
    payload: { batchSize: 2_000, maxBatches: 50 },
  },
  {
    id: 'purge-expired-tokens-daily',
    job: JobName.purgeExpiredTokens,
    everyMs: 24 * 3600_000,
    payload: { retentionDays: 7, batchSize: 1_000 },
  },
  {
    id: 'sweep-coverage-reports',
    job: JobName.sweepCoverageReports,
    everyMs: 5 * 60_000,
    payload: { olderThanSeconds: 60 },
  },
  {
    id: 'sweep-universalisation-checks',
    job: JobName.sweepUniversalisationChecks,
    everyMs: 60_000,
    payload: { olderThanSeconds: 120 },
  },
  {
    // Checks every 10 minutes whether tonight's reconcile is due (the hour: COVERAGE_RECONCILE_HOUR); runs once a night.
    id: 'reconcile-coverage-nightly',
    job: JobName.reconcileCoverage,
    everyMs: 10 * 60_000,
    payload: { hour: 2 },
  },
  {
    id: 'sweep-video-transcodes',
    job: JobName.sweepVideoTranscodes,
    everyMs: 60_000,
    payload: { olderThanSeconds: 120 },
  },
];

/**
 * The job id of a reminder: its dedupe key with `:` replaced (BullMQ refuses custom ids containing `:`), so
 * enqueuing the same reminder twice runs it once.
 */
export const reminderJobId = (dedupeKey: string) => dedupeKey.replace(/:/g, '.');
