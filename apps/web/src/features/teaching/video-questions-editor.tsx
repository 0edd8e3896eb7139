import type { StudioVideoQuestion } from '@hocvuso/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { type Lang, setText } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LocalizedField } from './localized-field';
import { newQuizId } from './quiz-edit';
import {
  byTime,
  changeVideoQuestionKind,
  formatClock,
  MAX_VIDEO_OPTIONS,
  MAX_VIDEO_QUESTIONS,
  newVideoQuestion,
  parseClock,
  VIDEO_QUESTION_KINDS,
  type VideoLesson,
  type VideoQuestionKind,
} from './video-lesson-edit';
import { TrueFalseAnswer } from './true-false-answer';

interface VideoQuestionsEditorProps {
  lesson: VideoLesson;
  index: number;
  langs: readonly Lang[];
  /** The chosen video's length (for the hint and a new question's time); unknown before one is chosen. */
  durationSeconds: number | undefined;
  onChange: (lesson: VideoLesson) => void;
}

/**
 * Questions pinned in the video (docs/in-video-questions.md): each at a time, of a kind (one right answer,
 * several, true/false), with options and the right answer(s), and an explanation shown after answering; and
 * the share of them a learner must answer. The list stays in time order, as the player asks them. The ids of
 * every control are the quiz editor's, so the problem list's links reach them.
 */
export function VideoQuestionsEditor(props: VideoQuestionsEditorProps) {
  const { lesson, index: i, langs, durationSeconds, onChange } = props;
  const { t } = useTranslation();
  const questions = lesson.questions;
  const shareId = `lesson-${i}-required-share`;
  const [shareText, setShareText] = useState(String(Math.round(lesson.requiredShare * 100)));
  const setQuestions = (next: StudioVideoQuestion[]) => onChange({ ...lesson, questions: next });

  function add() {
    const last = questions.at(-1)?.at ?? 0;
    const end = durationSeconds ?? last + 20;
    // Halfway between the last question and the end: a time the teacher then moves where it belongs.
    const at = Math.max(1, Math.round((last + end) / 2));
    setQuestions(byTime([...questions, newVideoQuestion(at, langs)]));
    requestAnimationFrame(() =>
      document.getElementById(fieldIds.question(i, questions.length, 'at'))?.focus(),
    );
  }

  return (
    <fieldset className="fieldset stack-sm" aria-labelledby={`lesson-${i}-vq-legend`}>
      <legend className="fieldset__legend" id={`lesson-${i}-vq-legend`}>
        {t('teaching.videos.questions.heading')}
      </legend>
      <p className="field__hint">
        {t('teaching.videos.questions.hint', {
          duration: durationSeconds ? formatClock(durationSeconds) : '—',
        })}
      </p>
      {questions.length > 0 && (
        <ol className="stack-sm">
          {questions.map((q, j) => (
            <VideoQuestionEditor
              key={q.id}
              question={q}
              lessonIndex={i}
              index={j}
              langs={langs}
              onChange={(next, resort) => {
                const list = questions.map((x, k) => (k === j ? next : x));
                setQuestions(resort ? byTime(list) : list);
              }}
              onDelete={() => setQuestions(questions.filter((_, k) => k !== j))}
            />
          ))}
        </ol>
      )}
      <p>
        <button
          id={fieldIds.videoAddQuestion(i)}
          type="button"
          className="button button--small button--secondary"
          disabled={questions.length >= MAX_VIDEO_QUESTIONS}
          onClick={add}
        >
          <span aria-hidden="true">+ </span>
          {t('teaching.videos.questions.add')}
        </button>
      </p>
      {questions.length > 0 && (
        <TextField
          id={shareId}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          label={t('teaching.videos.questions.share')}
          hint={t('teaching.videos.questions.shareHint')}
          value={shareText}
          onChange={(e) => {
            setShareText(e.target.value);
            const n = Number(e.target.value);
            if (/^\d+$/.test(e.target.value.trim()) && n >= 0 && n <= 100)
              onChange({ ...lesson, requiredShare: n / 100 });
          }}
        />
      )}
    </fieldset>
  );
}

interface VideoQuestionEditorProps {
  question: StudioVideoQuestion;
  lessonIndex: number;
  index: number;
  langs: readonly Lang[];
  /** `resort`: the time changed, so the list is put back in time order. */
  onChange: (question: StudioVideoQuestion, resort?: boolean) => void;
  onDelete: () => void;
}

