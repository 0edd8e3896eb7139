import {
  countWords,
  courseRequirements,
  DEFAULT_VIDEO_COMPLETION_THRESHOLD,
  type LocalizedText,
  minimumReadingSeconds,
  quizDraftProblems,
  type VideoQuestion,
  type VideoStatus,
  videoQuestionProblems,
} from '@hocvuso/domain';
import type {
  CourseData,
  DraftProblem,
  LessonData,
  QuestionBankData,
  StudioDraft,
  StudioLesson,
} from '@hocvuso/contracts';
import { assembleCourse, type CompetencyIndex, hashLesson } from './assemble-course';
import { contentHash, sha256 } from './hash';
import { markdownText, renderMarkdown } from './markdown';

export type StudioBuild =
  { course: CourseData; problems: [] } | { course?: undefined; problems: DraftProblem[] };

/**
 * Checks that a studio draft is complete enough to publish and turns it into the same importable course the
 * content files produce, so a studio course is versioned, searched, tracked and certified like any other.
 * Studio courses have one module holding every lesson; completing every lesson and passing every quiz completes
 * the course (`courseRequirements`, the rule the credential's criteria text is written from). A quiz lesson
 * becomes a quiz lesson with its own question bank (key = the lesson's key), as a file course has, with option
 * ids re-keyed to opaque ones so no id says which option is right or where an item stands.
 */
