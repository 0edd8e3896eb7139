import { Injectable } from '@nestjs/common';
import {
  eraseOidcIdentities,
  erasePasswordResetTokens,
  erasePendingOidcLinks,
  eraseSessions,
  eraseSignInCodes,
  erasePhoneCodes,
  linkedProvidersForExport,
  type Queryable,
  sessionsForExport,
} from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/**
 * The means of signing in (auth and identity): linked providers and sessions are exported (never a token hash);
 * de-identification removes every one of them, reset tokens and one-time codes included.
 */
@Injectable()
export class SignInPrivacySection implements PrivacySection {
  readonly name = 'sign-in';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<Pick<PersonalDataSections, 'linkedProviders' | 'sessions'>> {
    const [links, sessions] = await Promise.all([
      linkedProvidersForExport(db, userId),
      sessionsForExport(db, userId),
    ]);
    return {
      linkedProviders: links.map((l) => ({
        provider: l.provider,
        subject: l.subject,
        acr: l.acr,
        amr: l.amr,
        authTime: isoTimeOrNull(l.auth_time),
        linkedAt: isoTime(l.linked_at),
        lastLoginAt: isoTime(l.last_login_at),
      })),
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: isoTime(s.created_at),
        signedInAt: isoTime(s.authenticated_at),
        lastSeenAt: isoTime(s.last_seen_at),
        expiresAt: isoTime(s.expires_at),
        revokedAt: isoTimeOrNull(s.revoked_at),
        replacedAt: isoTimeOrNull(s.rotated_at),
        userAgent: s.user_agent,
        authMethod: s.auth_method,
      })),
    };
  }

  async deidentify(tx: Queryable, { userId }: DeidentificationSubject): Promise<void> {
    await eraseOidcIdentities(tx, userId);
    await erasePendingOidcLinks(tx, userId);
    await eraseSessions(tx, userId);
    await erasePasswordResetTokens(tx, userId);
    await eraseSignInCodes(tx, userId);
    await erasePhoneCodes(tx, userId);
  }
}
