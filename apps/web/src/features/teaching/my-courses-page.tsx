import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type TeachingCourseItem } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CourseStatusText } from './course-status-text';
import { courseStatus } from './course-status';
import { shownTitle } from './course-title';
import { ImportCourseForm } from './course-files-actions';
import { CreateCourseForm } from './create-course-form';

/** "Khóa học tôi dạy": every course the teacher teaches, where it stands, its learners, and a new course. */
export function MyCoursesPage() {
  const { t } = useTranslation();
  const courses = useApiQuery(teachingQueries.courses());
  usePageTitle(t('teaching.myCourses.title'));
  const items = courses.data?.items;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <p className="eyebrow">{t('teaching.title')}</p>
        <h1>{t('teaching.myCourses.title')}</h1>
        <p className="lead">{t('teaching.myCourses.intro')}</p>
      </header>
      <section className="stack" aria-labelledby="my-courses-heading">
        <h2 id="my-courses-heading">{t('teaching.myCourses.listHeading')}</h2>
        {courses.error !== undefined && <ErrorNotice error={courses.error} onRetry={courses.reload} />}
        {!items && courses.error === undefined && <Loading />}
        {items && items.length === 0 && (
          <div className="panel">
            <p>{t('teaching.myCourses.empty')}</p>
          </div>
        )}
        {items && items.length > 0 && (
          <ul className="card-list" role="list">
            {items.map((course) => (
              <CourseCard key={course.id} course={course} />
            ))}
          </ul>
        )}
      </section>
      <CreateCourseForm />
      <ImportCourseForm />
    </div>
  );
}

function CourseCard({ course }: { course: TeachingCourseItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const shown = shownTitle(lang, course.id, course.title);
  const title = shown.text;
  const href = `/teaching/courses/${encodeURIComponent(course.id)}`;
  return (
    <li className="card stack-sm">
      <h3 className="card__title">
        <Link to={href} lang={shown.lang !== lang ? shown.lang : undefined}>
          {title}
        </Link>
      </h3>
      <p>
        <CourseStatusText status={courseStatus(course)} />
        {course.versionNo !== null && (
          <span className="muted"> · {t('teaching.version', { number: course.versionNo })}</span>
        )}
      </p>
      <ul className="course-meta" role="list">
        <li>{t('teaching.myCourses.learners', { count: course.enrolled, completed: course.completed })}</li>
        {course.staffRole && (
          <li>{t('teaching.myCourses.yourRole', { role: t(`teaching.role.${course.staffRole}`) })}</li>
        )}
        {course.source === 'content' && <li>{t('teaching.myCourses.fromContent')}</li>}
        {course.draftUpdatedAt && (
          <li>{t('teaching.myCourses.updated', { date: formatDate(course.draftUpdatedAt, lang) })}</li>
        )}
      </ul>
      <p className="button-row">
        <Link className="button button--small button--secondary" to={`${href}/learners`}>
          {t('teaching.myCourses.learnersLink')}
          <span className="visually-hidden">: {title}</span>
        </Link>
      </p>
    </li>
  );
}
