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
import type { DataSource } from 'typeorm';
import { type CompletionOutcome, CompletionService } from './completion.service';
import { LearningRecordsService } from './learning-records.service';
import { LearningService } from './learning.service';
import { LessonDirectory, lessonOfKind } from './lesson-directory.service';
import { type VideoLesson, VideoQuestionsService } from './video-questions.service';

type Lang = Language;

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
    // The lesson's address (or an older revision's id) stands for the revision of the current version.
    const found = await this.lessons.findCurrent(lessonId);
    if (!found) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    const lesson = lessonOfKind(found, 'video');
    const question = lesson?.body.questions.find((q) => q.id === questionId);
    if (!lesson || !question) throw questionNotFound();
    await this.learning.enrolledLesson(userId, lessonId); // NOT_ENROLLED, LESSON_NOT_FOUND
    // In the learner's opaque ids: an id of another learner, question or lesson is refused here.
    const layout = this.questions.layout(userId, lesson, question);
    const given = validateAnswers([learnerLayout(layout)], { [question.id]: body.answer })[question.id]!;
    const grade = gradeVideoAnswer(question, answerInBankIds(layout, given));

    const { outcome, response } = await this.db.transaction(async (tx) => {
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
              response:
                question.type === 'truefalse' ? grade.response[0]! : xapiChoiceResponse(grade.response),
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
    });
    await this.completion.announce(outcome);
    return response;
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
