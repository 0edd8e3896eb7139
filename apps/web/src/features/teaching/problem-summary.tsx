import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemTarget } from './draft-problems';
import { problemLabel } from './problem-label';

interface ProblemSummaryProps {
  /** Why the list is shown: a save refused for its form, a submission for review or a publish refused as incomplete. */
  reason: 'save' | 'review' | 'publish';
  problems: ProblemTarget[];
  ref?: Ref<HTMLDivElement>;
}

/** Every problem as a link that takes the teacher to the field that fixes it (and focuses it). */
export function ProblemSummary({ reason, problems, ref }: ProblemSummaryProps) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error stack-xs" role="alert" tabIndex={-1} ref={ref}>
      <p className="notice__title">{t(`teaching.problems.${reason}Title`)}</p>
      <ul className="problem-list">
        {problems.map((problem, i) => (
          <li key={`${problem.targetId ?? problem.kind}-${i}`}>
            {problem.targetId ? (
              <a
                href={`#${problem.targetId}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(problem.targetId!);
                  target?.scrollIntoView({ block: 'center' });
                  target?.focus();
                }}
              >
                {problemLabel(t, problem)}
              </a>
            ) : (
              problemLabel(t, problem)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
