import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AMBASSADOR_ACHIEVEMENT,
  ambassadorEligible,
  ConflictError,
  DomainError,
  GUIDED_GOAL,
  grantRefusal,
  isUuid,
  localize,
  MENTOR_INVITATION_LIMITS,
  reaches,
  requiredCoursesFor,
  rolesHolding,
  scopeFor,
} from '@hocvuso/domain';
import type { AmbassadorPage, Nomination } from '@hocvuso/contracts';
import {
  achievementState,
  ambassadorCandidate,
  ambassadorRequirements,
  appendAudit,
  approvePendingNominationsOf,
  type CandidateRow,
  completedCourseIds,
  courseTitles,
  decideNomination,
  holdsAnyRole,
  insertNomination,
  insertRoleGrant,
  latestNominationOf,
  lockPendingNomination,
  type NominationRow,
  pendingNominations,
  type Queryable,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { GuidedBadgeService } from './guided-badge.service';

/** The role an approval grants: the one that holds the ambassador's capability in the permission table. */
const ambassadorRole = () => rolesHolding('ambassador.invite')[0]!;

const toNomination = (r: NominationRow): Nomination => ({
  id: r.id,
  userId: r.user_id,
  displayName: r.display_name,
  status: r.status,
  unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
  createdAt: new Date(r.created_at).toISOString(),
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
});

/**
 * Becoming an ambassador: the caller's standing (required courses, nomination, role), self-nomination, and an
 * administrator's approval or direct naming in their area. Either way the person must have completed the
 * required courses (re-checked at the decision) and be placed where the administrator reaches; the role is a
 * scoped grant of the person's own unit (or organisation), refused by grantRefusal like any other grant.
 */
@Injectable()
export class AmbassadorStandingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(GuidedBadgeService) private readonly badge: GuidedBadgeService,
  ) {}

  private async eligibility(db: Queryable, person: CandidateRow) {
    const required = requiredCoursesFor(await ambassadorRequirements(db), person.target_groups);
    const completed = await completedCourseIds(db, person.user_id);
    return { required, completed, eligible: ambassadorEligible(required, completed) };
  }

  async page(user: AuthUser, lang: string): Promise<AmbassadorPage> {
    const person = await ambassadorCandidate(this.db, user.id);
    if (!person) throw notFound('learner');
    const { required, completed, eligible } = await this.eligibility(this.db, person);
    const titles = new Map((await courseTitles(this.db, required)).map((c) => [c.id, c.title]));
    const isAmbassador = await holdsAnyRole(this.db, user.id, rolesHolding('ambassador.invite'));
    const nomination = await latestNominationOf(this.db, user.id);
    // The page settles a badge whose request a missed completion left unwritten (the role granted afterwards).
    let guided: string[];
    let announce: string | undefined;
    if (isAmbassador) {
      announce = await this.db.transaction((tx) => this.badge.award(tx, user.id));
      guided = await this.badge.guided(this.db, user.id);
    } else guided = await this.badge.guided(this.db, user.id);
    if (announce) await this.badge.announce([announce]);
    const state = await achievementState(this.db, user.id, AMBASSADOR_ACHIEVEMENT.id);
    return {
      standing: isAmbassador
        ? 'active'
        : nomination?.status === 'pending'
          ? 'nominated'
          : eligible
            ? 'eligible'
            : 'not_eligible',
      requirements: required.map((courseId) => ({
        courseId,
        title: localize((titles.get(courseId) as { vi: string } | undefined) ?? { vi: courseId }, lang),
        completed: completed.includes(courseId),
      })),
      placed: person.unit_id !== null || person.organisation_id !== null,
      guided: guided.length,
      goal: GUIDED_GOAL,
      badge: state
        ? {
            status:
              state.status_state ?? (state.issued_at ? 'valid' : state.failed_at ? 'failed' : 'issuing'),
            certificateId: state.certificate_id,
            verifyUrl:
              state.certificate_id && state.issued_at
                ? `${this.config.issuer.publicUrl}/verify/${state.certificate_id}`
                : null,
          }
        : null,
      limits: { ...MENTOR_INVITATION_LIMITS },
    };
  }

  /** Self-nomination: eligible, placed, not an ambassador already, one pending at a time. */
  async nominate(user: AuthUser): Promise<Nomination> {
    return this.db.transaction(async (tx) => {
      const person = await ambassadorCandidate(tx, user.id);
      if (!person) throw notFound('learner');
      if (await holdsAnyRole(tx, user.id, rolesHolding('ambassador.invite')))
        throw new ConflictError('AMBASSADOR_ALREADY', 'You are already a digital ambassador.');
      if (!(await this.eligibility(tx, person)).eligible)
        throw new DomainError('AMBASSADOR_NOT_ELIGIBLE', 'forbidden', 'Complete the required courses first.');
      if (person.unit_id === null && person.organisation_id === null)
        throw new DomainError(
          'AMBASSADOR_NOT_PLACED',
          'validation',
          'Choose your commune or organisation in your profile first: its administrator approves.',
        );
      const id = await insertNomination(tx, user.id);
      if (!id)
        throw new ConflictError('AMBASSADOR_NOMINATION_PENDING', 'Your nomination is waiting already.');
      await appendAudit(tx, {
        actor: user.id,
        action: 'ambassador.nominate',
        subjectType: 'user',
        subjectId: user.id,
        scope: person.unit_path,
        after: { nominationId: id },
      });
      return toNomination((await latestNominationOf(tx, user.id))!);
    });
  }

  /** Pending nominations of the administrator's area. */
  async nominations(user: AuthUser): Promise<{ items: Nomination[] }> {
    const rows = await pendingNominations(this.db, scopeFor(user.grants, 'ambassador.approve'));
    return { items: rows.map(toNomination) };
  }

  /** Approves (grants the role) or declines a pending nomination of the area; out of the area is "not found". */
  async decide(user: AuthUser, id: string, approve: boolean): Promise<Nomination> {
    return this.db.transaction(async (tx) => {
      const n = isUuid(id) ? await lockPendingNomination(tx, id) : undefined;
      if (
        !n ||
        !reaches(user.grants, 'ambassador.approve', {
          unitPath: n.unit_path,
          organisationId: n.organisation_id,
        })
      )
        throw notFound('nomination');
      if (approve) await this.grantRole(tx, user, n.user_id);
      await decideNomination(tx, n.id, approve ? 'approved' : 'declined', user.id);
      await appendAudit(tx, {
        actor: user.id,
        action: approve ? 'ambassador.approve' : 'ambassador.decline',
        subjectType: 'user',
        subjectId: n.user_id,
        scope: n.unit_path,
        after: { nominationId: n.id },
      });
      return toNomination({ ...n, status: approve ? 'approved' : 'declined', decided_at: new Date() });
    });
  }

  /** An administrator names an eligible learner of the area ambassador directly. */
  async name(user: AuthUser, userId: string): Promise<{ userId: string; grantId: string }> {
    return this.db.transaction(async (tx) => {
      const grantId = await this.grantRole(tx, user, userId);
      await approvePendingNominationsOf(tx, userId, user.id);
      return { userId, grantId };
    });
  }

  /** Grants the ambassador role for the person's own place, after the scope and eligibility checks. */
  private async grantRole(tx: Queryable, user: AuthUser, userId: string): Promise<string> {
    const person = await ambassadorCandidate(tx, userId);
    const place = person && { unitPath: person.unit_path, organisationId: person.organisation_id };
    if (!person || !place || !reaches(user.grants, 'ambassador.approve', place)) throw notFound('learner');
    if (!(await this.eligibility(tx, person)).eligible)
      throw new DomainError(
        'AMBASSADOR_NOT_ELIGIBLE',
        'forbidden',
        'This person has not completed the required courses.',
      );
    const role = ambassadorRole();
    // A unit takes precedence over an organisation: the grant reaches what the person's unit holds.
    const scope = person.unit_id
      ? { unitPath: person.unit_path, organisationId: null }
      : { unitPath: null, organisationId: person.organisation_id };
    const refusal = grantRefusal(user.grants, role, scope);
    if (refusal)
      throw new DomainError('ROLE_GRANT_REFUSED', 'forbidden', 'You cannot grant this role here.', {
        reason: refusal,
      });
    const grantId = await insertRoleGrant(tx, {
      userId,
      role,
      unitId: person.unit_id,
      organisationId: person.unit_id ? null : person.organisation_id,
      grantedBy: user.id,
    });
    if (!grantId)
      throw new ConflictError('AMBASSADOR_ALREADY', 'This person is already a digital ambassador.');
    await appendAudit(tx, {
      actor: user.id,
      action: 'role.grant',
      subjectType: 'user',
      subjectId: userId,
      scope: person.unit_path,
      after: { role, unitId: person.unit_id, organisationId: person.unit_id ? null : person.organisation_id },
    });
    return grantId;
  }
}
