import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkRosterRows,
  type InvitationChannel,
  invitationChannel,
  INVITATIONS_PAGE,
  isUuid,
  type LocalizedText,
  messageLanguage,
  rosterInvitationEmail,
  rosterInvitationNotification,
  rolesHolding,
  rosterInvitationToExistingEmail,
  scopeFor,
} from '@hocvuso/domain';
import {
  appendAudit,
  applyRoster,
  auditRosterPeople,
  completeRosterImport,
  emailDisabledUsers,
  inAppDisabledUsers,
  insertNotifications,
  insertOutboxMails,
  insertRosterImport,
  type PlacedRosterRow,
  type Queryable,
  rosterImportOf,
  rosterImportsOf,
} from '@hocvuso/db';
import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { transactionOrDryRun } from '../../common/db/dry-run';
import { requirePublishedCourses } from '../../common/db/published-courses';
import { notFound } from '../../common/errors/not-found';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { PasswordResetService } from '../auth/password-reset.service';
import { type IssuedCode, ROSTER_SIGN_IN_CODE_HOURS, SignInCodeService } from '../auth/sign-in-code.service';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { sendOutboxSoon } from '../jobs/send-outbox-soon';
import { requireCapability } from '../../common/guards/require-capability';

/** How long the link of a roster invitation e-mail works (a reset token with a longer life). */
const INVITATION_DAYS = 14;

export interface RosterReportRow {
  line: number;
  status: 'created' | 'invited' | 'matched' | 'rejected';
  /** Only for accounts this roster created, or that are already placed in the admin's area (`matched`). */
  userId?: string;
  /** How the person hears about it; in a dry run, how they would. */
  invitedBy: InvitationChannel;
  /** For `invitedBy: 'code'` (not in a dry run): the one-time code to hand over, shown only in this answer. */
  signInCode?: { code: string; expiresAt: string };
  errors?: Array<{ field: string; message: string }>;
}

export interface RosterReport {
  /** The stored import (the uploader reads it again at GET /api/admin/rosters/:id); null for a dry run. */
  importId: string | null;
  dryRun: boolean;
  created: number;
  invited: number;
  matched: number;
  rejected: number;
  /** How people were told: e-mail (new accounts' links, and invitations), codes, in-app notices. */
  channels: Record<Exclude<InvitationChannel, 'none'>, number>;
  rows: RosterReportRow[];
}

/**
 * Bulk enrolment from a roster CSV. Every row is checked (domain rules) and placed in the admin's scope, in one
 * transaction. A new account is created, placed and enrolled, and told: an e-mail with a link to choose a
 * password, or a one-time sign-in code for a phone-only account (returned in the report only). An existing
 * account is never placed, claimed or enrolled by a roster: it is invited (in-app and by e-mail, without any
 * token), and only the person's acceptance places and enrols them (POST /api/me/invitations/:id/accept).
 * Every created and invited person has their own audit entry with the scope of the admin; the import is stored
 * for its uploader. A dry run does all of it in a transaction that is rolled back and returns no code.
 */
