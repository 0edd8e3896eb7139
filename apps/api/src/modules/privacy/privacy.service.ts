import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
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
import {
  accountToDelete,
  appendAudit,
  deidentificationTarget,
  heldStaffGrants,
  lockAccountForDeidentification,
  type Queryable,
  withdrawableCertificates,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { verifyPassword } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { CredentialsService } from '../credentials/credentials.service';
import { assemblePersonalDataExport, type PersonalDataExport } from './personal-data-export';
import { PRIVACY_SECTIONS, type PrivacySection } from './privacy-section';

/** Accounts without a password prove themselves by a sign-in this recent before deleting. */
export const RECENT_SIGN_IN_MINUTES = 10;

/**
 * The person's rights over their data: a JSON export of everything the platform holds about them, and
 * deletion by de-identification. Both are assembled from the privacy sections each context contributes
 * (PRIVACY_SECTIONS, in the order of privacy-sections.ts): every section gives its keys of the export and erases
 * what identifies the person in its tables. De-identifying removes what identifies the person (name, e-mail,
 * phone, password, provider links, sessions, inbox) but keeps what others rely on: learning records and the
 * profile's unit and target groups (coverage statistics), consents (the legal record), certificates (they
 * carry the name frozen at issue and stay verifiable) and the audit log.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
    @Inject(PRIVACY_SECTIONS) private readonly sections: readonly PrivacySection[],
  ) {}

  /** Everything held about the caller, every section's keys in the format's order; audited. */
  async export(user: AuthUser): Promise<PersonalDataExport> {
    const parts = await Promise.all(this.sections.map((s) => s.exportFor(this.db, user.id)));
    const result = assemblePersonalDataExport(new Date(), parts);
    await appendAudit(this.db, {
      actor: user.id,
      action: 'learner.export',
      subjectType: 'user',
      subjectId: user.id,
      scope: result.profile?.unit?.path ?? null,
    });
    return result;
  }

  /**
   * The person deletes their own account: with the password, or (an account without one: provider or
   * one-time-code sign-ins) a sign-in within the last ten minutes.
   */
  async deleteOwn(user: AuthUser, password: string | undefined, withdrawCertificates = false): Promise<void> {
    const row = await accountToDelete(this.db, user.id);
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
    this.sessions.forget(user.id);
  }

  /**
   * The holder withdraws their own issued certificates before their account is deleted: each is revoked
   * through the credentials service (status list bit, re-signed list, audit), acting for the holder. It is
   * the holder's right over their own certificates, so the service is given a reach over exactly these.
   * A retry after a failure skips the ones revoked already.
   */
  private async withdrawCertificates(userId: string): Promise<number> {
    const certs = await withdrawableCertificates(this.db, userId);
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
    const target = isUuid(userId) ? await deidentificationTarget(this.db, userId) : undefined;
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
    const grants = await heldStaffGrants(this.db, userId);
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
    this.sessions.forget(userId);
  }

  /**
   * Removes what identifies the person, inside the caller's transaction: locks the account row (a second,
   * concurrent de-identification waits and then finds it done), then every section in order. Returns the unit
   * path the profile section kept (the audit scope).
   */
  private async deidentify(tx: Queryable, userId: string): Promise<string | null> {
    const account = await lockAccountForDeidentification(tx, userId);
    if (!account) throw new ConflictError('ALREADY_DEIDENTIFIED', 'This account was de-identified already.');
    let scope: string | null = null;
    for (const section of this.sections) {
      const outcome = await section.deidentify(tx, { userId, formerEmail: account.email });
      if (outcome) scope = outcome.auditScope;
    }
    return scope;
  }
}
