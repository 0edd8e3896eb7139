import type { DraftProblem } from '@hocvuso/contracts';
import { REVEAL_POLICIES } from '@hocvuso/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Lang, setText } from './draft-edit';
import { describeProblem, fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LocalizedField } from './localized-field';
import { problemLabel } from './problem-label';
import {
  addOption,
  addQuestion,
  changeKind,
  type ChoiceQuestion,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  moveOption,
  moveQuestion,
  newQuestion,
  type OrderingQuestion,
  QUESTION_KINDS,
  QUIZ_SETTING_RANGES,
  type QuestionKind,
  type QuizLesson,
  type QuizQuestion,
  removeOption,
  removeQuestion,
  replaceQuestion,
  setCorrect,
} from './quiz-edit';
import { TrueFalseAnswer } from './true-false-answer';

interface QuizEditorProps {
  lesson: QuizLesson;
  index: number;
  langs: readonly Lang[];
  /** The course's competencies as `framework:code`: the tags a question may carry. */
  competencies: readonly string[];
  /** This lesson's quiz problems (warnings included), paths from the draft (`lessons.<index>.…`). */
  problems: readonly DraftProblem[];
  onChange: (lesson: QuizLesson) => void;
}

type NumberSetting = keyof typeof QUIZ_SETTING_RANGES;
const SETTING_RANGES = QUIZ_SETTING_RANGES;

/** A whole number as typed; NaN while empty or not a number (null for an optional field left empty). */
const parseSetting = (value: string, optional: boolean): number | null => {
  if (!value.trim()) return optional ? null : Number.NaN;
  return /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
};

/**
 * A quiz lesson: instructions, settings (draw, pass mark, time, attempts, reveal, cooldown) and its question
 * bank. Questions and options move with up/down buttons (no dragging), each control is labelled, and the
 * problems of each question are listed under it while the teacher types (warnings never stop a save).
 */
