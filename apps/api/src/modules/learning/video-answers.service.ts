import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerInBankIds,
  ConflictError,
  DomainError,
  gradeVideoAnswer,
  isVideoQuestionReached,
  learnerLayout,
  NotFoundError,
  validateAnswers,
  videoQuestionsSatisfied,
  xapiChoiceResponse,
  type VideoQuestion,
  type Language,
} from '@hocvuso/domain';
import type { LessonStatus, VideoAnswerRequest, VideoAnswerResponse } from '@hocvuso/contracts';
import {
  insertVideoAnswer,
  lessonStatus,
  lockEnrolment,
  lockVideoProgress,
  parseMultirange,
  videoAnswers,
} from '@hocvuso/db';
import type { DataSource, EntityManager } from 'typeorm';
import { type CompletionOutcome, CompletionService } from './completion.service';
import { LearningRecordsService } from './learning-records.service';
import { LearningService } from './learning.service';
import { LessonDirectory, lessonOfKind } from './lesson-directory.service';
import { type VideoLesson, VideoQuestionsService } from './video-questions.service';

type Lang = Language;

/** An answer checked against the learner's option ids and graded, not yet stored (`VideoAnswersService.prepare`). */
export interface PreparedVideoAnswer {
  lesson: VideoLesson;
  question: VideoQuestion;
  grade: ReturnType<typeof gradeVideoAnswer>;
}

const questionNotFound = () =>
  new NotFoundError('VIDEO_QUESTION_NOT_FOUND', 'This video lesson has no such question.');

/**
 * Answers to questions pinned in videos (docs/in-video-questions.md): graded on the server; the FIRST answer is
 * stored and recorded (xAPI `answered` with the interaction definition), a replay gets it back, a different later
 * answer changes nothing; a question opens only once the server credited the video up to it; the answer that
 * brings the required share completes the lesson (and maybe the course) when the video is already watched.
 */