export function buildStudioCourse(
  courseId: string,
  edition: string,
  draft: StudioDraft,
  competencies: CompetencyIndex,
  materials: ReadonlyMap<string, StudioMaterialRef> = new Map(),
  videos: ReadonlyMap<string, StudioVideoRef> = new Map(),
  narrations: ReadonlyMap<string, StudioNarrationRef> = new Map(),
): StudioBuild {
  const problems: DraftProblem[] = [];
  const langs = draft.languages;
  const requireText = (field: string, t: Record<string, string | undefined>) => {
    for (const l of langs)
      if (!t[l]?.trim()) problems.push({ field: `${field}.${l}`, message: `expected the text in ${l}` });
  };
  if (!langs.includes(draft.defaultLanguage))
    problems.push({
      field: 'languages',
      message: `expected to include the main language "${draft.defaultLanguage}"`,
    });
  if (new Set(langs).size !== langs.length)
    problems.push({ field: 'languages', message: 'expected each language once' });
  requireText('title', draft.title);
  requireText('summary', draft.summary);
  if (draft.targetGroups.length === 0)
    problems.push({ field: 'targetGroups', message: 'expected at least one target group' });
  if (draft.competencies.length === 0)
    problems.push({ field: 'competencies', message: 'expected at least one framework competency' });
  draft.competencies.forEach((c, i) => {
    const known = competencies.get(`${c.framework}:${c.code}`);
    if (!known)
      problems.push({ field: `competencies.${i}`, message: `unknown competency "${c.framework}:${c.code}"` });
    else if (c.level !== null && !known.levels.includes(c.level)) {
      problems.push({
        field: `competencies.${i}.level`,
        message: `expected one of the framework's levels ${known.levels.join(', ')}`,
      });
    }
  });
  if (draft.lessons.length === 0)
    problems.push({ field: 'lessons', message: 'expected at least one lesson' });
  const keys = new Set<string>();
  const lessons: LessonData[] = [];
  const banks: QuestionBankData[] = [];
  draft.lessons.forEach((lesson, i) => {
    const at = `lessons.${i}`;
    const before = lessons.length;
    if (keys.has(lesson.key))
      problems.push({
        field: `${at}.key`,
        message: `expected lesson ids to be unique ("${lesson.key}" repeats)`,
      });
    keys.add(lesson.key);
    requireText(`${at}.title`, lesson.title);
    const title = pickLangs(lesson.title, langs);
    if (lesson.kind === 'text') {
      requireText(`${at}.body`, lesson.body);
      const words = countWords(markdownText(lesson.body[draft.defaultLanguage] ?? ''));
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'text',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.body[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: minimumReadingSeconds(words),
          data: {},
          competencies: [],
        }),
      );
    } else if (lesson.kind === 'quiz') {
      const quizProblems = quizDraftProblems(lesson, {
        languages: langs,
        competencies: draft.competencies.map((c) => `${c.framework}:${c.code}`),
      });
      for (const p of quizProblems)
        if (p.blocking)
          problems.push({
            field: `${at}.${p.path}`,
            message: p.message,
            code: p.code,
            blocking: true,
            ...(p.params ? { params: p.params } : {}),
          });
      const bank = studioBank(courseId, lesson, langs);
      banks.push(bank);
      const s = lesson.settings;
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'quiz',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.instructions[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: 0,
          data: {
            quiz: {
              bank: bank.key,
              questionsPerAttempt: s.questionsPerAttempt,
              passMark: s.passMark,
              ...(s.timeLimitMinutes !== null ? { timeLimitMinutes: s.timeLimitMinutes } : {}),
              ...(s.maxAttempts !== null ? { maxAttempts: s.maxAttempts } : {}),
              reveal: s.reveal,
              ...(s.retakeCooldownHours !== null ? { retakeCooldownHours: s.retakeCooldownHours } : {}),
              bankHash: bank.contentHash,
            },
          },
          competencies: [...new Set(lesson.questions.flatMap((q) => (q.competency ? [q.competency] : [])))],
        }),
      );
    } else if (lesson.kind === 'document') {
      // The file stays a course material, served by the materials route (attachment, nosniff, sandbox); the
      // lesson stores the content format's document shape with the material as its source.
      const material = lesson.materialId === null ? undefined : materials.get(lesson.materialId);
      if (!material)
        problems.push({ field: `${at}.materialId`, message: 'expected a material of this course' });
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'document',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.body[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: 0,
          data: {
            document: { src: materialSource(lesson.materialId ?? ''), mediaType: material?.mediaType ?? '' },
            mediaHashes: [material?.sha256 ?? null],
          },
          competencies: [],
        }),
      );
    } else if (lesson.kind === 'video') {
      lessons.push(studioVideoLesson(lesson, at, langs, videos.get(lesson.videoId ?? ''), problems));
    } else {
      if (lesson.items.length === 0)
        problems.push({ field: `${at}.items`, message: 'expected at least one checklist item' });
      lesson.items.forEach((item, j) => requireText(`${at}.items.${j}`, item));
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'checklist',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(langs.map((l) => [l, ''])) as LocalizedText,
          minReadSeconds: 0,
          data: { items: lesson.items.map((item) => pickLangs(item, langs)) },
          competencies: [],
        }),
      );
    }
    // The narration rides on any kind of lesson: added to the lesson just built, then hashed again.
    const built = lessons[before];
    const audio = studioLessonAudio(lesson, at, langs, narrations, problems);
    if (built && audio) {
      const { contentHash: _old, ...rest } = built;
      lessons[before] = hashLesson({ ...rest, data: { ...rest.data, audio } });
    }
  });
  if (problems.length > 0) return { problems };

  const course = assembleCourse(
    {
      id: courseId,
      edition,
      defaultLanguage: draft.defaultLanguage,
      languages: langs,
      title: pickLangs(draft.title, langs),
      summary: pickLangs(draft.summary, langs),
      description: pickLangs(draft.description, langs),
      targetGroups: draft.targetGroups,
      subGroups: draft.subGroups,
      competencies: draft.competencies,
      estimatedMinutes: Math.max(
        1,
        draft.lessons.reduce((sum, l) => sum + l.minutes, 0),
      ),
      certificate: draft.certificate,
      completion: courseRequirements(lessons.map(requirementOf)).completion,
      modules: [
        { key: 'main', title: pickLangs(draft.title, langs), lessons: draft.lessons.map((l) => l.key) },
      ],
    },
    lessons,
    banks,
    competencies,
  );
  return { course, problems: [] };
}

/**
 * A studio video lesson as the content format stores a video lesson (`lesson_revisions.data`), so the player,
 * heartbeats, in-video questions and completion treat it exactly as a file course's: the video's storage keys
 * (`videos/<id>/…`, served by the videos module), its probed duration, the captions it has now (keys hold their
 * SHA-256, so replacing a caption makes a new revision and old versions keep theirs), and the pinned questions.
 */
