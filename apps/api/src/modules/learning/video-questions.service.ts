import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerInShownIds,
  type AttemptQuestion,
  asBankQuestion,
  correctOptionIds,
  learnerView,
  localize,
  type VideoQuestion,
  videoQuestionLayout,
  videoQuestionsProgress,
  type VideoQuestionsProgress,
  type Language,
} from '@hocvuso/domain';
import type { LessonBodyOf, VideoAnswerResult, VideoQuestionView } from '@hocvuso/contracts';
import { answeredVideoQuestions, type Queryable, type VideoAnswerRow, videoAnswers } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import type { LessonMeta } from './lesson-directory.service';

type Lang = Language;
export type VideoLesson = LessonMeta<LessonBodyOf<'video'>>;

/**
 * What a learner sees of a video's pinned questions and where they stand (docs/in-video-questions.md): each
 * learner gets their own opaque option ids (an HMAC of a seed derived from the server secret, the learner and the
 * lesson revision), the same on every opening, so no id tells which option is right.
 */
@Injectable()
export class VideoQuestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The learner's layout of one question: option order and opaque ids. */
  layout(userId: string, lesson: VideoLesson, question: VideoQuestion): AttemptQuestion {
    const seed = createHmac('sha256', this.config.cookieSecret)
      .update(`video-questions\u0000${userId}\u0000${lesson.id}`)
      .digest('base64url');
    const keyOf = (questionId: string, optionId: string) =>
      createHmac('sha256', seed).update(`${questionId}\u0000${optionId}`).digest('base64url').slice(0, 10);
    return videoQuestionLayout(question, seed, keyOf);
  }

  /** A stored answer as the learner sees it: in their option ids, with the right ones and the explanation. */
  result(
    userId: string,
    lesson: VideoLesson,
    question: VideoQuestion,
    row: VideoAnswerRow,
    lang: Lang,
  ): VideoAnswerResult {
    const layout = this.layout(userId, lesson, question);
    const shown = (ids: string[]) => [answerInShownIds(layout, ids)].flat();
    const right = correctOptionIds(asBankQuestion(question));
    return {
      questionId: question.id,
      correct: row.correct,
      selected: shown(row.response),
      correctOptionIds: shown(right),
      explanation: localize(question.explanation, lang),
      answeredAt: new Date(row.answered_at).toISOString(),
    };
  }

  /** The lesson's questions for the learner (no answers before they answered) and their progress on them. */
  async views(
    userId: string,
    lesson: VideoLesson,
    lang: Lang,
  ): Promise<{ questions: VideoQuestionView[]; questionProgress: VideoQuestionsProgress }> {
    const { questions, requiredShare } = lesson.body;
    const rows = questions.length > 0 ? await videoAnswers(this.db, userId, lesson.id) : [];
    const byId = new Map(rows.map((r) => [r.question_id, r]));
    return {
      questions: questions.map((q) => {
        const view = learnerView(asBankQuestion(q), this.layout(userId, lesson, q), lang);
        const row = byId.get(q.id);
        return {
          id: view.id,
          at: q.at,
          type: q.type,
          prompt: view.prompt,
          options: view.options,
          answer: row ? this.result(userId, lesson, q, row, lang) : null,
        };
      }),
      questionProgress: videoQuestionsProgress(
        questions.map((q) => q.id),
        byId.keys(),
        requiredShare,
      ),
    };
  }

  /** The learner's progress on the lesson's questions, read on `db` (the transaction's manager inside one). */
  async progress(db: Queryable, userId: string, lesson: VideoLesson): Promise<VideoQuestionsProgress> {
    const { questions, requiredShare } = lesson.body;
    const ids = questions.map((q) => q.id);
    if (ids.length === 0) return videoQuestionsProgress([], [], requiredShare);
    const rows = await videoAnswers(db, userId, lesson.id);
    return videoQuestionsProgress(
      ids,
      rows.map((r) => r.question_id),
      requiredShare,
    );
  }

  /** Progress per video lesson with questions (by lesson revision id), for a course page's counts: one query. */
  async progressOf(
    userId: string,
    lessons: readonly VideoLesson[],
  ): Promise<Map<string, VideoQuestionsProgress>> {
    const asked = lessons.filter((l) => l.body.questions.length > 0);
    if (asked.length === 0) return new Map();
    const rows = await answeredVideoQuestions(
      this.db,
      userId,
      asked.map((l) => l.id),
    );
    const answered = new Map(rows.map((r) => [r.lesson_revision_id, r.question_ids]));
    return new Map(
      asked.map((l) => [
        l.id,
        videoQuestionsProgress(
          l.body.questions.map((q) => q.id),
          answered.get(l.id) ?? [],
          l.body.requiredShare,
        ),
      ]),
    );
  }
}