export function QuizEditor({ lesson, index, langs, competencies, problems, onChange }: QuizEditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { errorFor, clear } = useFieldErrors();
  const [message, setMessage] = useState<string>();
  const frameworks = useApiQuery(queries.frameworks());
  const nameOf = (ref: string) => {
    const [fw, code] = ref.split(':');
    const framework = frameworks.data?.items.find((f) => f.id === fw);
    const c = framework?.domains.flatMap((d) => d.competencies).find((x) => x.code === code);
    return c ? `${code} ${localizedText(c.name, lang)}` : ref;
  };
  const competencyOptions = [
    { value: '', label: t('teaching.quiz.competencyNone') },
    ...competencies.map((c) => ({ value: c, label: nameOf(c) })),
  ];
  const prefix = `lessons.${index}.questions.`;
  const questionProblems = (j: number) =>
    problems.filter((p) => p.field === `${prefix}${j}` || p.field.startsWith(`${prefix}${j}.`));
  const quizLevel = problems.filter((p) => !p.field.startsWith(prefix));
  const s = lesson.settings;

  const settingField = (field: NumberSetting, hintKey?: string) => {
    const id = fieldIds.quizSetting(index, field);
    const range = SETTING_RANGES[field];
    const value = s[field];
    return (
      <TextField
        id={id}
        type="number"
        inputMode="numeric"
        min={range.min}
        max={range.max}
        step={1}
        label={t(`teaching.quiz.${field}`)}
        hint={hintKey ? t(hintKey as 'teaching.quiz.timeLimitHint') : undefined}
        error={errorFor(id)}
        value={value === null || Number.isNaN(value) ? '' : String(value)}
        onChange={(e) => {
          clear(id);
          onChange({
            ...lesson,
            settings: { ...s, [field]: parseSetting(e.target.value, range.optional) },
          });
        }}
      />
    );
  };

  function add(kind: QuestionKind) {
    const n = lesson.questions.length;
    const tag = competencies.length === 1 ? competencies[0]! : null;
    onChange(addQuestion(lesson, newQuestion(kind, langs, tag)));
    setMessage(t('teaching.quiz.added', { n: n + 1 }));
    requestAnimationFrame(() => document.getElementById(fieldIds.question(index, n, 'prompt-vi'))?.focus());
  }

  return (
    <div className="stack quiz-editor">
      <p className="field__hint">{t('teaching.quiz.sectionHint')}</p>
      <LocalizedField
        idBase={`lesson-${index}-instructions`}
        label={t('teaching.quiz.instructions')}
        hint={t('teaching.editor.markdownHint')}
        langs={langs}
        value={lesson.instructions}
        onChange={(l, value) => onChange({ ...lesson, instructions: setText(lesson.instructions, l, value) })}
        multiline
        rows={3}
        maxLength={5000}
      />
      <fieldset className="fieldset" aria-labelledby={`lesson-${index}-settings-legend`}>
        <legend className="fieldset__legend" id={`lesson-${index}-settings-legend`}>
          {t('teaching.quiz.settings')}
        </legend>
        <div className="two-fields">
          {settingField('questionsPerAttempt', 'teaching.quiz.questionsPerAttemptHint')}
          {settingField('passMark')}
          {settingField('timeLimitMinutes', 'teaching.quiz.timeLimitHint')}
          {settingField('maxAttempts', 'teaching.quiz.maxAttemptsHint')}
          {settingField('retakeCooldownHours', 'teaching.quiz.retakeCooldownHint')}
          <SelectField
            id={fieldIds.quizSetting(index, 'reveal')}
            label={t('teaching.quiz.reveal')}
            value={s.reveal}
            options={REVEAL_POLICIES.map((r) => ({ value: r, label: t(`teaching.quiz.revealOptions.${r}`) }))}
            onChange={(e) =>
              onChange({
                ...lesson,
                settings: { ...s, reveal: e.target.value as (typeof REVEAL_POLICIES)[number] },
              })
            }
          />
        </div>
      </fieldset>
      <ProblemList problems={quizLevel} />
      <h4 className="quiz-editor__bank">{t('teaching.quiz.bank', { count: lesson.questions.length })}</h4>
      {lesson.questions.length === 0 ? (
        <p>{t('teaching.quiz.noQuestions')}</p>
      ) : (
        <ol className="question-list">
          {lesson.questions.map((q, j) => (
            <QuestionEditor
              key={q.id + String(j)}
              question={q}
              lessonIndex={index}
              index={j}
              count={lesson.questions.length}
              langs={langs}
              competencyOptions={competencyOptions}
              problems={questionProblems(j)}
              onChange={(next) => onChange(replaceQuestion(lesson, j, next))}
              onMove={(delta) => {
                onChange(moveQuestion(lesson, j, delta));
                setMessage(t('teaching.quiz.movedQuestion', { n: j + delta + 1 }));
                requestAnimationFrame(() =>
                  document
                    .getElementById(fieldIds.question(index, j + delta, delta < 0 ? 'up' : 'down'))
                    ?.focus(),
                );
              }}
              onDelete={() => {
                onChange(removeQuestion(lesson, j));
                setMessage(t('teaching.quiz.deletedQuestion', { n: j + 1 }));
                requestAnimationFrame(() =>
                  document.getElementById(fieldIds.quizAddQuestion(index))?.focus(),
                );
              }}
            />
          ))}
        </ol>
      )}
      <div className="button-grid">
        {QUESTION_KINDS.map((kind, k) => (
          <button
            key={kind}
            id={k === 0 ? fieldIds.quizAddQuestion(index) : `lesson-${index}-add-question-${kind}`}
            type="button"
            className="button button--secondary"
            disabled={lesson.questions.length >= MAX_QUESTIONS}
            onClick={() => add(kind)}
          >
            <span>
              <span aria-hidden="true">+ </span>
              {t(`teaching.quiz.add.${kind}`)}
            </span>
          </button>
        ))}
      </div>
      <LiveMessage tone="info">{message}</LiveMessage>
    </div>
  );
}

/** The problems of a quiz or a question, each with whether it blocks publishing (said in words, not colour). */
function ProblemList({ problems }: { problems: readonly DraftProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="quiz-problems">
      {problems.map((p, i) => (
        <li
          key={`${p.field}-${p.code}-${i}`}
          className={p.blocking ? 'quiz-problem quiz-problem--blocking' : 'quiz-problem'}
        >
          <span className="tag">{p.blocking ? t('teaching.quiz.blocking') : t('teaching.quiz.warning')}</span>{' '}
          {problemLabel(t, describeProblem(p))}
        </li>
      ))}
    </ul>
  );
}

