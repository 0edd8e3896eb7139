import { useTranslation } from 'react-i18next';
import {
  addChecklistItem,
  type ChecklistLesson,
  type Lang,
  removeChecklistItem,
  setChecklistItem,
} from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LocalizedField } from './localized-field';
import { FieldError } from '../../components/field-error';

interface ChecklistItemsEditorProps {
  lesson: ChecklistLesson;
  index: number;
  langs: readonly Lang[];
  onChange: (lesson: ChecklistLesson) => void;
}

/** The tasks of a checklist lesson, in order: each in every language, with add and remove. */
export function ChecklistItemsEditor({ lesson, index, langs, onChange }: ChecklistItemsEditorProps) {
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const addId = fieldIds.lessonAddItem(index);
  const itemsError = errorFor(addId);
  const legendId = `lesson-${index}-items-legend`;

  return (
    <fieldset className={itemsError ? 'fieldset field--invalid' : 'fieldset'} aria-labelledby={legendId}>
      <legend className="fieldset__legend" id={legendId}>
        {t('teaching.lessons.items')}
      </legend>
      <div className="stack-sm">
        <p className="field__hint">{t('teaching.lessons.itemsHint')}</p>
        <ol className="item-list">
          {lesson.items.map((item, j) => (
            <li key={j} className="stack-sm">
              <LocalizedField
                idBase={`lesson-${index}-item-${j}`}
                label={t('teaching.lessons.item', { n: j + 1 })}
                langs={langs}
                value={item}
                onChange={(lang, value) => onChange(setChecklistItem(lesson, j, lang, value))}
                maxLength={500}
              />
              <p>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => {
                    onChange(removeChecklistItem(lesson, j));
                    requestAnimationFrame(() => document.getElementById(addId)?.focus());
                  }}
                >
                  {t('teaching.lessons.removeItem')}
                  <span className="visually-hidden"> {t('teaching.lessons.item', { n: j + 1 })}</span>
                </button>
              </p>
            </li>
          ))}
        </ol>
        {itemsError && <FieldError id={`${addId}-error`}>{itemsError}</FieldError>}
        <p>
          <button
            id={addId}
            type="button"
            className="button button--small button--secondary"
            aria-describedby={itemsError ? `${addId}-error` : undefined}
            disabled={lesson.items.length >= 30}
            onClick={() => {
              clear(addId);
              onChange(addChecklistItem(lesson, langs));
              const next = fieldIds.lessonItem(index, lesson.items.length, 'vi');
              requestAnimationFrame(() => document.getElementById(next)?.focus());
            }}
          >
            <span>
              <span aria-hidden="true">+ </span>
              {t('teaching.lessons.addItem')}
            </span>
          </button>
        </p>
      </div>
    </fieldset>
  );
}
