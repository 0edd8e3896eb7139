import type { AttemptQuestionView } from '@hocvuso/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveItem } from './quiz-form';

interface QuestionFieldProps {
  question: AttemptQuestionView;
  number: number;
  total: number;
  value: string | string[] | undefined;
  onChange: (value: string | string[]) => void;
  /** The language of the question texts. */
  lang: string;
}

/** One question as a fieldset whose legend is the prompt: radios, checkboxes or an ordering list. */
export function QuestionField(props: QuestionFieldProps) {
  const { t } = useTranslation();
  const { question, number, total, lang } = props;
  const hintId = `${question.id}-hint`;
  const hint =
    question.type === 'multiple'
      ? t('quiz.multipleHint')
      : question.type === 'ordering'
        ? t('quiz.orderingHint')
        : undefined;
  return (
    <fieldset
      className="question"
      id={`question-${question.id}`}
      aria-describedby={hint ? hintId : undefined}
      data-question-type={question.type}
    >
      <legend className="question__legend">
        <span className="question__number">{t('quiz.questionNumber', { number, total })}</span>
        <span className="question__prompt" lang={lang}>
          {question.prompt}
        </span>
      </legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {question.type === 'ordering' ? <OrderingList {...props} /> : <Choices {...props} />}
    </fieldset>
  );
}

function Choices({ question, value, onChange, lang }: QuestionFieldProps) {
  const multiple = question.type === 'multiple';
  const selected = new Set(Array.isArray(value) ? value : value ? [value] : []);
  return (
    <div className="choices">
      {question.options.map((option) => {
        const id = `${question.id}-${option.id}`;
        return (
          <div key={option.id} className="choice">
            <input
              id={id}
              type={multiple ? 'checkbox' : 'radio'}
              name={question.id}
              value={option.id}
              checked={selected.has(option.id)}
              onChange={(event) => {
                if (!multiple) return onChange(option.id);
                const next = new Set(selected);
                if (event.target.checked) next.add(option.id);
                else next.delete(option.id);
                // Keep the options' order, so the answer reads the way the question does.
                onChange(question.options.map((o) => o.id).filter((o) => next.has(o)));
              }}
            />
            <label htmlFor={id} lang={lang}>
              {option.text}
            </label>
          </div>
        );
      })}
    </div>
  );
}

/**
 * An ordering question without dragging: each item has "Move up" and "Move down" buttons, focus stays on
 * the button pressed as the item moves, and the new position is announced.
 */
function OrderingList({ question, value, onChange, lang }: QuestionFieldProps) {
  const { t } = useTranslation();
  const order = Array.isArray(value) ? value : question.options.map((o) => o.id);
  const textOf = new Map(question.options.map((o) => [o.id, o.text]));
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<string>(undefined);

  // Reordering moves the item's DOM node, which can drop focus: put it back on the pressed button, once.
  useEffect(() => {
    if (!pendingFocus.current) return;
    buttons.current.get(pendingFocus.current)?.focus();
    pendingFocus.current = undefined;
  });

  function move(index: number, delta: -1 | 1) {
    const id = order[index]!;
    const item = textOf.get(id) ?? id;
    const target = index + delta;
    pendingFocus.current = `${id}:${delta}`;
    if (target < 0 || target >= order.length) {
      setAnnouncement(t(delta < 0 ? 'quiz.cannotMoveUp' : 'quiz.cannotMoveDown', { item }));
      return;
    }
    onChange(moveItem(order, index, delta));
    setAnnouncement(t('quiz.moved', { item, position: target + 1, total: order.length }));
  }

  return (
    <>
      <ol className="ordering">
        {order.map((id, index) => {
          const text = textOf.get(id) ?? id;
          const first = index === 0;
          const last = index === order.length - 1;
          return (
            <li key={id} className="ordering__item">
              <span className="ordering__text" lang={lang}>
                {text}
              </span>
              <span className="ordering__buttons">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-disabled={first || undefined}
                  aria-label={t('quiz.moveUpLabel', { item: text })}
                  ref={(el) => {
                    if (el) buttons.current.set(`${id}:-1`, el);
                    else buttons.current.delete(`${id}:-1`);
                  }}
                  onClick={() => move(index, -1)}
                >
                  <span aria-hidden="true">↑ </span>
                  {t('quiz.moveUp')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-disabled={last || undefined}
                  aria-label={t('quiz.moveDownLabel', { item: text })}
                  ref={(el) => {
                    if (el) buttons.current.set(`${id}:1`, el);
                    else buttons.current.delete(`${id}:1`);
                  }}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓ </span>
                  {t('quiz.moveDown')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