interface QuestionEditorProps {
  question: QuizQuestion;
  lessonIndex: number;
  index: number;
  count: number;
  langs: readonly Lang[];
  competencyOptions: Array<{ value: string; label: string }>;
  problems: readonly DraftProblem[];
  onChange: (q: QuizQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

function QuestionEditor(props: QuestionEditorProps) {
  const { question: q, lessonIndex: i, index: j, count, langs, competencyOptions, problems } = props;
  const { onChange, onMove, onDelete } = props;
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const n = j + 1;
  const id = (field: string) => fieldIds.question(i, j, field);
  const headingId = id('heading');
  const competencyId = id('competency');
  const competencyError = errorFor(competencyId);

  const moveButton = (delta: -1 | 1) => {
    const possible = j + delta >= 0 && j + delta < count;
    return (
      <button
        id={id(delta < 0 ? 'up' : 'down')}
        type="button"
        className="button button--small button--secondary"
        aria-disabled={possible ? undefined : true}
        onClick={() => possible && onMove(delta)}
      >
        <span aria-hidden="true">{delta < 0 ? '↑ ' : '↓ '}</span>
        {t(delta < 0 ? 'teaching.quiz.moveQuestionUp' : 'teaching.quiz.moveQuestionDown')}
        <span className="visually-hidden"> {n}</span>
      </button>
    );
  };

  return (
    <li className="card question-editor stack-sm" aria-labelledby={headingId}>
      <h5 className="question-editor__title" id={headingId}>
        {t('teaching.quiz.questionHeading', { n })}
      </h5>
      <div className="two-fields">
        <SelectField
          id={id('type')}
          label={t('teaching.quiz.kind')}
          value={q.type}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`teaching.quiz.kinds.${k}`) }))}
          onChange={(e) => onChange(changeKind(q, e.target.value as QuestionKind, langs))}
        />
        <div className="stack-xs">
          <SelectField
            id={competencyId}
            label={t('teaching.quiz.competency')}
            value={q.competency ?? ''}
            options={competencyOptions}
            aria-describedby={`${competencyId}-hint${competencyError ? ` ${competencyId}-error` : ''}`}
            aria-invalid={competencyError ? true : undefined}
            onChange={(e) => {
              clear(competencyId);
              onChange({ ...q, competency: e.target.value || null });
            }}
          />
          <p className="field__hint" id={`${competencyId}-hint`}>
            {t('teaching.quiz.competencyHint')}
          </p>
          {competencyError && (
            <p className="field__error" id={`${competencyId}-error`}>
              <span aria-hidden="true">⚠ </span>
              {competencyError}
            </p>
          )}
        </div>
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
        <OptionsEditor question={q} lessonIndex={i} index={j} langs={langs} onChange={onChange} />
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
      <ProblemList problems={problems} />
      <div className="button-row">
        {moveButton(-1)}
        {moveButton(1)}
        <button
          id={id('delete')}
          type="button"
          className="button button--small button--secondary"
          onClick={onDelete}
        >
          {t('teaching.quiz.deleteQuestion')}
          <span className="visually-hidden"> {n}</span>
        </button>
      </div>
    </li>
  );
}

interface OptionsEditorProps {
  question: ChoiceQuestion | OrderingQuestion;
  lessonIndex: number;
  index: number;
  langs: readonly Lang[];
  onChange: (q: QuizQuestion) => void;
}