function VideoQuestionEditor(props: VideoQuestionEditorProps) {
  const { question: q, lessonIndex: i, index: j, langs, onChange, onDelete } = props;
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const id = (field: string) => fieldIds.question(i, j, field);
  const optId = (k: number, field: string) => fieldIds.questionOption(i, j, k, field);
  const atId = id('at');
  const [atText, setAtText] = useState(formatClock(q.at));
  const [atError, setAtError] = useState<string>();
  const n = j + 1;

  function commitTime() {
    const seconds = parseClock(atText);
    if (!(seconds > 0)) {
      setAtError(t('teaching.videos.questions.timeInvalid'));
      return;
    }
    setAtError(undefined);
    clear(atId);
    setAtText(formatClock(seconds));
    if (seconds !== q.at) onChange({ ...q, at: seconds }, true);
  }

  return (
    <li className="card question-editor stack-sm" aria-labelledby={id('heading')}>
      <h5 className="question-editor__title" id={id('heading')}>
        {t('teaching.videos.questions.questionHeading', { n, time: formatClock(q.at) })}
      </h5>
      <div className="two-fields">
        <TextField
          id={atId}
          label={t('teaching.videos.questions.time')}
          hint={t('teaching.videos.questions.timeHint')}
          error={atError ?? errorFor(atId)}
          value={atText}
          inputMode="decimal"
          autoComplete="off"
          onChange={(e) => setAtText(e.target.value)}
          onBlur={commitTime}
        />
        <SelectField
          id={id('type')}
          label={t('teaching.quiz.kind')}
          value={q.type}
          options={VIDEO_QUESTION_KINDS.map((k) => ({ value: k, label: t(`teaching.quiz.kinds.${k}`) }))}
          onChange={(e) => onChange(changeVideoQuestionKind(q, e.target.value as VideoQuestionKind, langs))}
        />
      </div>
      <LocalizedField
        idBase={id('prompt')}
        label={t('teaching.quiz.prompt')}
        langs={langs}
        value={q.prompt}
        onChange={(l, value) => onChange({ ...q, prompt: setText(q.prompt, l, value) })}
        multiline
        rows={2}
        maxLength={1000}
      />
      {q.type === 'truefalse' ? (
        <TrueFalseAnswer idOf={id} answer={q.answer} onChange={(answer) => onChange({ ...q, answer })} />
      ) : (
        <fieldset className="fieldset" aria-labelledby={id('options-legend')}>
          <legend className="fieldset__legend" id={id('options-legend')}>
            {t('teaching.quiz.options')}
          </legend>
          <p className="field__hint">{t('teaching.quiz.optionsHint')}</p>
          <ol className="item-list">
            {q.options.map((o, k) => {
              const correctId = optId(k, 'correct');
              const label = t('teaching.quiz.option', { n: k + 1 });
              return (
                <li key={o.id} className="stack-sm">
                  <div className="checkbox">
                    <input
                      id={correctId}
                      type={q.type === 'single' ? 'radio' : 'checkbox'}
                      name={q.type === 'single' ? id('correct') : undefined}
                      checked={o.correct}
                      aria-describedby={errorFor(correctId) ? `${correctId}-error` : undefined}
                      onChange={(e) => {
                        clear(correctId);
                        onChange({
                          ...q,
                          options: q.options.map((x, m) =>
                            m === k
                              ? { ...x, correct: e.target.checked }
                              : q.type === 'single' && e.target.checked
                                ? { ...x, correct: false }
                                : x,
                          ),
                        });
                      }}
                    />
                    <label htmlFor={correctId}>{t('teaching.quiz.correct', { n: k + 1 })}</label>
                  </div>
                  {errorFor(correctId) && (
                    <p className="field__error" id={`${correctId}-error`}>
                      <span aria-hidden="true">⚠ </span>
                      {errorFor(correctId)}
                    </p>
                  )}
                  <LocalizedField
                    idBase={optId(k, '').replace(/-$/, '')}
                    label={label}
                    langs={langs}
                    value={o.text}
                    onChange={(l, value) =>
                      onChange({
                        ...q,
                        options: q.options.map((x, m) =>
                          m === k ? { ...x, text: setText(x.text, l, value) } : x,
                        ),
                      })
                    }
                    maxLength={500}
                  />
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-disabled={q.options.length <= 2 ? true : undefined}
                    onClick={() =>
                      q.options.length > 2 && onChange({ ...q, options: q.options.filter((_, m) => m !== k) })
                    }
                  >
                    {t('teaching.quiz.removeOption')}
                    <span className="visually-hidden"> {label}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          <p>
            <button
              id={id('add-option')}
              type="button"
              className="button button--small button--secondary"
              disabled={q.options.length >= MAX_VIDEO_OPTIONS}
              onClick={() =>
                onChange({
                  ...q,
                  options: [
                    ...q.options,
                    {
                      id: newQuizId('o'),
                      text: langs.includes('en') ? { vi: '', en: '' } : { vi: '' },
                      correct: false,
                    },
                  ],
                })
              }
            >
              <span aria-hidden="true">+ </span>
              {t('teaching.quiz.addOption')}
            </button>
          </p>
        </fieldset>
      )}
      <LocalizedField
        idBase={id('explanation')}
        label={t('teaching.quiz.explanation')}
        hint={t('teaching.quiz.explanationHint')}
        langs={langs}
        value={q.explanation}
        onChange={(l, value) => onChange({ ...q, explanation: setText(q.explanation, l, value) })}
        multiline
        rows={2}
        maxLength={2000}
      />
      <p>
        <button
          id={id('delete')}
          type="button"
          className="button button--small button--secondary"
          onClick={onDelete}
        >
          {t('teaching.videos.questions.delete')}
          <span className="visually-hidden"> {n}</span>
        </button>
      </p>
    </li>
  );
}
