import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  HOUSEHOLD_INVITATION_LIMITS,
  householdGuides,
  householdHasTrainedGuide,
  householdInvitationRefusal,
  invitationLinkExpired,
  localize,
  type Mac,
  memberTrained,
  readInvitationLink,
  rolesHolding,
  signInvitationLink,
  ValidationError,
} from '@hocvuso/domain';
import type { CreateHouseholdInput, MyHousehold } from '@hocvuso/contracts';
import {
  ambassadorCandidate,
  appendAudit,
  householdInvitation,
  householdInvitationCounts,
  type HouseholdInvitationRow,
  householdMembers,
  householdOf,
  insertHouseholdInvitation,
  insertHouseholdMember,
  leaveHousehold,
  lockHouseholdByCode,
  lockHouseholdInvitation,
  lockHouseholdInviter,
  type Queryable,
  setHouseholdGuide,
  useHouseholdInvitation,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { invitationLinkMac } from '../ambassadors/invitation-link-mac';

/** Where the web app answers a household invitation link (the token in the fragment). */
export const HOUSEHOLD_INVITATION_PATH = '/gia-dinh-so/loi-moi';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () =>
  `GD-${[...randomBytes(6)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;

/**
 * Digital families. A person starts a household in their own unit or joins one only by accepting a member's
 * invitation link themselves: nobody, not a member, a helper or an administrator, puts anyone in a household.
 * Members see each other's learning (courses completed and in progress) and name who guides them; leaving is
 * always possible. One household per person.
 */
@Injectable()
export class HouseholdsService {
  private readonly mac: Mac;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.mac = invitationLinkMac(config.cookieSecret);
  }

  async mine(user: AuthUser, lang: string): Promise<MyHousehold> {
    const h = await householdOf(this.db, user.id);
    if (!h) return { household: null };
    const rows = await householdMembers(this.db, h.household_id, rolesHolding('ambassador.invite'));
    const facts = rows.map((r) => ({
      userId: r.user_id,
      completedCourses: r.completed.length,
      isAmbassador: r.ambassador,
      guidedBy: r.guided_by,
    }));
    const guides = new Set(householdGuides(facts));
    return {
      household: {
        id: h.household_id,
        code: h.code,
        unit: { id: h.unit_id, name: h.unit_name },
        hasTrainedGuide: householdHasTrainedGuide(facts),
        members: rows.map((r) => ({
          userId: r.user_id,
          displayName: r.display_name,
          me: r.user_id === user.id,
          joinedAt: new Date(r.joined_at).toISOString(),
          completedCourses: r.completed.map((c) => ({
            courseId: c.courseId,
            title: localize(c.title as { vi: string }, lang),
          })),
          coursesInProgress: r.in_progress,
          trained: memberTrained({ completedCourses: r.completed.length }),
          guides: guides.has(r.user_id),
          ambassador: r.ambassador,
          guidedBy: r.guided_by,
        })),
      },
    };
  }

  /**
   * Starts a household in the caller's unit. A code another household of the unit uses with members is refused
   * (joining it needs one of its members' invitation); a code nobody is a member of (from before) is taken over.
   */
  async create(user: AuthUser, body: CreateHouseholdInput, lang: string): Promise<MyHousehold> {
    await this.db.transaction(async (tx) => {
      const person = await ambassadorCandidate(tx, user.id);
      if (!person?.unit_id)
        throw new ValidationError(
          'HOUSEHOLD_NEEDS_UNIT',
          'Choose your commune or ward in your profile first: a household belongs to one.',
        );
      if (await householdOf(tx, user.id))
        throw new ConflictError(
          'HOUSEHOLD_MEMBER_ALREADY',
          'You already belong to a household; leave it first.',
        );
      const code = (body.code ?? newCode()).normalize('NFC');
      const h = await lockHouseholdByCode(tx, person.unit_id, code);
      if (h.members > 0)
        throw new ConflictError(
          'HOUSEHOLD_CODE_TAKEN',
          'A household of your commune has this code; ask one of its members for an invitation link.',
        );
      if (!(await insertHouseholdMember(tx, user.id, h.id)))
        throw new ConflictError(
          'HOUSEHOLD_MEMBER_ALREADY',
          'You already belong to a household; leave it first.',
        );
      await appendAudit(tx, {
        actor: user.id,
        action: 'household.create',
        subjectType: 'user',
        subjectId: user.id,
        scope: person.unit_path,
        after: { householdId: h.id },
      });
    });
    return this.mine(user, lang);
  }

  async leave(user: AuthUser): Promise<{ left: boolean }> {
    return this.db.transaction(async (tx) => {
      const householdId = await leaveHousehold(tx, user.id);
      if (!householdId) throw notFound('household');
      await appendAudit(tx, {
        actor: user.id,
        action: 'household.leave',
        subjectType: 'user',
        subjectId: user.id,
        after: { householdId },
      });
      return { left: true };
    });
  }

  /** The caller names who in their household guides them (only a member of the same household, never oneself). */
  async setGuide(user: AuthUser, guideUserId: string | null, lang: string): Promise<MyHousehold> {
    if (!(await householdOf(this.db, user.id))) throw notFound('household');
    if ((await setHouseholdGuide(this.db, user.id, guideUserId)) === 0) throw notFound('member');
    return this.mine(user, lang);
  }

  /** A member's invitation link for one person (capped per day and open at once). */
  async invite(user: AuthUser) {
    return this.db.transaction(async (tx) => {
      const h = await householdOf(tx, user.id);
      if (!h) throw notFound('household');
      await lockHouseholdInviter(tx, user.id);
      const refusal = householdInvitationRefusal(await householdInvitationCounts(tx, user.id));
      if (refusal)
        throw new DomainError(
          refusal,
          'rate_limited',
          'Too many household invitation links; try again later.',
          {
            limits: HOUSEHOLD_INVITATION_LIMITS,
          },
        );
      const inv = await insertHouseholdInvitation(
        tx,
        h.household_id,
        user.id,
        HOUSEHOLD_INVITATION_LIMITS.ttlHours,
      );
      const expiresAt = new Date(inv.expires_at);
      const token = signInvitationLink(
        { kind: 'household', invitationId: inv.id, expiresAt: Math.floor(expiresAt.getTime() / 1000) },
        this.mac,
      );
      return {
        id: inv.id,
        token,
        url: `${this.config.publicUrl}${HOUSEHOLD_INVITATION_PATH}#${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  private async usable(
    db: Queryable,
    token: string,
    userId: string,
    load: (db: Queryable, id: string) => Promise<HouseholdInvitationRow | undefined>,
  ): Promise<HouseholdInvitationRow> {
    const payload = readInvitationLink(token, 'household', this.mac);
    if (!payload) throw notFound('invitation');
    const expired = () => new DomainError('INVITATION_EXPIRED', 'gone', 'This invitation link has expired.');
    if (invitationLinkExpired(payload, new Date())) throw expired();
    const inv = await load(db, payload.invitationId);
    if (!inv || !inv.inviter_member) throw notFound('invitation');
    if (inv.expired) throw expired();
    if (inv.used_by !== null && inv.used_by !== userId)
      throw new DomainError('INVITATION_USED', 'gone', 'Someone else has already used this invitation link.');
    return inv;
  }

  async preview(user: AuthUser, token: string) {
    const inv = await this.usable(this.db, token, user.id, householdInvitation);
    return {
      inviterName: inv.inviter_name,
      unitName: inv.unit_name,
      expiresAt: new Date(inv.expires_at).toISOString(),
    };
  }

  /** The caller accepts and joins: the only way anyone becomes a member of an existing household. */
  async accept(user: AuthUser, token: string, lang: string): Promise<MyHousehold> {
    await this.db.transaction(async (tx) => {
      const inv = await this.usable(tx, token, user.id, lockHouseholdInvitation);
      const current = await householdOf(tx, user.id);
      if (current?.household_id === inv.household_id)
        throw new ConflictError('HOUSEHOLD_MEMBER_ALREADY', 'You already belong to this household.');
      if (current)
        throw new ConflictError(
          'HOUSEHOLD_MEMBER_ELSEWHERE',
          'You belong to another household; leave it first.',
        );
      if ((await useHouseholdInvitation(tx, inv.id, user.id)) === 0)
        throw new DomainError(
          'INVITATION_USED',
          'gone',
          'Someone else has already used this invitation link.',
        );
      if (!(await insertHouseholdMember(tx, user.id, inv.household_id)))
        throw new ConflictError(
          'HOUSEHOLD_MEMBER_ELSEWHERE',
          'You belong to another household; leave it first.',
        );
      await appendAudit(tx, {
        actor: user.id,
        action: 'household.join',
        subjectType: 'user',
        subjectId: user.id,
        after: { householdId: inv.household_id, invitationId: inv.id },
      });
    });
    return this.mine(user, lang);
  }
}
