import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssistantAnswer, AssistantAskRequest } from '@hocvuso/contracts';
import {
  type AnswerPassage,
  assistantTerms,
  composeAnswer,
  containsInjection,
  isSupported,
  passageSearchText,
  rankPassages,
  redactPersonalData,
} from '@hocvuso/domain';
import { assistantCandidates, assistantStats, type Queryable } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { type AssistantModelSettings, phraseWithModel } from './assistant-model.client';

/** How many candidate passages the database hands to the ranking at most. */
const CANDIDATES = 200;

const FALLBACK_TEXT = {
  vi: 'Mình không tìm thấy câu trả lời trong các bài học. Bạn hãy hỏi cán bộ hỗ trợ của xã, phường nơi bạn ở.',
  en: "I don't know: the lessons do not answer this. Please ask your commune's help officer.",
} as const;

/**
 * Answers a question from the published lessons only (docs/assistant.md): retrieve (terms folded like the
 * index, candidates from Postgres), rank (BM25), compose by quoting, and optionally let the configured model
 * phrase it. Nothing about the asker is read or kept, and the question is never logged. A plain function, so the
 * evaluation (`cli assistant:eval`) measures exactly what the api answers.
 */
export async function answerQuestion(
  db: Queryable,
  request: AssistantAskRequest,
  model?: AssistantModelSettings,
): Promise<AssistantAnswer> {
  const { question, lang, courseId } = request;
  const fallback = (): AssistantAnswer => ({
    answer: FALLBACK_TEXT[lang],
    citations: [],
    grounded: false,
    fallback: 'ASK_HELP_OFFICER',
    phrasedBy: 'lessons',
  });
  // A question that tries to instruct the assistant is refused, whatever else it asks.
  if (containsInjection(question)) return fallback();
  // Phone numbers, e-mails and ID numbers are nobody's search terms: they would only dilute the question.
  const terms = assistantTerms(redactPersonalData(question, false)).slice(0, 64);
  if (terms.length === 0) return fallback();
  const [rows, stats] = await Promise.all([
    assistantCandidates(db, { lang, courseId, terms, limit: CANDIDATES }),
    assistantStats(db, { lang, courseId, terms }),
  ]);
  const candidates = rows.map((r) => {
    const title = r.lesson_title[lang] ?? r.lesson_title['vi'] ?? r.lesson_key;
    const item: AnswerPassage = {
      courseId: r.course_id,
      lessonId: r.lesson_id,
      lessonKey: r.lesson_key,
      title,
      heading: r.heading,
      text: r.body,
    };
    return { item, terms: assistantTerms(passageSearchText(title, r.heading, r.body)) };
  });
  const ranked = rankPassages(terms, candidates, {
    passages: stats.passages,
    averageLength: stats.average_length,
    documentFrequency: stats.document_frequency,
  });
  const composed = composeAnswer(question, ranked);
  if (composed.fallback) return fallback();
  const citations = composed.citations.map(({ passage, quote }) => ({
    courseSlug: passage.courseId,
    lessonId: passage.lessonId,
    lessonKey: passage.lessonKey,
    title: passage.title,
    quote,
    url: `/lessons/${passage.lessonId}`,
  }));
  const extractive: AssistantAnswer = {
    answer: composed.sentences.join('\n'),
    citations,
    grounded: composed.grounded,
    phrasedBy: 'lessons',
  };
  if (!model) return extractive;
  const passages = composed.citations.map((c) => c.passage.text);
  const phrased = await phraseWithModel(model, { question, lang, passages });
  // A phrasing that brings in words the cited lessons do not hold is dropped for the quotes.
  if (!phrased || containsInjection(phrased) || !isSupported(phrased, passages)) return extractive;
  return { ...extractive, answer: phrased, grounded: true, phrasedBy: 'model' };
}

/** The api's side of the assistant: the database and the configured model. */
@Injectable()
export class AssistantService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  ask(request: AssistantAskRequest): Promise<AssistantAnswer> {
    return answerQuestion(this.db, request, this.config.assistant.model);
  }
}
