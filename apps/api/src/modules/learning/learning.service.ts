import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  courseProgress,
  DEFAULT_VIDEO_COMPLETION_THRESHOLD,
  DomainError,
  HEARTBEAT_GRACE_SECONDS,
  isVideoComplete,
  localize,
  MAX_PLAYBACK_RATE,
  NotFoundError,
  validateClaimedIntervals,
  ValidationError,
  type LocalizedText,
} from '@hocvuso/domain';
import type {
  ChecklistRequest,
  CourseProgressResponse,
  EnrolmentSummary,
  HeartbeatRequest,
  HeartbeatResponse,
  LessonActionResponse,
  LessonResponse,
  LessonStatus,
} from '@hocvuso/contracts';
import {
  completeReadLesson,
  completeVideo,
  enrol,
  type EnrolmentLessonRow,
  enrolmentLessons,
  launchVideo,
  lessonForLearner,
  lockEnrolment,
  parseMultirange,
  type Queryable,
  recordHeartbeat,
  saveLessonState,
  startLesson,
  videoState,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { CompletionService } from './completion.service';
import { LearningRecordsService } from './learning-records.service';
import { LessonDirectory, type LessonMeta } from './lesson-directory.service';

type Lang = 'vi' | 'en';

interface VideoData {
  video: {
    src: string;
    hls?: string;
    poster?: string;
    durationSeconds: number;
    completionThreshold?: number;
  };
  captions: Record<string, string>;
}

const notEnrolled = (courseId: string) =>
  new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course to open its lessons.', { courseId });

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LessonDirectory) private readonly lessons: LessonDirectory,
    @Inject(CompletionService) private readonly completion: CompletionService,
    @Inject(LearningRecordsService) private readonly records: LearningRecordsService,
  ) {}

  /** Idempotent self-enrolment in a published course; the first one is recorded as xAPI "registered". */
  async enrol(
    userId: string,
    courseId: string,
    lang: Lang,
  ): Promise<{ created: boolean; enrolment: EnrolmentSummary }> {
    return this.db.transaction(async (tx) => {
      const exists: unknown[] = await tx.query(
        `SELECT 1 FROM courses WHERE id = $1 AND published AND current_version_id IS NOT NULL`,
        [courseId],
      );
      if (exists.length === 0) throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course.');
      const created = await enrol(tx, userId, courseId);
      if (created) {
        const ctx = (await lockEnrolment(tx, userId, courseId))!;
        await this.records.record(tx, [
          {
            pseudonym: ctx.pseudonym,
            verb: 'registered',
            activity: this.records.courseActivity(courseId, ctx.course_title as LocalizedText),
            registration: ctx.enrolment_id,
            language: lang,
          },
        ]);
      }
      const [enrolment] = await this.summaries(tx, userId, lang, courseId);
      return { created, enrolment: enrolment! };
    });
  }

  myLearning(userId: string, lang: Lang): Promise<EnrolmentSummary[]> {
    return this.summaries(this.db, userId, lang);
  }

  async courseProgress(userId: string, courseId: string, lang: Lang): Promise<CourseProgressResponse> {
    const rows = await enrolmentLessons(this.db, userId, courseId);
    const [enrolment] = this.toSummaries(rows, lang);
    return {
      enrolled: Boolean(enrolment),
      enrolment: enrolment ?? null,
      lessons: rows
        .filter((r) => r.lesson_id)
        .map((r) => ({ id: r.lesson_id!, status: (r.lesson_status ?? 'not_started') as LessonStatus })),
    };
  }

  /** Opens a lesson of an enrolled course: starts its clocks and records xAPI "launched". */
  async openLesson(userId: string, lessonId: string, lang: Lang): Promise<LessonResponse> {
    const row = await this.lessonRow(userId, lessonId);
    const meta = (await this.lessons.find(row.id))!;
    await this.db.transaction(async (tx) => {
      // Lock order, everywhere: the enrolment row first, then the learner's rows on its lessons.
      const ctx = await lockEnrolment(tx, userId, row.course_id);
      if (!ctx) throw notEnrolled(row.course_id);
      await startLesson(tx, userId, row.id, row.course_id);
      if (meta.kind === 'video') await launchVideo(tx, userId, row.id);
      await this.records.record(tx, [
        {
          pseudonym: ctx.pseudonym,
          verb: 'launched',
          activity: this.records.lessonActivity(row.course_id, meta.key, meta.kind, meta.title),
          parent: this.records.courseActivity(row.course_id, ctx.course_title as LocalizedText),
          registration: ctx.enrolment_id,
          language: lang,
        },
      ]);
    });
    const language = (row.languages.includes(lang) ? lang : row.default_language) as Lang;
    const progress: Array<{ status: string; state: { ticked?: number[] }; remaining: number }> =
      await this.db.query(
        `SELECT status, state,
              greatest(0, ceil(extract(epoch FROM started_at + make_interval(secs => $3) - now())))::int AS remaining
         FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
        [userId, row.id, row.min_read_seconds],
      );
    return {
      id: row.id,
      key: row.lesson_key,
      courseId: row.course_id,
      courseTitle: localize(row.course_title as never, language),
      kind: row.kind as LessonResponse['kind'],
      title: localize(row.title as never, language),
      minutes: row.minutes,
      html: localize(row.body_html as never, language),
      minReadSeconds: row.min_read_seconds,
      readSecondsRemaining:
        progress[0]?.status === 'completed' || meta.kind !== 'text'
          ? 0
          : (progress[0]?.remaining ?? row.min_read_seconds),
      status: progress[0]?.status === 'completed' ? 'completed' : 'in_progress',
      language,
      previousLessonId: row.previous_lesson_id,
      nextLessonId: row.next_lesson_id,
      ...(await this.kindDetails(userId, meta, language, progress[0]?.state ?? {})),
    };
  }

  private async kindDetails(
    userId: string,
    meta: LessonMeta,
    lang: Lang,
    state: { ticked?: number[] },
  ): Promise<Partial<LessonResponse>> {
    const media = (src: string) => `/media/${meta.courseId}/${src}`;
    if (meta.kind === 'video') {
      const d = meta.data as unknown as VideoData;
      const watched = await videoState(this.db, userId, meta.id);
      return {
        video: {
          src: media(d.video.src),
          hls: d.video.hls ? media(d.video.hls) : null,
          poster: d.video.poster ? media(d.video.poster) : null,
          durationSeconds: d.video.durationSeconds,
          completionThreshold: d.video.completionThreshold ?? DEFAULT_VIDEO_COMPLETION_THRESHOLD,
          captions: Object.entries(d.captions).map(([language, src]) => ({ language, src: media(src) })),
          watchedSeconds: Number(watched?.watched_seconds ?? 0),
          position: Number(watched?.position ?? 0),
        },
      };
    }
    if (meta.kind === 'checklist') {
      const items = (meta.data.items as LocalizedText[]).map((t) => localize(t, lang));
      return { checklist: { items, ticked: (state.ticked ?? []).filter((i) => i < items.length) } };
    }
    if (meta.kind === 'document') {
      const d = meta.data.document as { src: string; mediaType: string };
      return { document: { src: media(d.src), mediaType: d.mediaType } };
    }
    if (meta.kind === 'quiz') {
      const q = meta.data.quiz as {
        questionsPerAttempt: number;
        passMark: number;
        timeLimitMinutes?: number;
        maxAttempts?: number;
      };
      const [a]: Array<{ used: number; open_id: string | null; last_id: string | null }> =
        await this.db.query(
          `SELECT count(*)::int AS used,
                (array_agg(id ORDER BY attempt_no DESC) FILTER (WHERE submitted_at IS NULL AND (deadline_at IS NULL OR deadline_at >= now())))[1] AS open_id,
                (array_agg(id ORDER BY attempt_no DESC))[1] AS last_id
           FROM quiz_attempts WHERE user_id = $1 AND lesson_revision_id = $2`,
          [userId, meta.id],
        );
      return {
        quiz: {
          questionsPerAttempt: q.questionsPerAttempt,
          passMark: q.passMark,
          timeLimitMinutes: q.timeLimitMinutes ?? null,
          maxAttempts: q.maxAttempts ?? null,
          attemptsUsed: a?.used ?? 0,
          openAttemptId: a?.open_id ?? null,
          lastAttemptId: a?.last_id ?? null,
        },
      };
    }
    return {};
  }

  /**
   * Completes a text lesson the learner read to the end, once the minimum reading time has passed (database
   * clock), and the course in the same transaction when its rule is met.
   */
  async completeReading(userId: string, lessonId: string, lang: Lang): Promise<EnrolmentSummary> {
    const meta = await this.enrolledLesson(userId, lessonId);
    if (meta.kind !== 'text') throw kindMismatch(meta.kind);
    const { outcome, summary } = await this.db.transaction(async (tx) => {
      if (!(await lockEnrolment(tx, userId, meta.courseId))) throw notEnrolled(meta.courseId);
      const remaining = await completeReadLesson(tx, userId, meta.id, meta.minReadSeconds);
      if (remaining === null)
        throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before completing it.');
      if (remaining > 0) {
        throw new ConflictError(
          'LESSON_READ_TOO_SOON',
          `Keep reading: this lesson can be completed in ${remaining} s.`,
          { secondsRemaining: remaining },
        );
      }
      const outcome = await this.completion.completeLesson(tx, userId, meta);
      return { outcome, summary: (await this.summaries(tx, userId, lang, meta.courseId))[0]! };
    });
    await this.completion.announce(outcome);
    return summary;
  }

  /** Saves the ticked items of a practice checklist; ticking the last one completes the lesson. */
  async tickChecklist(
    userId: string,
    lessonId: string,
    body: ChecklistRequest,
    lang: Lang,
  ): Promise<LessonActionResponse> {
    const meta = await this.enrolledLesson(userId, lessonId);
    if (meta.kind !== 'checklist') throw kindMismatch(meta.kind);
    const count = (meta.data.items as unknown[]).length;
    const ticked = [...new Set(body.ticked)].sort((a, b) => a - b);
    if (ticked.some((i) => i >= count)) {
      throw new ValidationError(
        'INVALID_CHECKLIST_ITEM',
        `This checklist has ${count} items, numbered from 0.`,
      );
    }
    const { outcome, response } = await this.db.transaction(async (tx) => {
      if (!(await lockEnrolment(tx, userId, meta.courseId))) throw notEnrolled(meta.courseId);
      if (!(await saveLessonState(tx, userId, meta.id, { ticked })))
        throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson first.');
      const outcome =
        ticked.length === count ? await this.completion.completeLesson(tx, userId, meta) : undefined;
      return { outcome, response: await this.actionResponse(tx, userId, meta, lang) };
    });
    await this.completion.announce(outcome);
    return response;
  }

  /** A document lesson is complete once the learner opened the document. */
  async openDocument(userId: string, lessonId: string, lang: Lang): Promise<LessonActionResponse> {
    const meta = await this.enrolledLesson(userId, lessonId);
    if (meta.kind !== 'document') throw kindMismatch(meta.kind);
    const { outcome, response } = await this.db.transaction(async (tx) => {
      if (!(await lockEnrolment(tx, userId, meta.courseId))) throw notEnrolled(meta.courseId);
      if (!(await saveLessonState(tx, userId, meta.id, { opened: true })))
        throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson first.');
      const outcome = await this.completion.completeLesson(tx, userId, meta);
      return { outcome, response: await this.actionResponse(tx, userId, meta, lang) };
    });
    await this.completion.announce(outcome);
    return response;
  }

  /**
   * A video heartbeat: validated at the edge, merged in one SQL statement (the hot path). Only when coverage
   * crosses the lesson's threshold does a second transaction complete the lesson (and maybe the course).
   */
  async heartbeat(userId: string, lessonId: string, body: HeartbeatRequest, lang: Lang): Promise<HeartbeatResponse> {
    const meta = await this.lessons.find(lessonId);
    if (!meta) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (meta.kind !== 'video') throw kindMismatch(meta.kind);
    const d = meta.data as unknown as VideoData;
    const duration = d.video.durationSeconds;
    const intervals = validateClaimedIntervals(body.intervals, duration);
    if (body.position > duration + 0.5)
      throw new ValidationError('INVALID_POSITION', `The position must be between 0 and ${duration} s.`);
    const result = await recordHeartbeat(this.db, {
      userId,
      lessonId: meta.id,
      starts: intervals.map((i) => i[0]),
      ends: intervals.map((i) => i[1]),
      position: Math.min(body.position, duration),
      maxRate: MAX_PLAYBACK_RATE,
      graceSeconds: HEARTBEAT_GRACE_SECONDS,
    });
    if (!result) {
      await this.enrolledLesson(userId, lessonId); // throws NOT_ENROLLED / LESSON_NOT_FOUND when that is why
      throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before playing it.');
    }
    const watched = parseMultirange(result.watched);
    const threshold = d.video.completionThreshold ?? DEFAULT_VIDEO_COMPLETION_THRESHOLD;
    let completed = result.completed;
    let enrolment: EnrolmentSummary | undefined;
    if (!completed && isVideoComplete(watched, duration, threshold)) {
      const outcome = await this.db.transaction(async (tx) => {
        if (!(await lockEnrolment(tx, userId, meta.courseId))) return undefined;
        return (await completeVideo(tx, userId, meta.id))
          ? this.completion.completeLesson(tx, userId, meta, { result: { progress: 1 } })
          : undefined;
      });
      await this.completion.announce(outcome);
      completed = true;
      [enrolment] = await this.summaries(this.db, userId, lang, meta.courseId);
    }
    const watchedSeconds = Math.min(duration, Number(result.watched_seconds));
    return {
      watchedSeconds,
      coverage: Math.min(1, watchedSeconds / duration),
      completed,
      capped: result.capped,
      ...(enrolment ? { enrolment } : {}),
    };
  }

  /** The lesson, if it belongs to the current version of a course the learner is enrolled in. */
  async enrolledLesson(userId: string, lessonId: string): Promise<LessonMeta> {
    const row = await this.lessonRow(userId, lessonId);
    return (await this.lessons.find(row.id))!;
  }

  private async lessonRow(userId: string, lessonId: string) {
    const meta = await this.lessons.find(lessonId);
    const row = meta ? await lessonForLearner(this.db, meta.id, userId) : undefined;
    if (!row) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (!row.enrolment_id) throw notEnrolled(row.course_id);
    return row;
  }

  private async actionResponse(
    tx: Queryable,
    userId: string,
    meta: LessonMeta,
    lang: Lang,
  ): Promise<LessonActionResponse> {
    const [p]: Array<{ status: string }> = await tx.query(
      `SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [userId, meta.id],
    );
    const [enrolment] = await this.summaries(tx, userId, lang, meta.courseId);
    return { status: (p?.status ?? 'not_started') as LessonStatus, enrolment: enrolment! };
  }

  async summaries(db: Queryable, userId: string, lang: Lang, courseId?: string): Promise<EnrolmentSummary[]> {
    return this.toSummaries(await enrolmentLessons(db, userId, courseId), lang);
  }

  private toSummaries(rows: EnrolmentLessonRow[], lang: Lang): EnrolmentSummary[] {
    const byEnrolment = new Map<string, EnrolmentLessonRow[]>();
    for (const r of rows) {
      const list = byEnrolment.get(r.enrolment_id);
      if (list) list.push(r);
      else byEnrolment.set(r.enrolment_id, [r]);
    }
    return [...byEnrolment.values()].map((lessons) => {
      const first = lessons[0]!;
      const withLessons = lessons.filter((l) => l.lesson_key);
      const progress = courseProgress(
        withLessons.map((l) => ({ key: l.lesson_key!, completed: l.lesson_status === 'completed' })),
      );
      const next = withLessons.find((l) => l.lesson_key === progress.nextLessonKey);
      return {
        courseId: first.course_id,
        courseTitle: localize(first.course_title as never, lang),
        status: first.status === 'completed' ? 'completed' : 'active',
        percent: progress.percent,
        completedLessons: progress.completedLessons,
        totalLessons: progress.totalLessons,
        nextLessonId: next?.lesson_id ?? null,
        nextLessonTitle: next?.lesson_title ? localize(next.lesson_title as never, lang) : null,
        enrolledAt: new Date(first.enrolled_at).toISOString(),
        completedAt: first.completed_at ? new Date(first.completed_at).toISOString() : null,
      };
    });
  }
}

const kindMismatch = (kind: string) =>
  new ValidationError(
    'LESSON_KIND_MISMATCH',
    `A ${kind} lesson is completed by doing it (watching, ticking, opening or passing), not by this call.`,
  );
