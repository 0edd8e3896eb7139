import type { PathCourse } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The courses of a personal path in order, each with its level and what it teaches that is not mastered yet. */
export function PathList({ path }: { path: PathCourse[] }) {
  const { t } = useTranslation();
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
