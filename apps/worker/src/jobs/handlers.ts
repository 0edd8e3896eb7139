import type { Queryable } from '@hocvuso/db';
import type { IssuanceDeps } from '@hocvuso/issuance';
import type { JobHandler, JobNameValue, JobQueue } from '@hocvuso/jobs';
import { foldCoverage } from './fold-coverage.job';
import { issueCertificateJob } from './issue-certificate.job';
import { purgeExpiredSessions } from './purge-expired-sessions.job';
import { type PurgeLogger, purgeExpiredTokens } from './purge-expired-tokens.job';
import { sweepCertificateRequests } from './sweep-certificate-requests.job';
import { sendPendingMail } from '../mail/send-pending-mail.job';
import { type SmsDeps, sendPendingSms } from '../sms/send-pending-sms.job';
import { type ReminderDeps, sendReminder } from './send-reminder.job';
import { sweepInactiveLearners } from './sweep-inactive-learners.job';
import { sweepMandateDeadlines } from './sweep-mandate-deadlines.job';
import { generateCoverageReportJob, sweepCoverageReports } from './coverage-report';
import { confirmUniversalisation } from './confirm-universalisation.job';
import { sweepUniversalisationChecks } from './sweep-universalisation-checks.job';
import { reconcileCoverageJob } from './reconcile-coverage.job';
import { sweepVideoTranscodes, type TranscodeDeps, transcodeVideo } from './transcode-video.job';

export interface JobDeps {
  db: Queryable;
  issuance: IssuanceDeps;
  /** For jobs that enqueue other jobs. */
  queue: Pick<JobQueue, 'enqueue'>;
  /** Reminders and e-mail: a transactional database, the mailer (SMTP or local outbox) and a clock. */
  reminders: ReminderDeps;
  /** SMS: the outbox and the SMPP sender (not configured without SMPP_URL); absent, SMS stay queued. */
  sms?: SmsDeps;
  /** Where jobs that report counts log them (the worker's logger). */
  logger?: PurgeLogger & { warn(obj: object, msg: string): void };
  /** Where report generation reads its counts: the read replica (DATABASE_REPLICA_URL); absent, the primary. */
  reader?: Queryable;
  /** Video transcoding: storage and the ffmpeg binary; absent, videos stay `uploaded` until a worker has them. */
  media?: Omit<TranscodeDeps, 'db'>;
}

/** Every job the worker runs, by name. The same handlers serve BullMQ and the in-process runner. */
export function jobHandlers(deps: JobDeps): { [N in JobNameValue]: JobHandler<N> } {
  // Built when a report job runs: suites that run other jobs may give no reminders dependencies.
  const reports = () => ({ db: deps.reminders.db, queue: deps.queue, reader: deps.reader });
  return {
    'purge-expired-sessions': (payload) => purgeExpiredSessions(deps.db, payload),
    'issue-certificate': (payload) => issueCertificateJob(deps.issuance, payload),
    'sweep-certificate-requests': (payload) => sweepCertificateRequests(deps.db, deps.queue, payload),
    'sweep-inactive-learners': (payload) => sweepInactiveLearners(deps.reminders, payload),
    'sweep-mandate-deadlines': (payload) => sweepMandateDeadlines(deps.reminders, payload),
    'send-reminder': (payload) => sendReminder(deps.reminders, payload),
    'send-pending-mail': (payload) => sendPendingMail(deps.reminders, payload),
    'purge-expired-tokens': (payload) => purgeExpiredTokens(deps.db, payload, deps.logger),
    'fold-coverage': (payload) => foldCoverage(deps.reminders.db, payload),
    'send-pending-sms': () => (deps.sms ? sendPendingSms(deps.sms) : Promise.resolve('skipped')),
    'generate-coverage-report': (payload) => generateCoverageReportJob(reports(), payload),
    'sweep-coverage-reports': (payload) => sweepCoverageReports(reports(), payload),
    'confirm-universalisation': (payload) => confirmUniversalisation(deps.issuance.db, payload),
    'sweep-universalisation-checks': (payload) => sweepUniversalisationChecks(deps.db, deps.queue, payload),
    'reconcile-coverage': (payload) =>
      reconcileCoverageJob({ db: deps.reminders.db, logger: deps.logger }, payload),
    'transcode-video': (payload) =>
      deps.media
        ? transcodeVideo({ db: deps.db, logger: deps.logger, ...deps.media }, payload)
        : Promise.resolve('skipped'),
    'sweep-video-transcodes': (payload) => sweepVideoTranscodes(deps.db, deps.queue, payload),
  };
}
