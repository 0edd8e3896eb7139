import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Attendance, Attendee, CheckInCode, HostCheckInInput, SessionPerson } from '@hocvuso/contracts';
import {
  acceptedWindows,
  CHECKIN_CLOSES_AFTER_MINUTES,
  CHECKIN_OPENS_BEFORE_MINUTES,
  CHECKIN_ROTATION_SECONDS,
  checkInPhase,
  ConflictError,
  DomainError,
  ForbiddenError,
  hostCheckInPhase,
  isUuid,
  learnerNeedle,
  nearbyVerdict,
  needleMatchesAnyone,
  type ReportedPosition,
  rotationWindow,
  ValidationError,
  vietnamDate,
  windowEndsAt,
} from '@hocvuso/domain';
import {
  attendanceByKey,
  type AttendanceRow,
  attendeesOf,
  communitySessionById,
  type CommunitySessionRow,
  databaseNowMs,
  insertAttendance,
  linkAttendanceToLearning,
  lockAttendanceOf,
  namedLearnersPage,
  NO_LEARNER_FILTER,
  placementOf,
  sessionsOpenForCheckIn,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { writeInPersonLearning } from '../universalisation/in-person-learning';
import { CheckInCodes } from './check-in-codes';
import { sessionView } from './community-session.view';
import { CommunitySessionsService } from './community-sessions.service';

const gone = (code: string, message: string) => new DomainError(code, 'gone', message);

/**
 * Check-in to community sessions (docs/community-sessions.md): an attendee's scan of the host's rotating code, or
 * the host checking in a person of the commune (live, or queued offline and synced with an idempotency key). Each
 * attendance is one row per person and session, and records in-person learning of the session's course or lesson
 * confirmed by the host, through the same path as a helper's record, so it counts in coverage.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CheckInCodes) private readonly codes: CheckInCodes,
    @Inject(CommunitySessionsService) private readonly sessions: CommunitySessionsService,
  ) {}

  /** The host's current code, the path its QR encodes and when it rotates. */
  async currentCode(user: AuthUser, sessionId: string): Promise<CheckInCode> {
    const s = await this.sessions.hosted(user, sessionId);
    const now = await databaseNowMs(this.db);
    const window = rotationWindow(now);
    const rotatesAt = new Date(windowEndsAt(window)).toISOString();
    const phase = s.cancelled_at ? 'cancelled' : checkInPhase(times(s), now);
    if (phase !== 'open') return { code: '', path: '', rotatesAt, phase };
    const code = this.codes.codeFor(s.id, window);
    return { code, path: `/diem-danh?s=${s.id}&ma=${code}`, rotatesAt, phase };
  }

  /** An attendee checks in with a scanned or typed code (and, where the session has a place, their position). */
  async checkIn(
    user: AuthUser,
    input: { sessionId?: string | undefined; code: string; position: ReportedPosition | null },
  ): Promise<Attendance> {
    const now = await databaseNowMs(this.db);
    const session = input.sessionId
      ? await this.scannedSession(input.sessionId, input.code, now)
      : await this.typedSession(input.code, now);
    const verdict = nearbyVerdict(
      session.latitude !== null && session.longitude !== null
        ? { latitude: session.latitude, longitude: session.longitude }
        : null,
      input.position,
    );
    if (verdict === 'position-required')
      throw new ValidationError(
        'CHECKIN_POSITION_REQUIRED',
        'This session checks that you are at its place: allow the location, or ask the host to check you in.',
      );
    if (verdict === 'far')
      throw new ForbiddenError(
        'CHECKIN_TOO_FAR',
        'You are too far from the session’s place: ask the host to check you in.',
      );
    if (!session.host_id)
      throw new ConflictError('SESSION_WITHOUT_HOST', 'This session has no host any more.');
    return this.attend(session, { userId: user.id, method: 'qr', hostId: session.host_id, key: null });
  }

  /** A host checks in a person of the session's commune (a live tap or an offline check-in synced later). */
  async hostCheckIn(user: AuthUser, sessionId: string, input: HostCheckInInput): Promise<Attendance> {
    const session = await this.sessions.hosted(user, sessionId);
    const replay = await attendanceByKey(this.db, user.id, input.idempotencyKey);
    if (replay) return this.replayed(replay, session, input);
    if (session.cancelled_at) throw gone('SESSION_CANCELLED', 'This session was cancelled.');
    const phase = hostCheckInPhase(times(session), await databaseNowMs(this.db));
    if (phase === 'too-early')
      throw new ConflictError('CHECKIN_NOT_OPEN', 'Check-in opens shortly before the session starts.');
    if (phase === 'closed')
      throw gone('CHECKIN_CLOSED', 'This session ended too long ago for a check-in to be added.');
    if (input.userId === user.id)
      throw new ForbiddenError('HOST_CHECK_IN_SELF', 'A host does not confirm their own attendance.');
    const place = await placementOf(this.db, input.userId);
    // Outside the session's commune (or nowhere): the same answer as a person who does not exist.
    if (!place?.unit_path?.startsWith(session.unit_path)) throw notFound('learner');
    try {
      return await this.attend(session, {
        userId: input.userId,
        method: 'host',
        hostId: user.id,
        key: input.idempotencyKey,
      });
    } catch (e) {
      // The same key raced in twice: the winner's row decides.
      const again = await attendanceByKey(this.db, user.id, input.idempotencyKey);
      if (again) return this.replayed(again, session, input);
      throw e;
    }
  }

  /** People of the session's commune the host may name (consent to share with the unit), by name or phone. */
  async people(user: AuthUser, sessionId: string, q: string): Promise<{ items: SessionPerson[] }> {
    const session = await this.sessions.hosted(user, sessionId);
    const needle = learnerNeedle(q);
    if (!needleMatchesAnyone(needle)) return { items: [] };
    const rows = await namedLearnersPage(
      this.db,
      { global: false, unitPaths: [session.unit_path], organisationIds: [] },
      { ...NO_LEARNER_FILTER, needle },
      { limit: 20, offset: 0 },
    );
    return {
      items: rows.map((r) => ({
        userId: r.id,
        displayName: r.display_name,
        phoneEnd: r.phone ? r.phone.slice(-3) : null,
      })),
    };
  }

  async attendees(user: AuthUser, sessionId: string): Promise<{ items: Attendee[] }> {
    const session = await this.sessions.hosted(user, sessionId);
    return {
      items: (await attendeesOf(this.db, session.id)).map((a) => ({
        userId: a.user_id,
        displayName: a.display_name,
        method: a.method,
        at: new Date(a.at).toISOString(),
      })),
    };
  }

  /** A scanned QR: its session, open now, and a code of the current or previous window. */
  private async scannedSession(sessionId: string, code: string, now: number): Promise<CommunitySessionRow> {
    const s = isUuid(sessionId) ? await communitySessionById(this.db, sessionId) : undefined;
    if (!s) throw notFound('community_session');
    if (s.cancelled_at) throw gone('SESSION_CANCELLED', 'This session was cancelled.');
    const phase = checkInPhase(times(s), now);
    if (phase === 'too-early')
      throw new ConflictError('CHECKIN_NOT_OPEN', 'Check-in opens shortly before the session starts.');
    if (phase === 'closed')
      throw gone('CHECKIN_CLOSED', 'This session is over: its check-in code no longer works.');
    if (this.codes.matches(s.id, acceptedWindows(now), code)) return s;
    // A real code of this session, but an earlier one: a photo or a message passed on after it rotated.
    const first = rotationWindow(new Date(s.starts_at).getTime() - CHECKIN_OPENS_BEFORE_MINUTES * 60_000);
    const earlier: number[] = [];
    for (let w = rotationWindow(now) - 2; w >= first; w--) earlier.push(w);
    if (this.codes.matches(s.id, earlier, code))
      throw gone(
        'CHECKIN_CODE_EXPIRED',
        `This code has expired (codes change every ${CHECKIN_ROTATION_SECONDS} seconds): scan the host’s screen again.`,
      );
    throw new ValidationError('CHECKIN_CODE_INVALID', 'This is not the session’s check-in code.');
  }

  /** A code typed by hand: the open session whose current or previous code it is. */
  private async typedSession(code: string, now: number): Promise<CommunitySessionRow> {
    const open = await sessionsOpenForCheckIn(
      this.db,
      CHECKIN_OPENS_BEFORE_MINUTES,
      CHECKIN_CLOSES_AFTER_MINUTES,
    );
    const windows = acceptedWindows(now);
    const match = open.find((s) => this.codes.matches(s.id, windows, code));
    if (!match)
      throw new ValidationError(
        'CHECKIN_CODE_INVALID',
        'No session open now has this code: check it on the host’s screen (codes change often).',
      );
    return (await communitySessionById(this.db, match.id))!;
  }

  private async attend(
    session: CommunitySessionRow,
    a: { userId: string; method: 'qr' | 'host'; hostId: string; key: string | null },
  ): Promise<Attendance> {
    return this.db.transaction(async (tx) => {
      await lockAttendanceOf(tx, session.id, a.userId);
      const { row, created } = await insertAttendance(tx, {
        sessionId: session.id,
        userId: a.userId,
        method: a.method,
        checkedInBy: a.method === 'host' ? a.hostId : null,
        idempotencyKey: a.key,
      });
      if (!row)
        throw new ConflictError(
          'IDEMPOTENCY_KEY_REUSED',
          'This check-in key was already used for another person.',
        );
      if (created) {
        const learning = await writeInPersonLearning(tx, {
          userId: a.userId,
          courseId: session.course_id,
          lessonId: session.lesson_id,
          on: vietnamDate(new Date(session.starts_at)),
          note: session.topic,
          confirmedBy: a.hostId,
          evidence: { communitySessionId: session.id, checkIn: a.method },
        });
        await linkAttendanceToLearning(tx, session.id, a.userId, learning.row.id);
      }
      const fresh = (await communitySessionById(tx, session.id))!;
      return attendanceView(row, created, fresh);
    });
  }

  private async replayed(
    row: AttendanceRow,
    session: CommunitySessionRow,
    input: HostCheckInInput,
  ): Promise<Attendance> {
    if (row.session_id !== session.id || row.user_id !== input.userId)
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This check-in key was already used for another check-in.',
      );
    return attendanceView(row, false, (await communitySessionById(this.db, session.id))!);
  }
}

const times = (s: CommunitySessionRow) => ({
  startsAt: new Date(s.starts_at).getTime(),
  endsAt: new Date(s.ends_at).getTime(),
});

function attendanceView(row: AttendanceRow, created: boolean, session: CommunitySessionRow): Attendance {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    method: row.method,
    at: new Date(row.at).toISOString(),
    created,
    session: sessionView(session),
  };
}
