import type { PathCourse } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/**
 * The courses of a personal path in order, each with its level, what it teaches that is not mastered yet, and, when
 * it is on the path because it is made for the learner's sub-groups, for whom ("Dành cho người khuyết tật").
 */
export function PathList({ path }: { path: PathCourse[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ol className="card-list path-list" role="list">
      {path.map((course, i) => (
        <li key={course.courseId} className="card stack-xs">
          <h3 className="card__title">
            <Link to={`/courses/${encodeURIComponent(course.courseId)}`}>
              <span className="visually-hidden">{t('placement.step', { number: i + 1 })} </span>
              {course.title}
            </Link>
          </h3>
          {course.forSubGroups.length > 0 && (
            <p>
              <span className="tag">
                {t('placement.forSubGroups', {
                  list: formatList(
                    course.forSubGroups.map((s) => t(`placement.forSubGroup.${s}`)),
                    lang,
                  ),
                })}
              </span>
            </p>
          )}
          <p className="muted">
            {t('placement.level', { level: course.level })}
            {course.enrolled && ` · ${t('placement.enrolled')}`}
          </p>
          <p>{t('placement.toLearn', { list: course.toLearn.map((c) => c.name).join('; ') })}</p>
        </li>
      ))}
    </ol>
  );
}