@Injectable()
export class VideoAnswersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LessonDirectory) private readonly lessons: LessonDirectory,
    @Inject(LearningService) private readonly learning: LearningService,
    @Inject(VideoQuestionsService) private readonly questions: VideoQuestionsService,
    @Inject(CompletionService) private readonly completion: CompletionService,
    @Inject(LearningRecordsService) private readonly records: LearningRecordsService,
  ) {}

  async answer(
    userId: string,
    lessonId: string,
    questionId: string,
    body: VideoAnswerRequest,
    lang: Lang,
  ): Promise<VideoAnswerResponse> {
    const given = await this.prepare(userId, lessonId, questionId, body.answer);
    const { outcome, response } = await this.db.transaction((tx) => this.answerIn(tx, userId, given, lang));
    await this.completion.announce(outcome);
    return response;
  }

  /**
   * Checks an answer before any lock: the question must be one of the current revision of an enrolled lesson
   * (`VIDEO_QUESTION_NOT_FOUND`, `NOT_ENROLLED`, `LESSON_NOT_FOUND`) and the answer in the option ids offered to
   * this learner with the question's shape (`INVALID_ANSWERS`); grades it. The offline sync checks its
   * `video-answer` events with it too.
   */
  async prepare(
    userId: string,
    lessonId: string,
    questionId: string,
    answer: VideoAnswerRequest['answer'],
  ): Promise<PreparedVideoAnswer> {
    // The lesson's address (or an older revision's id) stands for the revision of the current version.
    const found = await this.lessons.findCurrent(lessonId);
    if (!found) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    const lesson = lessonOfKind(found, 'video');
    const question = lesson?.body.questions.find((q) => q.id === questionId);
    if (!lesson || !question) throw questionNotFound();
    await this.learning.enrolledLesson(userId, lessonId); // NOT_ENROLLED, LESSON_NOT_FOUND
    // In the learner's opaque ids: an id of another learner, question or lesson is refused here.
    const layout = this.questions.layout(userId, lesson, question);
    const given = validateAnswers([learnerLayout(layout)], { [question.id]: answer })[question.id]!;
    return { lesson, question, grade: gradeVideoAnswer(question, answerInBankIds(layout, given)) };
  }

  /**
   * Stores a prepared answer in the caller's transaction, the one path online and at an offline sync: under the
   * enrolment lock and the video's row lock, the first answer stands (a later one gets it back, `replayed`); the
   * question must be reached in the credited coverage (`VIDEO_QUESTION_NOT_REACHED`); the answer that brings the
   * required share of a watched video completes the lesson. Answers the completion to announce after commit.
   */
  async answerIn(
    tx: EntityManager,
    userId: string,
    { lesson, question, grade }: PreparedVideoAnswer,
    lang: Lang,
  ): Promise<{ outcome: CompletionOutcome | undefined; response: VideoAnswerResponse }> {
    const enrolment = await lockEnrolment(tx, userId, lesson.courseId);
    if (!enrolment)
      throw new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course to open its lessons.');
    const video = await lockVideoProgress(tx, userId, lesson.id);
    if (!video)
      throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before answering its questions.');
    const before = (await videoAnswers(tx, userId, lesson.id)).find((r) => r.question_id === question.id);
    let stored = before;
    let outcome: CompletionOutcome | undefined;
    if (!before) {
      const watched = parseMultirange(video.watched);
      if (!isVideoQuestionReached(watched, question.at, lesson.body.completionThreshold)) {
        throw new ConflictError(
          'VIDEO_QUESTION_NOT_REACHED',
          `Watch the video up to ${question.at} s before answering this question.`,
          { at: question.at },
        );
      }
      stored = await insertVideoAnswer(tx, {
        userId,
        lessonId: lesson.id,
        questionId: question.id,
        response: grade.response,
        correct: grade.correct,
      });
      // The video row is locked, so no other answer to this question can commit between the read and the insert.
      if (!stored) throw new ConflictError('VIDEO_QUESTION_ANSWER_RACE', 'Try again.');
      await this.records.record(tx, [
        {
          pseudonym: enrolment.pseudonym,
          verb: 'answered',
          activity: this.questionActivity(lesson, question),
          parent: this.records.lessonActivity(lesson.courseId, lesson.key, lesson.kind, lesson.title),
          registration: enrolment.enrolment_id,
          language: lang,
          result: {
            success: grade.correct,
            response: question.type === 'truefalse' ? grade.response[0]! : xapiChoiceResponse(grade.response),
          },
        },
      ]);
    }
    const questionProgress = await this.questions.progress(tx, userId, lesson);
    if (!before && video.completed && videoQuestionsSatisfied(questionProgress)) {
      outcome = await this.completion.completeLesson(tx, userId, lesson, {
        enrolment,
        result: { progress: 1 },
      });
    }
    const status = ((await lessonStatus(tx, userId, lesson.id))?.status ?? 'in_progress') as LessonStatus;
    const summary = await this.learning.summaryAfter(tx, userId, lang, lesson.courseId, outcome);
    return {
      outcome,
      response: {
        ...this.questions.result(userId, lesson, question, stored!, lang),
        replayed: Boolean(before),
        questionProgress,
        status,
        enrolment: summary!,
      },
    };
  }

  /** The question as an xAPI activity with its full interaction definition, in the lesson's option ids. */
  private questionActivity(lesson: VideoLesson, question: VideoQuestion) {
    const base = this.records.questionActivity(lesson.courseId, lesson.key, question.id, question.prompt);
    if (question.type === 'truefalse') {
      return {
        ...base,
        description: question.prompt,
        interaction: {
          interactionType: 'true-false' as const,
          correctResponsesPattern: [String(question.answer)],
        },
      };
    }
    return {
      ...base,
      description: question.prompt,
      interaction: {
        interactionType: 'choice' as const,
        correctResponsesPattern: [
          xapiChoiceResponse(question.options.filter((o) => o.correct === true).map((o) => o.id)),
        ],
        choices: question.options.map((o) => ({ id: o.id, description: o.text })),
      },
    };
  }
}
