import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BASE_ROLE,
  ConflictError,
  DomainError,
  ForbiddenError,
  grantRefusal,
  isRole,
  NotFoundError,
  reaches,
  unlimitedGrant,
  ValidationError,
  isUuid,
} from '@hocvuso/domain';
import { appendAudit, rowsOf } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { verifyPassword } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { CredentialsService } from '../credentials/credentials.service';

type Db = Pick<DataSource, 'query'>;

/** The name a de-identified account keeps (certificates keep the name frozen at issue). */
export const DEIDENTIFIED_NAME = 'Người học đã xoá';
/** Accounts without a password prove themselves by a sign-in this recent before deleting. */
export const RECENT_SIGN_IN_MINUTES = 10;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The person's rights over their data: a JSON export of everything the platform holds about them, and
 * deletion by de-identification. De-identifying removes what identifies the person (name, e-mail, phone,
 * password, provider links, sessions, inbox) but keeps what others rely on: learning records and the
 * profile's unit and target groups (coverage statistics), consents (the legal record), certificates (they
 * carry the name frozen at issue and stay verifiable) and the audit log.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
  ) {}

  async export(user: AuthUser) {
    const q = <T = Record<string, unknown>>(sql: string) => this.db.query(sql, [user.id]) as Promise<T[]>;
    const [account] = await q<{
      id: string;
      display_name: string;
      email: string | null;
      phone: string | null;
      language: string;
      pseudonym: string;
      identity_verified: boolean;
      identity_assurance: string | null;
      has_password: boolean;
      created_at: Date;
    }>(
      `SELECT id, display_name, email, phone, language, pseudonym, identity_verified, identity_assurance,
              password_hash IS NOT NULL AS has_password, created_at
         FROM users WHERE id = $1`,
    );
    const [profile] = await q(
      `SELECT lp.target_groups, lp.sub_groups, lp.accessibility, lp.updated_at, au.id AS unit_id, au.name AS unit_name, au.path AS unit_path,
              o.id AS organisation_id, o.name AS organisation_name, h.code AS household_code
         FROM learner_profiles lp
         LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
         LEFT JOIN households h ON h.id = lp.household_id
        WHERE lp.user_id = $1`,
    );
    const [
      roles,
      consents,
      links,
      enrolments,
      lessonProgress,
      videoProgress,
      quizAttempts,
      certificates,
      notifications,
      preferences,
      sessions,
    ] = await Promise.all([
      q(`SELECT g.role, au.name AS unit, o.name AS organisation, g.granted_at FROM role_grants g
           LEFT JOIN administrative_units au ON au.id = g.unit_id LEFT JOIN organisations o ON o.id = g.organisation_id
          WHERE g.user_id = $1 AND g.revoked_at IS NULL ORDER BY g.granted_at`),
      q(
        `SELECT purpose, text_version, channel, granted, recorded_by IS NOT NULL AS recorded_by_helper, at FROM consents WHERE user_id = $1 ORDER BY at`,
      ),
      q(
        `SELECT provider, subject, acr, amr, auth_time, linked_at, last_login_at FROM oidc_identities WHERE user_id = $1 ORDER BY linked_at`,
      ),
      q(`SELECT e.id, e.course_id, v.title AS course_title, e.status, e.enrolled_at, e.last_activity_at, e.completed_at
           FROM enrolments e JOIN courses c ON c.id = e.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
          WHERE e.user_id = $1 ORDER BY e.enrolled_at`),
      q(`SELECT lp.lesson_revision_id, lr.lesson_key, lr.course_id, lp.status, lp.passed, lp.state, lp.started_at, lp.completed_at, lp.updated_at
           FROM lesson_progress lp LEFT JOIN lesson_revisions lr ON lr.id = lp.lesson_revision_id
          WHERE lp.user_id = $1 ORDER BY lp.started_at`),
      q(
        `SELECT lesson_revision_id, watched::text AS watched, position, heartbeats, last_heartbeat_at, completed_at FROM video_progress WHERE user_id = $1 ORDER BY last_heartbeat_at`,
      ),
      q(`SELECT id, lesson_revision_id, attempt_no, started_at, deadline_at, submitted_at, answers, score_percent, passed
           FROM quiz_attempts WHERE user_id = $1 ORDER BY started_at`),
      q(`SELECT id, serial, course_id, issued_at, CASE WHEN status_state IN ('revoked', 'suspended') THEN status_state WHEN issued_at IS NOT NULL THEN 'valid' ELSE 'issuing' END AS status
           FROM certificates WHERE user_id = $1 ORDER BY created_at`),
      q(
        `SELECT kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at`,
      ),
      q(
        `SELECT email_enabled, in_app_enabled, reminders_enabled FROM notification_preferences WHERE user_id = $1`,
      ),
      q(`SELECT id, created_at, authenticated_at, last_seen_at, expires_at, revoked_at, rotated_at, user_agent, auth_method
           FROM sessions WHERE user_id = $1 ORDER BY created_at`),
    ]);
    const base = this.config.publicUrl;
    const result = {
      format: 'hocvuso-personal-data/1',
      generatedAt: new Date().toISOString(),
      account: {
        id: account!.id,
        displayName: account!.display_name,
        email: account!.email,
        phone: account!.phone,
        language: account!.language,
        /** The pseudonymous id under which learning records (xAPI) are kept. */
        pseudonym: account!.pseudonym,
        identityVerified: account!.identity_verified,
        identityAssurance: account!.identity_assurance,
        hasPassword: account!.has_password,
        createdAt: iso(account!.created_at),
      },
      profile: profile
        ? {
            targetGroups: profile.target_groups,
            subGroups: profile.sub_groups,
            accessibility: profile.accessibility,
            unit: profile.unit_id
              ? { id: profile.unit_id, name: profile.unit_name, path: profile.unit_path }
              : null,
            organisation: profile.organisation_id
              ? { id: profile.organisation_id, name: profile.organisation_name }
              : null,
            householdCode: (profile.household_code as string | null) ?? null,
            updatedAt: iso(profile.updated_at as Date),
          }
        : null,
      roles: roles.map((r) => ({
        role: r.role,
        unit: r.unit,
        organisation: r.organisation,
        grantedAt: iso(r.granted_at as Date),
      })),
      consents: consents.map((c) => ({
        purpose: c.purpose,
        textVersion: c.text_version,
        channel: c.channel,
        granted: c.granted,
        recordedByHelper: c.recorded_by_helper,
        at: iso(c.at as Date),
      })),
      linkedProviders: links.map((l) => ({
        provider: l.provider,
        subject: l.subject,
        acr: l.acr,
        amr: l.amr,
        authTime: iso(l.auth_time as Date | null),
        linkedAt: iso(l.linked_at as Date),
        lastLoginAt: iso(l.last_login_at as Date),
      })),
      enrolments: enrolments.map((e) => ({
        id: e.id,
        courseId: e.course_id,
        courseTitle: e.course_title,
        status: e.status,
        enrolledAt: iso(e.enrolled_at as Date),
        lastActivityAt: iso(e.last_activity_at as Date),
        completedAt: iso(e.completed_at as Date | null),
      })),
      lessonProgress: lessonProgress.map((p) => ({
        lessonRevisionId: p.lesson_revision_id,
        courseId: p.course_id,
        lessonKey: p.lesson_key,
        status: p.status,
        passed: p.passed,
        state: p.state,
        startedAt: iso(p.started_at as Date),
        completedAt: iso(p.completed_at as Date | null),
      })),
      videoProgress: videoProgress.map((v) => ({
        lessonRevisionId: v.lesson_revision_id,
        /** The watched intervals (seconds), as a multirange. */
        watchedIntervals: v.watched,
        position: Number(v.position),
        heartbeats: v.heartbeats,
        lastHeartbeatAt: iso(v.last_heartbeat_at as Date),
        completedAt: iso(v.completed_at as Date | null),
      })),
      quizAttempts: quizAttempts.map((a) => ({
        id: a.id,
        lessonRevisionId: a.lesson_revision_id,
        attemptNo: a.attempt_no,
        startedAt: iso(a.started_at as Date),
        deadlineAt: iso(a.deadline_at as Date | null),
        submittedAt: iso(a.submitted_at as Date | null),
        /** The learner's own answers, by question id. */
        answers: a.answers,
        scorePercent: a.score_percent === null ? null : Number(a.score_percent),
        passed: a.passed,
      })),
      certificates: certificates.map((c) => ({
        id: c.id,
        serial: c.serial,
        courseId: c.course_id,
        status: c.status,
        issuedAt: iso(c.issued_at as Date | null),
        verifyUrl: `${base}/verify/${c.id as string}`,
      })),
      notifications: notifications.map((n) => ({
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: iso(n.created_at as Date),
        readAt: iso(n.read_at as Date | null),
      })),
      notificationPreferences: preferences[0]
        ? {
            emailEnabled: preferences[0].email_enabled,
            inAppEnabled: preferences[0].in_app_enabled,
            remindersEnabled: preferences[0].reminders_enabled,
          }
        : null,
      /** Signed-in browsers (token hashes are never exported). */
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: iso(s.created_at as Date),
        signedInAt: iso(s.authenticated_at as Date),
        lastSeenAt: iso(s.last_seen_at as Date),
        expiresAt: iso(s.expires_at as Date),
        revokedAt: iso(s.revoked_at as Date | null),
        replacedAt: iso(s.rotated_at as Date | null),
        userAgent: s.user_agent,
        authMethod: s.auth_method,
      })),
    };
    await appendAudit(this.db, {
      actor: user.id,
      action: 'learner.export',
      subjectType: 'user',
      subjectId: user.id,
      scope: (profile?.unit_path as string | null) ?? null,
    });
    return result;
  }

  /**
   * The person deletes their own account: with the password, or (an account without one: provider or
   * one-time-code sign-ins) a sign-in within the last ten minutes.
   */
  async deleteOwn(user: AuthUser, password: string | undefined, withdrawCertificates = false): Promise<void> {
    const [row]: Array<{ password_hash: string | null }> = await this.db.query(
      `SELECT password_hash FROM users WHERE id = $1 AND deidentified_at IS NULL`,
      [user.id],
    );
    if (!row) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'There is no such account.');
    if (row.password_hash) {
      if (!password)
        throw new ValidationError('PASSWORD_REQUIRED', 'Enter your password to delete your account.');
      if (!(await verifyPassword(row.password_hash, password)))
        throw new ForbiddenError('PASSWORD_INCORRECT', 'The password is not right.');
    } else {
      const fresh = await this.sessions.freshness(user.sessionId, RECENT_SIGN_IN_MINUTES);
      if (!fresh.recent)
        throw new ForbiddenError(
          'REAUTHENTICATION_REQUIRED',
          'Sign in again, then delete your account within ten minutes.',
        );
    }
    const withdrawn = withdrawCertificates ? await this.withdrawCertificates(user.id) : 0;
    await this.db.transaction(async (tx) => {
      const scope = await this.deidentify(tx, user.id);
      await appendAudit(tx, {
        actor: user.id,
        action: 'account.deidentify',
        subjectType: 'user',
        subjectId: user.id,
        scope,
        after: { by: 'self', withdrawnCertificates: withdrawn },
      });
    });
  }

  /**
   * The holder withdraws their own issued certificates before their account is deleted: each is revoked
   * through the credentials service (status list bit, re-signed list, audit), acting for the holder. It is
   * the holder's right over their own certificates, so the service is given a reach over exactly these.
   * A retry after a failure skips the ones revoked already.
   */
  private async withdrawCertificates(userId: string): Promise<number> {
    const certs: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM certificates WHERE user_id = $1 AND issued_at IS NOT NULL AND status_state IS DISTINCT FROM 'revoked' ORDER BY created_at`,
      [userId],
    );
    const grant = unlimitedGrant('certificate.changeStatus');
    const holder = { id: userId, roles: [grant.role], grants: [grant] };
    for (const c of certs)
      await this.credentials.changeStatus(holder, c.id, {
        action: 'revoke',
        reason: 'Withdrawn by the holder on deleting their account',
      });
    return certs.length;
  }

  /** An administrator de-identifies a learner of their area (404 outside it), with a reason. */
  async deidentifyByAdmin(admin: AuthUser, userId: string, reason: string): Promise<void> {
    requireCapability(admin, 'learner.deidentify', 'This needs an administrator role.');
    const notFound = () => new NotFoundError('LEARNER_NOT_FOUND', 'There is no such learner.');
    const [target]: Array<{
      unit_path: string | null;
      organisation_id: string | null;
      deidentified: boolean;
    }> = isUuid(userId)
      ? await this.db.query(
          `SELECT lp.unit_path, lp.organisation_id, u.deidentified_at IS NOT NULL AS deidentified
             FROM learner_profiles lp JOIN users u ON u.id = lp.user_id WHERE lp.user_id = $1`,
          [userId],
        )
      : [];
    if (
      !target ||
      !reaches(admin.grants, 'learner.deidentify', {
        unitPath: target.unit_path,
        organisationId: target.organisation_id,
      })
    )
      throw notFound();
    if (target.deidentified)
      throw new ConflictError('ALREADY_DEIDENTIFIED', 'This account was de-identified already.');
    // Nobody removes a person who holds a role they could not grant themselves (a peer or higher administrator).
    const grants: Array<{ role: string; unit_path: string | null; organisation_id: string | null }> =
      await this.db.query(
        `SELECT g.role, au.path AS unit_path, g.organisation_id FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id
        WHERE g.user_id = $1 AND g.revoked_at IS NULL AND g.role <> $2`,
        [userId, BASE_ROLE],
      );
    const refused = grants.some(
      (g) =>
        isRole(g.role) &&
        grantRefusal(admin.grants, g.role, { unitPath: g.unit_path, organisationId: g.organisation_id }),
    );
    if (refused)
      throw new DomainError(
        'DEIDENTIFY_REFUSED',
        'forbidden',
        'This person holds a role you cannot grant; ask a higher administrator.',
      );
    await this.db.transaction(async (tx) => {
      const scope = await this.deidentify(tx, userId);
      await appendAudit(tx, {
        actor: admin.id,
        action: 'account.deidentify',
        subjectType: 'user',
        subjectId: userId,
        scope,
        after: { by: 'admin' },
        reason,
      });
    });
  }

  /** Removes what identifies the person; returns the unit path (the audit scope). */
  private async deidentify(tx: Db, userId: string): Promise<string | null> {
    const [user]: Array<{ email: string | null }> = await tx.query(
      `SELECT email FROM users WHERE id = $1 AND deidentified_at IS NULL FOR UPDATE`,
      [userId],
    );
    if (!user) throw new ConflictError('ALREADY_DEIDENTIFIED', 'This account was de-identified already.');
    await tx.query(
      `UPDATE users SET display_name = $2, email = NULL, phone = NULL, password_hash = NULL, identity_verified = false, identity_assurance = NULL,
              failed_sign_ins = 0, locked_until = NULL, deidentified_at = now(), updated_at = now()
        WHERE id = $1`,
      [userId, DEIDENTIFIED_NAME],
    );
    // Sign-in means, links and the inbox go.
    await tx.query(`DELETE FROM oidc_identities WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM oidc_pending_links WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM password_reset_tokens WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM sign_in_codes WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
    // Invitations nobody can answer any more.
    await tx.query(`DELETE FROM roster_invitations WHERE user_id = $1 AND status = 'pending'`, [userId]);
    // Nothing is sent to the account any more: every channel off.
    await tx.query(
      `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, false, false, false)
       ON CONFLICT (user_id) DO UPDATE SET email_enabled = false, in_app_enabled = false, reminders_enabled = false, updated_at = now()`,
      [userId],
    );
    if (user.email) await tx.query(`DELETE FROM mail_outbox WHERE to_address = $1`, [user.email]);
    await tx.query(
      `UPDATE role_grants SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND role <> $2`,
      [userId, BASE_ROLE],
    );
    // The profile keeps only its place and target groups (the denominators of coverage statistics).
    const [profile] = rowsOf<{ unit_path: string | null }>(
      await tx.query(
        `UPDATE learner_profiles SET sub_groups = '{}', organisation_id = NULL, household_id = NULL, accessibility = '{}', updated_at = now()
          WHERE user_id = $1 RETURNING unit_path`,
        [userId],
      ),
    );
    return profile?.unit_path ?? null;
  }
}
