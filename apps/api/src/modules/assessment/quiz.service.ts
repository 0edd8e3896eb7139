import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerInBankIds,
  assertLayoutMatches,
  type AttemptQuestion,
  type BankQuestion,
  buildAttempt,
  ConflictError,
  feedbackView,
  gradeAttempt,
  learnerView,
  type LocalizedText,
  localize,
  NotFoundError,
  validateAnswers,
  ValidationError,
  isUuid,
  learnerLayout,
  mayReveal,
  type QuizAllowance,
  OFFLINE_ATTEMPT_WINDOW_MINUTES,
  type Language,
} from '@hocvuso/domain';
import type { LessonBodyOf, QuizAttemptResponse, SubmitAttemptRequest } from '@hocvuso/contracts';
import {
  type AttemptRow,
  attemptHistory,
  competencyNames,
  bankForLesson,
  findAttempt,
  insertAttempt,
  lockEnrolment,
  lockSubmission,
  openAttempt,
  type Queryable,
  saveGradedSubmission,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { AdmissionGate, admissionLimit } from '../../common/db/admission-gate';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { type CompletionOutcome, CompletionService } from '../learning/completion.service';
import { LearningRecordsService } from '../learning/learning-records.service';
import { LearningService } from '../learning/learning.service';
import { LessonDirectory, type LessonMeta, lessonOfKind } from '../learning/lesson-directory.service';
import { allowanceOf, type QuizSettings, requireIdempotencyKey } from './quiz-rules';

type Lang = Language;
type QuizLesson = LessonMeta<LessonBodyOf<'quiz'>>;
interface LoadedBank {
  id: string;
  questions: BankQuestion[];
  /** Competency names by `framework:code`, for feedback that names what to revise. */
  topics: Map<string, LocalizedText>;
}

/** The opaque id a learner sees for an option in one attempt: HMAC of the secret seed, truncated. */
function optionKey(seed: string): (questionId: string, optionId: string) => string {
  return (questionId, optionId) =>
    createHmac('sha256', seed).update(`${questionId}\u0000${optionId}`).digest('base64url').slice(0, 10);
}
/** Answers that arrive this long after the deadline still count (network delay), never more. */
const SUBMIT_GRACE_SECONDS = 30;
/** Question banks kept in memory (immutable per content hash). */
const MAX_CACHED_BANKS = 500;

/**
 * Quizzes graded on the server: seeded attempts (a reload shows the same attempt), time and attempt limits,
 * idempotent submission, and no answer key in any payload before submission.
 */
@Injectable()
export class QuizService {
  private readonly banks = new Map<string, LoadedBank>();
  /** Submission transactions in flight: at most half the pool; a burst waits its turn here (docs/performance.md). */
  private readonly submissions: AdmissionGate;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LearningService) private readonly learning: LearningService,
    @Inject(LessonDirectory) private readonly lessons: LessonDirectory,
    @Inject(CompletionService) private readonly completion: CompletionService,
    @Inject(LearningRecordsService) private readonly records: LearningRecordsService,
  ) {
    this.submissions = new AdmissionGate(admissionLimit(config.db.max));
  }

  /**
   * Resumes the open attempt, or starts a new one while attempts remain. `offline`: drawn for a course download;
   * a new attempt then stays open on the server for the offline window, its time limit measured on the device
   * (docs/offline.md).
   */
  async startOrResume(
    userId: string,
    lessonId: string,
    lang: Lang,
    opts: { offline?: boolean } = {},
  ): Promise<{ created: boolean; attempt: QuizAttemptResponse }> {
    const lesson = await this.learning.enrolledLesson(userId, lessonId);
    const meta = lessonOfKind(lesson, 'quiz');
    if (!meta)
      throw new ValidationError('LESSON_KIND_MISMATCH', `This is a ${lesson.kind} lesson, not a quiz.`);
    const settings = meta.body.quiz;
    const bank = await this.bank(meta, settings);
    return this.db.transaction(async (tx) => {
      const ctx = await lockEnrolment(tx, userId, meta.courseId); // serialises concurrent starts
      const open = await openAttempt(tx, userId, meta.id);
      if (open) {
        const state = allowanceOf(settings, await attemptHistory(tx, userId, meta.id));
        return { created: false, attempt: this.view(open, meta, settings, bank, lang, state) };
      }
      const history = await attemptHistory(tx, userId, meta.id);
      const allowance = allowanceOf(settings, history);
      if (allowance.remaining !== null && allowance.remaining <= 0) {
        throw new ConflictError(
          'QUIZ_ATTEMPTS_EXHAUSTED',
          allowance.nextSetAt
            ? `All attempts of this quiz are used; new attempts open at ${allowance.nextSetAt.toISOString()}.`
            : `All ${settings.maxAttempts} attempts of this quiz are used.`,
          { maxAttempts: settings.maxAttempts, nextAttemptsAt: allowance.nextSetAt?.toISOString() ?? null },
        );
      }
      // Prefer questions the learner did not see in the last set (or earlier in this one), most recent attempt
      // first, as long as enough others remain (a set made longer by a grant still avoids the last attempts).
      const lastSet = allowance.attemptSets[allowance.attemptSets.length - 1];
      const avoid = new Set<string>();
      for (let i = history.attempts.length - 1; i >= 0 && allowance.attemptSets[i] === lastSet; i--) {
        const more = new Set([...avoid, ...history.attempts[i]!.question_ids]);
        if (
          avoid.size > 0 &&
          bank.questions.filter((q) => !more.has(q.id)).length < settings.questionsPerAttempt
        )
          break;
        for (const id of more) avoid.add(id);
      }
      const seed = randomUUID();
      const row = await insertAttempt(tx, {
        userId,
        lessonId: meta.id,
        bankId: bank.id,
        attemptNo: history.attempts.length + 1,
        seed,
        layout: buildAttempt(bank.questions, settings.questionsPerAttempt, seed, {
          keyOf: optionKey(seed),
          avoid,
        }),
        timeLimitMinutes: opts.offline ? OFFLINE_ATTEMPT_WINDOW_MINUTES : (settings.timeLimitMinutes ?? null),
      });
      if (!row)
        throw new ConflictError(
          'QUIZ_ATTEMPT_RACE',
          'Another attempt was started at the same moment; reload.',
        );
      await this.records.record(tx, [
        {
          pseudonym: ctx!.pseudonym,
          verb: 'initialized',
          activity: this.records.lessonActivity(meta.courseId, meta.key, meta.kind, meta.title),
          parent: this.records.courseActivity(meta.courseId, ctx!.course_title),
          registration: ctx!.enrolment_id,
          language: lang,
        },
      ]);
      const state = allowanceOf(settings, await attemptHistory(tx, userId, meta.id));
      return { created: true, attempt: this.view(row, meta, settings, bank, lang, state) };
    });
  }

  async get(userId: string, attemptId: string, lang: Lang): Promise<QuizAttemptResponse> {
    const row = isUuid(attemptId) ? await findAttempt(this.db, attemptId, userId) : undefined;
    if (!row) throw new NotFoundError('QUIZ_ATTEMPT_NOT_FOUND', 'There is no such quiz attempt.');
    const meta = await this.quizLesson(row.lesson_revision_id);
    const settings = meta.body.quiz;
    const bank = await this.bank(meta, settings);
    const state = allowanceOf(settings, await attemptHistory(this.db, userId, meta.id));
    return this.view(row, meta, settings, bank, lang, state);
  }

  /**
   * Grades a submission once. The same Idempotency-Key returns the stored result; another key after
   * submission, or any submission after the time limit, is a 409 and changes nothing.
   *
   * A failed attempt costs four statements (BEGIN, `lockSubmission`, `saveGradedSubmission`, COMMIT): one read
   * locks the enrolment and then the attempt; one write grades it, appends the xAPI statements and reads the
   * history and the outline for the answer. A pass completes the lesson in the same write and reads the outline
   * for the course's rule (five); completing the course adds its own writes.
   */
  async submit(
    userId: string,
    attemptId: string,
    idempotencyKey: string | undefined,
    body: SubmitAttemptRequest,
    lang: Lang,
  ): Promise<QuizAttemptResponse> {
    const key = requireIdempotencyKey(idempotencyKey, 'submission');
    if (!isUuid(attemptId))
      throw new NotFoundError('QUIZ_ATTEMPT_NOT_FOUND', 'There is no such quiz attempt.');
    // A crowd of submissions waits for its turn at the gate, in order, rather than for a pooled connection (which
    // fails after the pool's acquire timeout).
    const { outcome, response } = await this.submissions.run(() =>
      this.db.transaction(
        async (tx): Promise<{ outcome?: CompletionOutcome; response: QuizAttemptResponse }> => {
          // Lock order, the same as startOrResume: the enrolment first, then the attempt (one statement).
          const locked = await lockSubmission(tx, attemptId, userId, SUBMIT_GRACE_SECONDS);
          if (!locked) throw new NotFoundError('QUIZ_ATTEMPT_NOT_FOUND', 'There is no such quiz attempt.');
          const { attempt: row, enrolment: ctx } = locked;
          // The lesson revision and its bank never change: cached in memory; a cold cache reads them on this
          // transaction's own connection (never a second pooled one).
          const meta = await this.quizLesson(row.lesson_revision_id, tx);
          const settings = meta.body.quiz;
          const bank = await this.bank(meta, settings, tx);
          if (row.submitted_at) {
            if (row.idempotency_key !== key)
              throw new ConflictError('QUIZ_ATTEMPT_CLOSED', 'This attempt was already submitted.');
            const state = allowanceOf(settings, await attemptHistory(tx, userId, meta.id));
            const enrolment = await this.learning.summaryAfter(tx, userId, lang, meta.courseId, undefined);
            return { response: { ...this.view(row, meta, settings, bank, lang, state), enrolment } };
          }
          if (row.late)
            throw new ConflictError(
              'QUIZ_TIME_LIMIT_EXCEEDED',
              'The time for this attempt is over; start a new attempt if any remain.',
            );
          const layout = row.layout;
          // Answers arrive in the attempt's opaque ids; they are graded and stored in bank ids.
          const shown = validateAnswers(layout.map(learnerLayout), body.answers);
          const answers = Object.fromEntries(
            layout
              .filter((q) => shown[q.id] !== undefined)
              .map((q) => [q.id, answerInBankIds(q, shown[q.id]!)]),
          );
          const ordered = this.orderedQuestions(layout, bank.questions);
          const grade = gradeAttempt(ordered, answers, settings.passMark);
          const quizActivity = this.records.lessonActivity(meta.courseId, meta.key, meta.kind, meta.title);
          const saved = await saveGradedSubmission(tx, {
            attemptId: row.id,
            userId,
            courseId: meta.courseId,
            lessonId: meta.id,
            idempotencyKey: key,
            answers,
            scorePercent: grade.scorePercent,
            passed: grade.passed,
            statements: this.records.statements([
              ...ordered.map((q, i) => ({
                pseudonym: ctx.pseudonym,
                verb: 'answered' as const,
                activity: this.records.questionActivity(meta.courseId, meta.key, q.id, q.prompt),
                parent: quizActivity,
                registration: ctx.enrolment_id,
                result: {
                  success: grade.perQuestion[i]!.correct,
                  scaled: grade.perQuestion[i]!.score,
                  response:
                    answers[q.id] === undefined ? '' : ([] as string[]).concat(answers[q.id]!).join('[,]'),
                },
              })),
              {
                pseudonym: ctx.pseudonym,
                verb: grade.passed ? ('passed' as const) : ('failed' as const),
                activity: quizActivity,
                registration: ctx.enrolment_id,
                result: { success: grade.passed, scaled: grade.scorePercent / 100, completion: true },
              },
            ]),
            // A failed attempt completes nothing, so the outline read with the grade is the one committed.
            withOutline: !grade.passed,
            // A pass completes the lesson (passed) in the same statement, with its record when it completed it now.
            completion: grade.passed
              ? this.records.statements([
                  this.completion.lessonCompletedEvent(meta, ctx, {
                    success: true,
                    scaled: grade.scorePercent / 100,
                  }),
                ])
              : undefined,
          });
          // The attempt is locked and was open, so the update always applies.
          if (!saved) throw new ConflictError('QUIZ_ATTEMPT_CLOSED', 'This attempt was already submitted.');
          // Then the course, when this pass met its rule (it reads the outline the answer shows).
          const outcome: CompletionOutcome | undefined = grade.passed
            ? {
                lessonCompleted: saved.lessonCompleted,
                ...(await this.completion.completeCourseIfDone(tx, userId, meta.courseId, ctx)),
              }
            : undefined;
          const state = allowanceOf(settings, saved.history);
          const outline = saved.outline ?? outcome?.outline;
          const enrolment = outline
            ? this.learning.toSummaries(outline, lang)[0]
            : await this.learning.summaryAfter(tx, userId, lang, meta.courseId, outcome);
          return {
            outcome,
            response: { ...this.view(saved.attempt, meta, settings, bank, lang, state), enrolment },
          };
        },
      ),
    );
    await this.completion.announce(outcome);
    return response;
  }

  /** A quiz lesson by revision id (an attempt's lesson always is one); `db`: the transaction inside one. */
  private async quizLesson(lessonId: string, db: Queryable = this.db): Promise<QuizLesson> {
    const meta = lessonOfKind((await this.lessons.find(lessonId, db))!, 'quiz');
    if (!meta) throw new NotFoundError('QUIZ_ATTEMPT_NOT_FOUND', 'There is no such quiz attempt.');
    return meta;
  }

  /**
   * The question bank of a quiz lesson, cached: a bank is immutable for its content hash. Inside a transaction
   * pass its manager as `db` (a cache miss then reads on the transaction's connection, never a second one).
   */
  private async bank(meta: LessonMeta, settings: QuizSettings, db: Queryable = this.db): Promise<LoadedBank> {
    const cacheKey = `${meta.courseId}\u0000${settings.bank}\u0000${settings.bankHash}`;
    const hit = this.banks.get(cacheKey);
    if (hit) return hit;
    const bank = await bankForLesson(db, meta.courseId, settings.bank, settings.bankHash);
    if (!bank)
      throw new NotFoundError(
        'QUIZ_BANK_NOT_FOUND',
        'The question bank of this quiz is missing; re-import the content.',
      );
    const questions = bank.questions;
    const topics = await competencyNames(db, [...new Set(questions.map((q) => q.competency))]);
    const loaded: LoadedBank = { id: bank.id, questions, topics };
    if (this.banks.size >= MAX_CACHED_BANKS) this.banks.delete(this.banks.keys().next().value as string);
    this.banks.set(cacheKey, loaded);
    return loaded;
  }

  private orderedQuestions(layout: AttemptQuestion[], questions: BankQuestion[]): BankQuestion[] {
    const byId = new Map(questions.map((q) => [q.id, q]));
    return layout.map((l) => {
      const q = byId.get(l.id);
      if (!q)
        throw new ConflictError('QUIZ_LAYOUT_MISMATCH', 'This attempt no longer matches its question bank.');
      assertLayoutMatches(q, l);
      return q;
    });
  }

  /** The learner's payload: questions without any answer key while open; feedback only once submitted. */
  private view(
    row: AttemptRow,
    meta: LessonMeta,
    settings: QuizSettings,
    bank: LoadedBank,
    lang: Lang,
    allowance: QuizAllowance,
  ): QuizAttemptResponse {
    const layout = row.layout;
    const ordered = this.orderedQuestions(layout, bank.questions);
    const submitted = Boolean(row.submitted_at);
    const reveal = mayReveal(settings.reveal, allowance);
    const topic = (code: string) => {
      const name = bank.topics.get(code);
      return name ? localize(name, lang) : null;
    };
    return {
      id: row.id,
      lessonId: meta.id,
      attemptNo: row.attempt_no,
      maxAttempts: settings.maxAttempts ?? null,
      passMark: settings.passMark,
      status: submitted ? 'submitted' : row.expired ? 'expired' : 'open',
      startedAt: new Date(row.started_at).toISOString(),
      deadlineAt: row.deadline_at ? new Date(row.deadline_at).toISOString() : null,
      remainingSeconds: submitted ? null : row.remaining_seconds,
      questions: ordered.map((q, i) => learnerView(q, layout[i]!, lang)),
      result: submitted
        ? {
            scorePercent: Number(row.score_percent),
            passed: row.passed === true,
            revealed: reveal,
            questions: ordered.map((q, i) => ({
              ...feedbackView(q, row.answers?.[q.id], lang, layout[i], reveal),
              topic: topic(q.competency),
            })),
          }
        : null,
      reveal: settings.reveal ?? 'afterPass',
      attemptsLeft: allowance.remaining,
      nextAttemptsAt: allowance.nextSetAt?.toISOString() ?? null,
    };
  }
}
