import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  invitationLinkExpired,
  isUuid,
  localize,
  type Mac,
  MENTOR_INVITATION_LIMITS,
  mentorInvitationRefusal,
  readInvitationLink,
  rolesHolding,
  signInvitationLink,
} from '@hocvuso/domain';
import type { MenteeSummary, MentorInvitation, Mentorship } from '@hocvuso/contracts';
import {
  appendAudit,
  endMentorship,
  holdsAnyRole,
  insertMentorInvitation,
  insertMentorship,
  lockAmbassador,
  lockMentorInvitation,
  menteeSummaries,
  mentorInvitation,
  mentorInvitationCounts,
  type MentorInvitationRow,
  mentorshipBetween,
  mentorshipInForceOf,
  mentorshipsOfMentee,
  type MentorshipRow,
  type Queryable,
  useMentorInvitation,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { GuidedBadgeService } from './guided-badge.service';
import { invitationLinkMac } from './invitation-link-mac';

/** Where the web app answers an invitation link; the token travels in the fragment (never sent to a server log). */
export const MENTOR_INVITATION_PATH = '/dai-su-so/loi-moi';

const toMentorship = (m: MentorshipRow): Mentorship => ({
  id: m.id,
  ambassadorName: m.ambassador_name,
  acceptedAt: new Date(m.accepted_at).toISOString(),
  endedAt: m.ended_at ? new Date(m.ended_at).toISOString() : null,
});

/**
 * Ambassadors and their mentees. An ambassador makes invitation links (signed, expiring, capped per day and
 * open at once); a person opens one and accepts it themselves: that is the consent, and they may end it at any
 * time. Only while it is in force does the ambassador see the mentee's progress summary (name, courses,
 * progress, completed). Every refusal changes nothing.
 */
@Injectable()
export class MentorshipsService {
  private readonly mac: Mac;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(GuidedBadgeService) private readonly badge: GuidedBadgeService,
  ) {
    this.mac = invitationLinkMac(config.cookieSecret);
  }

  private requireAmbassador(db: Queryable, userId: string): Promise<boolean> {
    return holdsAnyRole(db, userId, rolesHolding('ambassador.invite'));
  }

  /** A new invitation link, within the caps (checked under the ambassador's lock, so parallel requests queue). */
  async invite(user: AuthUser): Promise<MentorInvitation> {
    return this.db.transaction(async (tx) => {
      await lockAmbassador(tx, user.id);
      const refusal = mentorInvitationRefusal(await mentorInvitationCounts(tx, user.id));
      if (refusal)
        throw new DomainError(
          refusal,
          'rate_limited',
          refusal === 'MENTOR_INVITATION_DAILY_LIMIT'
            ? `At most ${MENTOR_INVITATION_LIMITS.perDay} invitation links a day.`
            : `At most ${MENTOR_INVITATION_LIMITS.open} unused invitation links at once; wait for some to be used or to expire.`,
          { limits: MENTOR_INVITATION_LIMITS },
        );
      const inv = await insertMentorInvitation(tx, user.id, MENTOR_INVITATION_LIMITS.ttlHours);
      const expiresAt = new Date(inv.expires_at);
      const token = signInvitationLink(
        { kind: 'mentor', invitationId: inv.id, expiresAt: Math.floor(expiresAt.getTime() / 1000) },
        this.mac,
      );
      return {
        id: inv.id,
        token,
        url: `${this.config.publicUrl}${MENTOR_INVITATION_PATH}#${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /** The invitation a token names, if the token is genuine, unexpired and the link is still usable by the caller. */
  private async usable(
    db: Queryable,
    token: string,
    userId: string,
    load: (db: Queryable, id: string) => Promise<MentorInvitationRow | undefined>,
  ): Promise<MentorInvitationRow> {
    const payload = readInvitationLink(token, 'mentor', this.mac);
    if (!payload) throw notFound('invitation');
    if (invitationLinkExpired(payload, new Date()))
      throw new DomainError('INVITATION_EXPIRED', 'gone', 'This invitation link has expired.');
    const inv = await load(db, payload.invitationId);
    if (!inv) throw notFound('invitation');
    if (inv.expired) throw new DomainError('INVITATION_EXPIRED', 'gone', 'This invitation link has expired.');
    if (inv.used_by !== null && inv.used_by !== userId)
      throw new DomainError('INVITATION_USED', 'gone', 'Someone else has already used this invitation link.');
    if (inv.ambassador_id === userId)
      throw new DomainError('MENTOR_SELF', 'validation', 'You cannot accept your own invitation.');
    return inv;
  }

  /** Who invites the caller, before they answer (nothing is recorded). */
  async preview(user: AuthUser, token: string) {
    const inv = await this.usable(this.db, token, user.id, mentorInvitation);
    return { ambassadorName: inv.ambassador_name, expiresAt: new Date(inv.expires_at).toISOString() };
  }

  /**
   * Accepts: one mentorship per ambassador and person (a second link from the same ambassador is refused), at most
   * one in force per person, never oneself, and only while the inviter is still an ambassador.
   */
  async accept(user: AuthUser, token: string): Promise<Mentorship> {
    return this.db.transaction(async (tx) => {
      const inv = await this.usable(tx, token, user.id, lockMentorInvitation);
      if (!(await this.requireAmbassador(tx, inv.ambassador_id))) throw notFound('invitation');
      const existing = await mentorshipBetween(tx, inv.ambassador_id, user.id);
      if (existing)
        throw new ConflictError(
          'MENTORSHIP_EXISTS',
          existing.ended_at
            ? 'You ended your mentorship with this ambassador; it cannot be started again.'
            : 'This ambassador already guides you.',
        );
      if (await mentorshipInForceOf(tx, user.id))
        throw new ConflictError(
          'MENTEE_HAS_AMBASSADOR',
          'Another ambassador guides you already; end that first if you want to change.',
        );
      if ((await useMentorInvitation(tx, inv.id, user.id)) === 0)
        throw new DomainError(
          'INVITATION_USED',
          'gone',
          'Someone else has already used this invitation link.',
        );
      const m = await insertMentorship(tx, {
        ambassadorId: inv.ambassador_id,
        menteeId: user.id,
        invitationId: inv.id,
      });
      if (!m) throw new ConflictError('MENTORSHIP_EXISTS', 'This ambassador already guides you.');
      await appendAudit(tx, {
        actor: user.id,
        action: 'mentorship.accept',
        subjectType: 'user',
        subjectId: user.id,
        after: { mentorshipId: m.id, ambassadorId: inv.ambassador_id },
      });
      return {
        id: m.id,
        ambassadorName: inv.ambassador_name,
        acceptedAt: new Date(m.accepted_at).toISOString(),
        endedAt: null,
      };
    });
  }

  async mine(user: AuthUser): Promise<{ items: Mentorship[] }> {
    return { items: (await mentorshipsOfMentee(this.db, user.id)).map(toMentorship) };
  }

  /** The mentee ends their mentorship: the ambassador no longer sees them (what they completed before still counts). */
  async end(user: AuthUser, id: string): Promise<{ endedAt: string }> {
    return this.db.transaction(async (tx) => {
      const endedAt = isUuid(id) ? await endMentorship(tx, id, user.id) : undefined;
      if (!endedAt) throw notFound('mentorship');
      await appendAudit(tx, {
        actor: user.id,
        action: 'mentorship.end',
        subjectType: 'user',
        subjectId: user.id,
        after: { mentorshipId: id },
      });
      return { endedAt: new Date(endedAt).toISOString() };
    });
  }

  /** The ambassador's mentees in force, each with the progress summary and whether they count as guided. */
  async mentees(user: AuthUser, lang: string): Promise<{ items: MenteeSummary[] }> {
    const guided = new Set(await this.badge.guided(this.db, user.id));
    const rows = await menteeSummaries(this.db, user.id);
    return {
      items: rows.map((r) => ({
        mentorshipId: r.mentorship_id,
        displayName: r.display_name,
        acceptedAt: new Date(r.accepted_at).toISOString(),
        guided: guided.has(r.mentee_id),
        courses: r.courses.map((c) => ({
          courseId: c.courseId,
          title: localize(c.title as { vi: string }, lang),
          progressPercent: c.completed
            ? 100
            : c.totalLessons > 0
              ? Math.min(99, Math.floor((100 * c.completedLessons) / c.totalLessons))
              : 0,
          completed: c.completed,
        })),
      })),
    };
  }
}
