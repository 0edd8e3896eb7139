import type { CourseSummary } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contentLang } from '../../components/content-lang';
import { formatList, formatMinutes } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { audienceNames } from '../../components/audience';
import { MandateBadge } from '../../components/mandates/mandate-badge';

interface CourseCardProps {
  course: CourseSummary;
  /** The due date when the learner's commune or organisation requires this course. */
  requiredBy?: string;
}

/** One course in the catalogue; the whole card is one link, named by the course title. */
export function CourseCard({ course, requiredBy }: CourseCardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const audience = audienceNames(t, course);
  return (
    <li className="card course-card">
      <h3 className="course-card__title" lang={contentLang(course, lang)}>
        <Link className="course-card__link" to={`/courses/${encodeURIComponent(course.id)}`}>
          {course.title}
        </Link>
      </h3>
      <p lang={contentLang(course, lang)}>{course.summary}</p>
      <ul className="tags" role="list">
        {requiredBy && <MandateBadge as="li" dueOn={requiredBy} />}
        <li className="tag">{formatMinutes(t, course.estimatedMinutes)}</li>
        <li className="tag">{t('lessonCount', { count: course.lessonCount })}</li>
        {course.certificate && <li className="tag">{t('catalogue.certificate')}</li>}
      </ul>
      {audience.length > 0 && (
        <p className="muted">{t('catalogue.suitableFor', { groups: formatList(audience, lang) })}</p>
      )}
    </li>
  );
}
