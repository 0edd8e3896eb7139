import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DigitalIdentity,
  DigitalIdentityInput,
  HelperDigitalIdentityInput,
  InPersonLearning,
  InPersonLearningInput,
} from '@hocvuso/contracts';
import { confirmerShownToPerson, ForbiddenError, isUuid, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  type DeclarationKind,
  type DeclarationRow,
  type DeclarationSource,
  type LatestDeclarationRow,
  insertDeclaration,
  isAfterVietnamToday,
  latestDeclarations,
  lessonInCourse,
  lockDeclarationsOf,
  placementOf,
  publishedCourseExists,
  type Queryable,
  recordCoverageFacts,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';
import { writeInPersonLearning } from './in-person-learning';

const KINDS: Array<[DeclarationKind, keyof DigitalIdentityInput]> = [
  ['vneid_level2', 'vneidLevel2'],
  ['bank_account', 'bankAccount'],
];

/**
 * Declarations of VNeID level 2 and a digital bank account (self, or confirmed face to face by a helper) and
 * in-person learning. A row is written only when it changes something (history kept, replays write nothing): a
 * new value, or a helper confirming what was only self-declared. A `true` records the coverage fact of that
 * measure once (the first time counts, like every coverage fact: a later "no" stays in the history and does not
 * take the person out of a report already counted; docs/universalisation-exchange.md).
 */
@Injectable()
export class DeclarationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mine(userId: string): Promise<DigitalIdentity> {
    return view(await latestDeclarations(this.db, userId));
  }

  declare(userId: string, input: DigitalIdentityInput): Promise<DigitalIdentity> {
    return this.db.transaction(async (tx) => {
      await this.write(tx, userId, input, 'self', null);
      return view(await latestDeclarations(tx, userId));
    });
  }

  /** A learner's declarations as a helper of their area sees them (out of the area: 404, like confirming). */
  async ofLearner(user: AuthUser, learnerId: string): Promise<DigitalIdentity> {
    requireCapability(user, 'identity.confirm', 'This needs a helper or administrator role.');
    await this.requireLearner(user, learnerId);
    return view(await latestDeclarations(this.db, learnerId));
  }

  async confirm(
    user: AuthUser,
    learnerId: string,
    input: HelperDigitalIdentityInput,
  ): Promise<DigitalIdentity> {
    requireCapability(user, 'identity.confirm', 'This needs a helper or administrator role.');
    await this.requireLearner(user, learnerId);
    if (learnerId === user.id)
      throw new ForbiddenError('IDENTITY_CONFIRM_SELF', 'A helper does not confirm their own declarations.');
    return this.db.transaction(async (tx) => {
      const written = await this.write(tx, learnerId, input, 'helper', user.id);
      if (written.length > 0)
        await appendAudit(tx, {
          actor: user.id,
          action: 'identity.confirm',
          subjectType: 'user',
          subjectId: learnerId,
          after: Object.fromEntries(written.map((d) => [d.kind, d.value])),
        });
      return view(await latestDeclarations(tx, learnerId));
    });
  }

  async recordInPerson(user: AuthUser, input: InPersonLearningInput): Promise<InPersonLearning> {
    requireCapability(user, 'identity.confirm', 'This needs a helper or administrator role.');
    await this.requireLearner(user, input.userId);
    if (!(await publishedCourseExists(this.db, input.courseId))) throw notFound('course');
    if (input.lessonId && !(await lessonInCourse(this.db, input.courseId, input.lessonId)))
      throw new ValidationError('LESSON_NOT_IN_COURSE', 'This lesson is not part of the course.');
    if (await isAfterVietnamToday(this.db, input.on))
      throw new ValidationError('DATE_IN_FUTURE', 'The date of the learning cannot be after today.', {
        path: ['on'],
      });
    return this.db.transaction(async (tx) => {
      const { row, created } = await writeInPersonLearning(tx, {
        userId: input.userId,
        courseId: input.courseId,
        lessonId: input.lessonId ?? null,
        on: input.on,
        note: input.note,
        confirmedBy: user.id,
      });
      return {
        id: row.id,
        userId: row.user_id,
        courseId: row.course_id,
        lessonId: row.lesson_id,
        on: row.learned_on,
        note: row.note,
        recordedAt: new Date(row.recorded_at).toISOString(),
        created,
      };
    });
  }

  /** The learner must exist and be in the caller's area for identity.confirm; otherwise 404. */
  private async requireLearner(user: AuthUser, learnerId: string): Promise<void> {
    const p = isUuid(learnerId) ? await placementOf(this.db, learnerId) : undefined;
    requireReach(
      user,
      'identity.confirm',
      p && { unitPath: p.unit_path, organisationId: p.organisation_id },
      () => notFound('learner'),
    );
  }

  private async write(
    tx: Queryable,
    userId: string,
    input: Partial<DigitalIdentityInput>,
    source: DeclarationSource,
    confirmedBy: string | null,
  ): Promise<DeclarationRow[]> {
    await lockDeclarationsOf(tx, userId);
    const latest = new Map((await latestDeclarations(tx, userId)).map((d) => [d.kind, d]));
    const written: DeclarationRow[] = [];
    for (const [kind, field] of KINDS) {
      const value = input[field];
      if (value === undefined) continue;
      const before = latest.get(kind);
      const changes = !before || before.value !== value || (source === 'helper' && before.source === 'self');
      if (!changes) continue;
      const row = await insertDeclaration(tx, { userId, kind, value, source, confirmedBy });
      written.push(row);
      if (value)
        await recordCoverageFacts(tx, {
          userId,
          measure: kind,
          source,
          recordedBy: confirmedBy,
          evidence: { declarationId: row.id, source, confirmedBy, at: new Date(row.at).toISOString() },
        });
    }
    return written;
  }
}

function view(rows: LatestDeclarationRow[]): DigitalIdentity {
  const of = (kind: DeclarationKind) => {
    const d = rows.find((r) => r.kind === kind);
    return d
      ? {
          value: d.value,
          source: d.source,
          at: new Date(d.at).toISOString(),
          confirmedBy:
            d.source === 'helper'
              ? (confirmerShownToPerson({
                  displayName: d.confirmer_name,
                  deidentified: d.confirmer_deidentified ?? false,
                  rolesNow: d.confirmer_roles ?? [],
                })?.name ?? null)
              : null,
        }
      : null;
  };
  return { vneidLevel2: of('vneid_level2'), bankAccount: of('bank_account') };
}
