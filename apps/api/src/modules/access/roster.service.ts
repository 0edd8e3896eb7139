import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkRosterRows,
  type InvitationChannel,
  invitationChannel,
  type LocalizedText,
  messageLanguage,
  rosterEnrolmentNotification,
  rosterInvitationEmail,
  scopeFilter,
} from '@hocvuso/domain';
import {
  appendAudit,
  applyRoster,
  inAppDisabledUsers,
  insertNotifications,
  insertOutboxMails,
  type PlacedRosterRow,
  type Queryable,
} from '@hocvuso/db';
import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { transactionOrDryRun } from '../../common/db/dry-run';
import { requirePublishedCourses } from './access-common';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { PasswordResetService } from '../auth/password-reset.service';
import { type IssuedCode, ROSTER_SIGN_IN_CODE_HOURS, SignInCodeService } from '../auth/sign-in-code.service';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { sendOutboxSoon } from '../jobs/send-outbox-soon';
import { requireAdmin } from '../../common/guards/require-role';

/** How long the link of a roster invitation e-mail works (a reset token with a longer life). */
const INVITATION_DAYS = 14;

export interface RosterReportRow {
  line: number;
  status: 'created' | 'matched' | 'rejected';
  userId?: string;
  /** How the person hears about it; in a dry run, how they would. */
  invitedBy: InvitationChannel;
  /** For `invitedBy: 'code'` (not in a dry run): the one-time code to hand over, shown only in this answer. */
  signInCode?: { code: string; expiresAt: string };
  errors?: Array<{ field: string; message: string }>;
}

export interface RosterReport {
  dryRun: boolean;
  created: number;
  matched: number;
  rejected: number;
  invited: Record<Exclude<InvitationChannel, 'none'>, number>;
  rows: RosterReportRow[];
}

/**
 * Bulk enrolment from a roster CSV, and the invitations that go with it. Every row is checked (domain rules),
 * placed in the admin's scope, matched or created, and enrolled in the courses, in one transaction; in the
 * same transaction the people are invited: invitation e-mails are written to the outbox (sent by the worker
 * after commit), one-time sign-in codes are issued for phone-only accounts (returned in the report), and
 * existing learners get an in-app notification. Only new enrolments invite anyone, so a re-upload sends
 * nothing; a dry run does all of it in a transaction that is rolled back and returns no code.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SignInCodeService) private readonly codes: SignInCodeService,
    @Inject(PasswordResetService) private readonly links: PasswordResetService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async roster(
    user: AuthUser,
    records: Array<Record<string, string>>,
    courseIds: string[],
    dryRun: boolean,
  ): Promise<RosterReport> {
    requireAdmin(user);
    const courses = await requirePublishedCourses(this.db, courseIds);
    const titles = new Map(courses.map((c) => [c.id, c.title as LocalizedText]));
    const { rows, rejected } = checkRosterRows(records);
    const scope = scopeFilter(user.grants);
    const { applied, channels, codes, invited } = await transactionOrDryRun(this.db, dryRun, async (tx) => {
      const applied = rows.length ? await applyRoster(tx, rows, courseIds, scope) : [];
      const placed = applied.filter((r): r is PlacedRosterRow => r.status !== 'rejected');
      const optedOut = await inAppDisabledUsers(
        tx,
        placed.filter((r) => r.status === 'matched').map((r) => r.userId),
      );
      const channels = new Map(placed.map((r) => [r.line, invitationChannel(r, !optedOut.has(r.userId))]));
      const codes = dryRun
        ? new Map<string, IssuedCode>()
        : await this.invite(tx, user, placed, channels, titles);
      const invited = countInvitations(channels);
      await appendAudit(tx, {
        actor: user.id,
        action: 'roster.import',
        subjectType: 'roster',
        subjectId: courseIds.join(','),
        after: { rows: records.length, dryRun, invited },
      });
      return { applied, channels, codes, invited };
    });
    if (!dryRun && invited.email > 0)
      await sendOutboxSoon(this.jobs, this.config.mailTransport, this.logger, 'roster invitation e-mails');

    const all: RosterReportRow[] = [
      ...applied.map((r): RosterReportRow => {
        if (r.status === 'rejected')
          return { line: r.line, status: r.status, invitedBy: 'none', errors: r.errors };
        const invitedBy = channels.get(r.line)!;
        const code = invitedBy === 'code' ? codes.get(r.userId) : undefined;
        return {
          line: r.line,
          status: r.status,
          userId: r.userId,
          invitedBy,
          ...(code ? { signInCode: { code: code.code, expiresAt: code.expiresAt } } : {}),
        };
      }),
      ...rejected.map((r): RosterReportRow => ({
        line: r.line,
        status: 'rejected',
        invitedBy: 'none',
        errors: r.errors,
      })),
    ];
    return this.report(dryRun, all, invited);
  }

  /**
   * Inside the roster's transaction: the invitation e-mails (outbox rows, sent after commit), the sign-in codes
   * of phone-only accounts, the in-app notifications. Returns the codes by user id.
   */
  private async invite(
    tx: Queryable,
    admin: AuthUser,
    placed: PlacedRosterRow[],
    channels: Map<number, InvitationChannel>,
    titles: Map<string, LocalizedText>,
  ): Promise<Map<string, IssuedCode>> {
    const by = (channel: InvitationChannel) => placed.filter((r) => channels.get(r.line) === channel);
    const courseTitles = (r: PlacedRosterRow) => r.newCourseIds.map((id) => titles.get(id)!);

    const mailRows = by('email');
    const links = new Map(
      (
        await this.links.createLinks(
          tx,
          mailRows.map((r) => r.userId),
          INVITATION_DAYS * 24 * 60,
        )
      ).map((l) => [l.userId, l.link]),
    );
    await insertOutboxMails(
      tx,
      mailRows.map((r) => {
        const language = messageLanguage(r.language);
        const mail = rosterInvitationEmail(language, {
          displayName: r.name,
          courseTitles: courseTitles(r),
          link: links.get(r.userId)!,
          validDays: INVITATION_DAYS,
        });
        return {
          toAddress: r.email!,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'Content-Language': language },
          dedupeKey: null,
          transport: this.config.mailTransport,
        };
      }),
    );

    const issued = await this.codes.issueMany(
      tx,
      by('code').map((r) => r.userId),
      admin.id,
      ROSTER_SIGN_IN_CODE_HOURS,
    );

    // applyRoster lets one account through on one line only, so nobody gets two notices.
    await insertNotifications(
      tx,
      by('notification').map((r) => {
        const notice = rosterEnrolmentNotification(courseTitles(r));
        return {
          userId: r.userId,
          kind: 'roster_enrolment',
          title: notice.title,
          body: notice.body,
          link: notice.link,
        };
      }),
    );
    return new Map(issued.map((c) => [c.userId, c]));
  }

  private report(dryRun: boolean, rows: RosterReportRow[], invited: RosterReport['invited']): RosterReport {
    rows.sort((a, b) => a.line - b.line);
    return {
      dryRun,
      created: rows.filter((r) => r.status === 'created').length,
      matched: rows.filter((r) => r.status === 'matched').length,
      rejected: rows.filter((r) => r.status === 'rejected').length,
      invited,
      rows,
    };
  }
}

function countInvitations(channels: Map<number, InvitationChannel>): RosterReport['invited'] {
  const invited = { email: 0, code: 0, notification: 0 };
  for (const c of channels.values()) if (c !== 'none') invited[c] += 1;
  return invited;
}