function studioVideoLesson(
  lesson: Extract<StudioLesson, { kind: 'video' }>,
  at: string,
  langs: string[],
  video: StudioVideoRef | undefined,
  problems: DraftProblem[],
): LessonData {
  if (!video) problems.push({ field: `${at}.videoId`, message: 'expected a video of this course' });
  else if (video.status !== 'ready' || !video.hlsKey || !video.posterKey)
    problems.push({ field: `${at}.videoId`, message: 'expected the video to be transcoded' });
  const questions = lesson.questions.map((q): VideoQuestion => {
    const base = {
      id: q.id,
      at: q.at,
      prompt: pickLangs(q.prompt, langs),
      explanation: pickLangs(q.explanation, langs),
    };
    return q.type === 'truefalse'
      ? { ...base, type: 'truefalse', answer: q.answer }
      : {
          ...base,
          type: q.type,
          options: q.options.map((o) => ({
            id: o.id,
            text: pickLangs(o.text, langs),
            ...(o.correct ? { correct: true } : {}),
          })),
        };
  });
  // Every text of a pinned question in every language of the course (coded, so the editor words it).
  const requireQuestionText = (field: string, t: Record<string, string | undefined>) => {
    for (const l of langs)
      if (!t[l]?.trim())
        problems.push({
          field: `${field}.${l}`,
          message: `expected the text in ${l}`,
          code: 'VIDEO_QUESTION_TEXT_MISSING',
          blocking: true,
          params: { language: l },
        });
  };
  lesson.questions.forEach((q, j) => {
    requireQuestionText(`${at}.questions.${j}.prompt`, q.prompt);
    requireQuestionText(`${at}.questions.${j}.explanation`, q.explanation);
    if (q.type !== 'truefalse')
      q.options.forEach((o, k) => requireQuestionText(`${at}.questions.${j}.options.${k}.text`, o.text));
  });
  if (video)
    for (const p of videoQuestionProblems(questions, video.durationSeconds))
      problems.push({
        field: `${at}.questions${p.path ? `.${p.path}` : ''}`,
        message: p.message,
        code: p.code,
        blocking: true,
      });
  const captions = [...(video?.captions ?? [])].sort((a, b) => (a.language < b.language ? -1 : 1));
  return hashLesson({
    key: lesson.key,
    kind: 'video',
    minutes: lesson.minutes,
    title: pickLangs(lesson.title, langs),
    bodyHtml: Object.fromEntries(
      langs.map((l) => [l, renderMarkdown((lesson.body as Record<string, string | undefined>)[l] ?? '')]),
    ) as LocalizedText,
    minReadSeconds: 0,
    data: {
      video: {
        src: video?.originalKey ?? '',
        hls: video?.hlsKey ?? '',
        poster: video?.posterKey ?? '',
        durationSeconds: video?.durationSeconds ?? 0,
        completionThreshold: DEFAULT_VIDEO_COMPLETION_THRESHOLD,
        // Like a file course: a video without questions stores none (its hash does not move).
        ...(questions.length > 0 ? { questions, requiredShare: lesson.requiredShare } : {}),
      },
      captions: Object.fromEntries(captions.map((c) => [c.language, c.storageKey])),
      // The video's hash, the HLS playlist's (not recorded for studio videos), then the captions' in order.
      mediaHashes: [video?.sha256 ?? null, null, ...captions.map((c) => c.sha256)],
    },
    competencies: [],
  });
}

/** What a video lesson needs of the course video it shows (the api loads the course's own videos). */
export interface StudioVideoRef {
  readonly status: VideoStatus;
  /** `videos/<id>/original.<ext>`. */
  readonly originalKey: string;
  readonly sha256: string;
  readonly durationSeconds: number;
  /** `videos/<id>/hls/master.m3u8` and `videos/<id>/poster.jpg`, once ready. */
  readonly hlsKey: string | null;
  readonly posterKey: string | null;
  /** Its caption files now: `videos/<id>/captions/<sha256>.vtt`. */
  readonly captions: ReadonlyArray<{ language: string; storageKey: string; sha256: string }>;
}

/** The address under `/api/videos/` of a studio video's stored file (`videos/<id>/…`), or undefined. */
export function studioVideoPath(key: string): string | undefined {
  const m =
    /^videos\/([0-9a-f-]{36})\/(original\.[a-z0-9]{2,4}|hls\/master\.m3u8|poster\.jpg|captions\/[0-9a-f]{64}\.vtt)$/.exec(
      key,
    );
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** What a lesson's narration needs of the uploaded file (the api loads the course's own narrations). */
export interface StudioNarrationRef {
  readonly mediaType: string;
  readonly sha256: string;
  readonly durationSeconds: number;
}

