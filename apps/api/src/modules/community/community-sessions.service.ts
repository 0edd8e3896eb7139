import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CommunitySession,
  CommunitySessionInput,
  CommunitySessionList,
  CommunitySessionListQuery,
  SessionsHeld,
} from '@hocvuso/contracts';
import {
  countSessionsHeld,
  isUuid,
  MIN_ATTENDEES_FOR_HELD,
  scopeFor,
  ValidationError,
} from '@hocvuso/domain';
import {
  appendAudit,
  cancelCommunitySession,
  communitySessionById,
  type CommunitySessionRow,
  currentUnit,
  databaseNowMs,
  insertCommunitySession,
  currentLessonRevision,
  publishedCourseExists,
  sessionsForCounting,
  sessionsOfUnit,
  sessionsUnder,
  unitForRollup,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';
import { sessionView } from './community-session.view';

const DAY = 86_400_000;
/** How far back a host may write down a session (it will not count as held: it was scheduled after it started). */
const PAST_LIMIT_DAYS = 30;
/** How far ahead a session may be scheduled. */
const FUTURE_LIMIT_DAYS = 366;

/** Scheduling and listing the weekly community sessions of communes (docs/community-sessions.md). */
@Injectable()
export class CommunitySessionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async schedule(user: AuthUser, input: CommunitySessionInput): Promise<CommunitySession> {
    requireCapability(user, 'session.host', 'This needs a session host.');
    const unit = await currentUnit(this.db, input.unitId);
    if (!unit) throw notFound('unit');
    requireReach(user, 'session.host', { unitPath: unit.path, organisationId: null }, () => notFound('unit'));
    if (unit.level !== 'commune')
      throw new ValidationError(
        'SESSION_UNIT_NOT_COMMUNE',
        'A community session belongs to a commune or ward.',
        {
          path: ['unitId'],
        },
      );
    if (!(await publishedCourseExists(this.db, input.courseId))) throw notFound('course');
    const lessonId = input.lessonId && (await currentLessonRevision(this.db, input.courseId, input.lessonId));
    if (input.lessonId && !lessonId)
      throw new ValidationError('LESSON_NOT_IN_COURSE', 'This lesson is not part of the course.', {
        path: ['lessonId'],
      });
    const now = await databaseNowMs(this.db);
    const starts = new Date(input.startsAt).getTime();
    if (starts < now - PAST_LIMIT_DAYS * DAY || starts > now + FUTURE_LIMIT_DAYS * DAY)
      throw new ValidationError(
        'SESSION_TIME_OUT_OF_RANGE',
        `A session starts at most ${PAST_LIMIT_DAYS} days ago and at most a year ahead.`,
        { path: ['startsAt'] },
      );
    return this.db.transaction(async (tx) => {
      const id = await insertCommunitySession(tx, {
        unitId: unit.id,
        unitPath: unit.path,
        hostId: user.id,
        topic: input.topic,
        place: input.place,
        latitude: input.latitude,
        longitude: input.longitude,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        courseId: input.courseId,
        lessonId: lessonId || null,
      });
      await appendAudit(tx, {
        actor: user.id,
        action: 'community.session.schedule',
        subjectType: 'community_session',
        subjectId: id,
        after: { unitId: unit.id, startsAt: input.startsAt, endsAt: input.endsAt, courseId: input.courseId },
      });
      return sessionView((await communitySessionById(tx, id))!);
    });
  }

  async cancel(user: AuthUser, id: string): Promise<CommunitySession> {
    const session = await this.hosted(user, id);
    return this.db.transaction(async (tx) => {
      if (await cancelCommunitySession(tx, session.id))
        await appendAudit(tx, {
          actor: user.id,
          action: 'community.session.cancel',
          subjectType: 'community_session',
          subjectId: session.id,
        });
      return sessionView((await communitySessionById(tx, session.id))!);
    });
  }

  /** A session anyone may see (a public event: place, time, topic; never who attends). */
  async one(id: string): Promise<CommunitySession> {
    const row = isUuid(id) ? await communitySessionById(this.db, id) : undefined;
    if (!row) throw notFound('community_session');
    return sessionView(row);
  }

  /** The sessions of one commune (public: the commune's notice board). */
  async ofUnit(unitId: string, q: CommunitySessionListQuery): Promise<CommunitySessionList> {
    const unit = isUuid(unitId) ? await currentUnit(this.db, unitId) : undefined;
    if (!unit) throw notFound('unit');
    const range = await this.range(q);
    return { items: (await sessionsOfUnit(this.db, unit.id, range, q.limit)).map(sessionView) };
  }

  /** A commune's name and its sessions from 30 days ago to a year ahead (the iCalendar feed). */
  async calendarOf(unitId: string): Promise<{ unitName: string; items: CommunitySession[] }> {
    const unit = isUuid(unitId) ? await unitForRollup(this.db, unitId) : undefined;
    if (!unit) throw notFound('unit');
    const now = await databaseNowMs(this.db);
    const range = {
      from: new Date(now - 30 * DAY).toISOString(),
      to: new Date(now + 366 * DAY).toISOString(),
    };
    return {
      unitName: unit.name,
      items: (await sessionsOfUnit(this.db, unit.id, range, 500)).map(sessionView),
    };
  }

  /** The sessions of the host's area. */
  async hostedList(user: AuthUser, q: CommunitySessionListQuery): Promise<CommunitySessionList> {
    requireCapability(user, 'session.host', 'This needs a session host.');
    const scope = scopeFor(user.grants, 'session.host');
    const range = await this.range(q);
    return { items: (await sessionsUnder(this.db, scope, range, q.limit)).map(sessionView) };
  }

  /** A session the caller hosts (reach with session.host over its commune), else 404. */
  async hosted(user: AuthUser, id: string): Promise<CommunitySessionRow> {
    requireCapability(user, 'session.host', 'This needs a session host.');
    const row = isUuid(id) ? await communitySessionById(this.db, id) : undefined;
    requireReach(user, 'session.host', row && { unitPath: row.unit_path, organisationId: null }, () =>
      notFound('community_session'),
    );
    return row!;
  }

  /** Sessions held below a unit in a range of Vietnam dates, by countSessionsHeld (report.read over the unit). */
  async held(user: AuthUser, unitId: string, q: { from: string; to: string }): Promise<SessionsHeld> {
    requireCapability(user, 'report.read', 'This needs a report reader.');
    const unit = isUuid(unitId) ? await currentUnit(this.db, unitId) : undefined;
    if (!unit) throw notFound('unit');
    requireReach(user, 'report.read', { unitPath: unit.path, organisationId: null }, () => notFound('unit'));
    const rows = await sessionsForCounting(this.db, unit.path, {
      from: `${q.from}T00:00:00+07:00`,
      to: new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + DAY).toISOString(),
    });
    const now = await databaseNowMs(this.db);
    const counted = countSessionsHeld(
      rows.map((r) => ({
        id: r.id,
        startsAt: new Date(r.starts_at).getTime(),
        endsAt: new Date(r.ends_at).getTime(),
        createdAt: new Date(r.created_at).getTime(),
        cancelled: r.cancelled,
        attendees: r.attendees,
      })),
      now,
    );
    return { held: counted.held, minAttendees: MIN_ATTENDEES_FOR_HELD, notHeld: counted.notHeld };
  }

  private async range(q: CommunitySessionListQuery): Promise<{ from: string; to: string }> {
    const now = await databaseNowMs(this.db);
    return {
      from: q.from ?? new Date(now - 7 * DAY).toISOString(),
      to: q.to ?? new Date(now + 60 * DAY).toISOString(),
    };
  }
}
