import type { StudioDraft } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { describeProblem } from './draft-problems';
import { problemLabel } from './problem-label';
import { quizProblems } from './quiz-edit';

/**
 * The draft's quiz problems in one list while the teacher edits (warnings and what blocks publishing, said in
 * words), each a link to the control that fixes it. Not an alert: it changes as the teacher types.
 */
export function QuizReview({ draft }: { draft: StudioDraft }) {
  const { t } = useTranslation();
  const problems = quizProblems(draft);
  if (problems.length === 0) return null;
  return (
    <section className="panel stack-sm quiz-review" aria-labelledby="quiz-review-heading">
      <h2 id="quiz-review-heading">{t('teaching.quiz.warningsHeading')}</h2>
      <p className="field__hint">{t('teaching.quiz.warningsHint')}</p>
      <p>{t('teaching.quiz.warningsTitle', { count: problems.length })}</p>
      <ul className="problem-list">
        {problems.map((p, i) => {
          const target = describeProblem(p);
          return (
            <li key={`${p.field}-${p.code}-${i}`}>
              <span className="tag">
                {p.blocking ? t('teaching.quiz.blocking') : t('teaching.quiz.warning')}
              </span>{' '}
              {target.targetId ? (
                <a
                  href={`#${target.targetId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const el = document.getElementById(target.targetId!);
                    el?.scrollIntoView({ block: 'center' });
                    el?.focus();
                  }}
                >
                  {problemLabel(t, target)}
                </a>
              ) : (
                problemLabel(t, target)
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
