import { useTranslation } from 'react-i18next';

/** The right answer of a true/false question (a quiz's or one pinned in a video): two radios in a fieldset. */
export function TrueFalseAnswer({
  idOf,
  answer,
  onChange,
}: {
  /** The question's id maker, so ids stay unique per question. */
  idOf: (part: string) => string;
  answer: boolean | undefined;
  onChange: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset" aria-labelledby={idOf('answer-legend')}>
      <legend className="fieldset__legend" id={idOf('answer-legend')}>
        {t('teaching.quiz.answer')}
      </legend>
      <div className="radio-row">
        {[true, false].map((value) => (
          <div className="checkbox" key={String(value)}>
            <input
              id={idOf(`answer-${value}`)}
              type="radio"
              name={idOf('answer')}
              checked={answer === value}
              onChange={() => onChange(value)}
            />
            <label htmlFor={idOf(`answer-${value}`)}>
              {t(value ? 'teaching.quiz.answerTrue' : 'teaching.quiz.answerFalse')}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