/** The `audio.<lang>.src` of a studio lesson's narration: the narration's id under `narrations/` (no file path). */
export const narrationSource = (narrationId: string) => `narrations/${narrationId}`;

/** The narration id a lesson's `audio.<lang>.src` names, or undefined for a file of the content folder. */
export function narrationIdOf(src: string): string | undefined {
  return /^narrations\/([0-9a-f-]{36})$/.exec(src)?.[1];
}

/**
 * A studio lesson's narration as the content format stores it (`lesson_revisions.data.audio`, docs/read-aloud.md):
 * per language of the course, the narration's source, hash, type and probed length; undefined when it has none, so
 * a lesson without narration keeps exactly its data and hash. A narration not of this course is a problem.
 */
function studioLessonAudio(
  lesson: StudioLesson,
  at: string,
  langs: string[],
  narrations: ReadonlyMap<string, StudioNarrationRef>,
  problems: DraftProblem[],
): Record<string, unknown> | undefined {
  // A language the course does not offer is dropped, as its texts are (pickLangs).
  const entries = Object.entries(lesson.audio ?? {})
    .filter(([lang]) => langs.includes(lang))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [lang, id] of entries) {
    const n = narrations.get(id);
    if (!n) problems.push({ field: `${at}.audio.${lang}`, message: 'expected a narration of this course' });
    else
      out[lang] = {
        src: narrationSource(id),
        sha256: n.sha256,
        mediaType: n.mediaType,
        durationSeconds: n.durationSeconds,
        synthetic: false,
      };
  }
  return out;
}

/** What a document lesson needs of the material it shows. */
export interface StudioMaterialRef {
  readonly mediaType: string;
  readonly sha256: string;
}

/** The `document.src` of a studio document lesson: the material's id under `materials/` (no file path). */
export const materialSource = (materialId: string) => `materials/${materialId}`;

/** The material id a lesson's `document.src` names, or undefined for a file of the content folder. */
export function materialIdOf(src: string): string | undefined {
  const m = /^materials\/([0-9a-f-]{36})$/.exec(src);
  return m?.[1];
}

/** Only the course's languages, trimmed; a language the course does not offer is dropped. */
function pickLangs(t: Record<string, string | undefined>, langs: string[]): LocalizedText {
  return Object.fromEntries(langs.map((l) => [l, (t[l] ?? '').trim()])) as LocalizedText;
}

/** A built lesson as the course's requirements see it (its key, kind and a quiz's pass mark). */
function requirementOf(lesson: LessonData) {
  const quiz = lesson.data.quiz as { passMark: number } | undefined;
  return { key: lesson.key, kind: lesson.kind, ...(quiz ? { passMark: quiz.passMark } : {}) };
}

/**
 * The question bank of a studio quiz, in the content format's shape (`quizzes/<bank>.yaml`). Option and item
 * ids become `o` + 10 hex of SHA-256 over the course, lesson, question and the editor's id: stable across
 * publishes of the same draft (so the content hash only moves when content does), and saying nothing about
 * which option is right or the right order, whatever ids the editor sent.
 */
export function studioBank(
  courseId: string,
  lesson: Extract<StudioLesson, { kind: 'quiz' }>,
  langs: string[],
): QuestionBankData {
  const opaque = (questionId: string, id: string) =>
    `o${sha256(`${courseId}\u0000${lesson.key}\u0000${questionId}\u0000${id}`).slice(0, 10)}`;
  const questions = lesson.questions.map((q) => {
    const base = {
      id: q.id,
      type: q.type,
      competency: q.competency ?? '',
      prompt: pickLangs(q.prompt, langs),
    };
    const explanation = pickLangs(q.explanation, langs);
    switch (q.type) {
      case 'single':
      case 'multiple':
        return {
          ...base,
          options: q.options.map((o) => ({
            id: opaque(q.id, o.id),
            text: pickLangs(o.text, langs),
            correct: o.correct,
          })),
          explanation,
        };
      case 'truefalse':
        return { ...base, answer: q.answer, explanation };
      case 'ordering':
        return {
          ...base,
          items: q.items.map((it) => ({ id: opaque(q.id, it.id), text: pickLangs(it.text, langs) })),
          explanation,
        };
    }
  });
  return { key: lesson.key, questions, contentHash: contentHash(questions) };
}