/** The options of a choice question (with the right-answer marker) or the steps of an ordering question. */
function OptionsEditor({ question: q, lessonIndex: i, index: j, langs, onChange }: OptionsEditorProps) {
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const ordering = q.type === 'ordering';
  const entries = q.type === 'ordering' ? q.items : q.options;
  const legendId = fieldIds.question(i, j, 'options-legend');
  const optId = (k: number, field: string) => fieldIds.questionOption(i, j, k, field);
  const label = (k: number) => t(ordering ? 'teaching.quiz.item' : 'teaching.quiz.option', { n: k + 1 });

  function move(k: number, delta: -1 | 1) {
    if (k + delta < 0 || k + delta >= entries.length) return;
    onChange(moveOption(q, k, delta));
    requestAnimationFrame(() =>
      document.getElementById(optId(k + delta, delta < 0 ? 'up' : 'down'))?.focus(),
    );
  }

  return (
    <fieldset className="fieldset" aria-labelledby={legendId}>
      <legend className="fieldset__legend" id={legendId}>
        {t(ordering ? 'teaching.quiz.items' : 'teaching.quiz.options')}
      </legend>
      <p className="field__hint">{t(ordering ? 'teaching.quiz.itemsHint' : 'teaching.quiz.optionsHint')}</p>
      <ol className="item-list">
        {entries.map((entry, k) => {
          const correctId = optId(k, 'correct');
          const correctError = errorFor(correctId);
          return (
            <li key={entry.id} className="stack-sm">
              {q.type !== 'ordering' && (
                <div className={correctError ? 'checkbox-field field--invalid' : 'checkbox-field'}>
                  {correctError && (
                    <p className="field__error" id={`${correctId}-error`}>
                      <span aria-hidden="true">⚠ </span>
                      {correctError}
                    </p>
                  )}
                  <div className="checkbox">
                    <input
                      id={correctId}
                      type={q.type === 'single' ? 'radio' : 'checkbox'}
                      name={q.type === 'single' ? fieldIds.question(i, j, 'correct') : undefined}
                      checked={q.options[k]!.correct}
                      aria-describedby={correctError ? `${correctId}-error` : undefined}
                      onChange={(e) => {
                        clear(correctId);
                        onChange(setCorrect(q, k, e.target.checked));
                      }}
                    />
                    <label htmlFor={correctId}>{t('teaching.quiz.correct', { n: k + 1 })}</label>
                  </div>
                </div>
              )}
              <LocalizedField
                idBase={optId(k, '').replace(/-$/, '')}
                label={label(k)}
                langs={langs}
                value={entry.text as { vi: string; en?: string }}
                onChange={(l, value) =>
                  onChange(
                    q.type === 'ordering'
                      ? {
                          ...q,
                          items: q.items.map((it, x) =>
                            x === k ? { ...it, text: setText(it.text, l, value) } : it,
                          ),
                        }
                      : {
                          ...q,
                          options: q.options.map((o, x) =>
                            x === k ? { ...o, text: setText(o.text, l, value) } : o,
                          ),
                        },
                  )
                }
                maxLength={500}
              />
              <div className="button-row">
                {([-1, 1] as const).map((delta) => (
                  <button
                    key={delta}
                    id={optId(k, delta < 0 ? 'up' : 'down')}
                    type="button"
                    className="button button--small button--secondary"
                    aria-disabled={k + delta < 0 || k + delta >= entries.length ? true : undefined}
                    onClick={() => move(k, delta)}
                  >
                    <span aria-hidden="true">{delta < 0 ? '↑ ' : '↓ '}</span>
                    {t(delta < 0 ? 'teaching.quiz.moveUp' : 'teaching.quiz.moveDown')}
                    <span className="visually-hidden"> {label(k)}</span>
                  </button>
                ))}
                <button
                  type="button"
                  className="button button--small button--secondary"
                  aria-disabled={entries.length <= 2 ? true : undefined}
                  onClick={() => entries.length > 2 && onChange(removeOption(q, k))}
                >
                  {t('teaching.quiz.removeOption')}
                  <span className="visually-hidden"> {label(k)}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <p>
        <button
          id={fieldIds.question(i, j, 'add-option')}
          type="button"
          className="button button--small button--secondary"
          disabled={entries.length >= MAX_OPTIONS}
          onClick={() => {
            onChange(addOption(q, langs));
            requestAnimationFrame(() => document.getElementById(optId(entries.length, 'vi'))?.focus());
          }}
        >
          <span aria-hidden="true">+ </span>
          {t(ordering ? 'teaching.quiz.addItem' : 'teaching.quiz.addOption')}
        </button>
      </p>
    </fieldset>
  );
}