@Injectable()
export class RostersService {
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
    requireCapability(user, 'roster.import', 'This needs an administrator role.');
    const courses = await requirePublishedCourses(this.db, courseIds);
    const titles = new Map(courses.map((c) => [c.id, c.title as LocalizedText]));
    const { rows, rejected } = checkRosterRows(records);
    const scope = scopeFor(user.grants, 'roster.import');
    const adminScope = user.grants
      .filter((g) => rolesHolding('roster.import').includes(g.role))
      .map((g) => ({ role: g.role, unitPath: g.unitPath, organisationId: g.organisationId }));
    const { importId, report, codes, mails } = await transactionOrDryRun(this.db, dryRun, async (tx) => {
      const importId = await insertRosterImport(tx, user.id, courseIds, adminScope);
      const applied = rows.length
        ? await applyRoster(tx, rows, courseIds, scope, { importId, adminId: user.id })
        : [];
      const placed = applied.filter((r): r is PlacedRosterRow => r.status !== 'rejected');
      const invitedRows = placed.filter((r) => r.status === 'invited' && r.invitationNew);
      const optedOut = await inAppDisabledUsers(
        tx,
        invitedRows.map((r) => r.userId),
      );
      const noEmail = await emailDisabledUsers(
        tx,
        invitedRows.map((r) => r.userId),
      );
      const channels = new Map(
        placed.map((r) => [r.line, channelOf(r, !optedOut.has(r.userId), !noEmail.has(r.userId))]),
      );
      const { codes, mails } = dryRun
        ? { codes: new Map<string, IssuedCode>(), mails: 0 }
        : await this.invite(tx, user, placed, channels, titles, noEmail);
      const counts = countChannels(channels);
      // One audit entry per person created or invited, with the scope of the admin who did it.
      await auditRosterPeople(
        tx,
        placed
          .filter((r) => r.status === 'created' || (r.status === 'invited' && r.invitationNew))
          .map((r) => ({
            action: r.status === 'created' ? 'roster.create_account' : 'roster.invite',
            userId: r.userId,
            scope: r.unitPath,
            after: {
              importId,
              ...(r.invitationId ? { invitationId: r.invitationId } : {}),
              courseIds: r.newCourseIds,
              channel: channels.get(r.line),
              adminScope,
            },
          })),
        user.id,
      );
      const report = this.report(importId, dryRun, toReportRows(applied, rejected, channels), counts);
      await completeRosterImport(tx, importId, summaryOf(report), report.rows);
      await appendAudit(tx, {
        actor: user.id,
        action: 'roster.import',
        subjectType: 'roster',
        subjectId: importId,
        after: { rows: records.length, dryRun, courseIds, channels: counts, adminScope },
      });
      return { importId, report, codes, mails };
    });
    if (!dryRun && mails > 0)
      await sendOutboxSoon(this.jobs, this.config.mailTransport, this.logger, 'roster invitation e-mails');
    // The codes appear in this answer only (never stored in the import).
    const rowsWithCodes = report.rows.map((r) => {
      const code = r.userId && r.invitedBy === 'code' ? codes.get(r.userId) : undefined;
      return code ? { ...r, signInCode: { code: code.code, expiresAt: code.expiresAt } } : r;
    });
    return { ...report, importId: dryRun ? null : importId, rows: rowsWithCodes };
  }

  /** The caller's own roster imports, newest first. */
  async imports(user: AuthUser) {
    requireCapability(user, 'roster.import', 'This needs an administrator role.');
    const rows = await rosterImportsOf(this.db, user.id, 100);
    return {
      items: rows.map((r) => ({
        id: r.id,
        courseIds: r.course_ids,
        summary: r.summary,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }

  /** One of the caller's own imports with its rows (someone else's answers 404). */
  async import(user: AuthUser, id: string) {
    requireCapability(user, 'roster.import', 'This needs an administrator role.');
    const row = isUuid(id) ? await rosterImportOf(this.db, id, user.id) : undefined;
    if (!row) throw notFound('roster_import');
    return {
      id: row.id,
      courseIds: row.course_ids,
      summary: row.summary,
      rows: row.rows ?? [],
      createdAt: new Date(row.created_at).toISOString(),
    };
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
    noEmail: Set<string>,
  ): Promise<{ codes: Map<string, IssuedCode>; mails: number }> {
    const by = (channel: InvitationChannel) => placed.filter((r) => channels.get(r.line) === channel);
    const courseTitles = (r: PlacedRosterRow) => r.newCourseIds.map((id) => titles.get(id)!);

    const mailRows = by('email').filter((r) => r.status === 'created');
    const links = new Map(
      (
        await this.links.createLinks(
          tx,
          mailRows.map((r) => r.userId),
          INVITATION_DAYS * 24 * 60,
        )
      ).map((l) => [l.userId, l.link]),
    );
    let mails = await insertOutboxMails(
      tx,
      mailRows.map((r) => {
        const language = messageLanguage(r.language);
        const mail = rosterInvitationEmail(language, {
          displayName: r.name,
          courseTitles: courseTitles(r),
          link: links.get(r.userId)!,
          validDays: INVITATION_DAYS,
        });
        return this.outboxMail(r.email!, language, mail);
      }),
    );

    const issued = await this.codes.issueMany(
      tx,
      by('code').map((r) => r.userId),
      admin.id,
      ROSTER_SIGN_IN_CODE_HOURS,
    );

    // Existing accounts: an invitation they answer themselves (applyRoster lets one account through on one line
    // only, so nobody gets two). In the app unless they turned that off, and by e-mail (no token) if they have one.
    const invitations = placed.filter((r) => r.status === 'invited' && r.invitationNew);
    const vars = (r: PlacedRosterRow) => ({ placeName: r.placeName, courseTitles: courseTitles(r) });
    await insertNotifications(
      tx,
      invitations
        .filter((r) => channels.get(r.line) === 'notification')
        .map((r) => ({
          userId: r.userId,
          kind: 'roster_invitation',
          ...rosterInvitationNotification(vars(r)),
        })),
    );
    mails += await insertOutboxMails(
      tx,
      invitations
        .filter((r) => r.email && !noEmail.has(r.userId))
        .map((r) => {
          const language = messageLanguage(r.language);
          const mail = rosterInvitationToExistingEmail(language, {
            ...vars(r),
            displayName: r.name,
            pageUrl: `${this.config.publicUrl}${INVITATIONS_PAGE}`,
          });
          return this.outboxMail(r.email!, language, mail);
        }),
    );
    return { codes: new Map(issued.map((c) => [c.userId, c])), mails };
  }

  /** One roster e-mail as an outbox row (no dedupe key: each import writes its own). */
  private outboxMail(
    toAddress: string,
    language: string,
    mail: { subject: string; text: string; html: string },
  ) {
    return {
      toAddress,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Content-Language': language },
      dedupeKey: null,
      transport: this.config.mailTransport,
    };
  }

  private report(
    importId: string,
    dryRun: boolean,
    rows: RosterReportRow[],
    channels: RosterReport['channels'],
  ): RosterReport {
    rows.sort((a, b) => a.line - b.line);
    return {
      importId,
      dryRun,
      created: rows.filter((r) => r.status === 'created').length,
      invited: rows.filter((r) => r.status === 'invited').length,
      matched: rows.filter((r) => r.status === 'matched').length,
      rejected: rows.filter((r) => r.status === 'rejected').length,
      channels,
      rows,
    };
  }
}

/**
 * A created account: an e-mail link or a code (domain rule). An invited account: in the app (unless turned
 * off), else by e-mail; an invitation already pending with these courses is not sent again.
 */
function channelOf(r: PlacedRosterRow, inAppEnabled: boolean, emailEnabled: boolean): InvitationChannel {
  if (r.status === 'created') return invitationChannel({ ...r, status: 'created' }, inAppEnabled);
  if (r.status === 'matched' || !r.invitationNew) return 'none';
  if (inAppEnabled) return 'notification';
  return r.email && emailEnabled ? 'email' : 'none';
}

function toReportRows(
  applied: Awaited<ReturnType<typeof applyRoster>>,
  rejected: Array<{ line: number; errors: Array<{ field: string; message: string }> }>,
  channels: Map<number, InvitationChannel>,
): RosterReportRow[] {
  return [
    ...applied.map((r): RosterReportRow => {
      if (r.status === 'rejected')
        return { line: r.line, status: r.status, invitedBy: 'none', errors: r.errors };
      // An invited account's id is not the admin's to know: it is not in their area (yet).
      return {
        line: r.line,
        status: r.status,
        ...(r.status === 'invited' ? {} : { userId: r.userId }),
        invitedBy: channels.get(r.line)!,
      };
    }),
    ...rejected.map((r): RosterReportRow => ({
      line: r.line,
      status: 'rejected',
      invitedBy: 'none',
      errors: r.errors,
    })),
  ];
}

function summaryOf(r: RosterReport) {
  return {
    created: r.created,
    invited: r.invited,
    matched: r.matched,
    rejected: r.rejected,
    channels: r.channels,
  };
}

function countChannels(channels: Map<number, InvitationChannel>): RosterReport['channels'] {
  const invited = { email: 0, code: 0, notification: 0 };
  for (const c of channels.values()) if (c !== 'none') invited[c] += 1;
  return invited;
}
