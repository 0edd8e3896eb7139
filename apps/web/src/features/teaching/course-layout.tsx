import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type StudioCourse } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { useLang } from '../../i18n/use-lang';
import type { CourseContext } from './course-context';
import { CourseFileActions, CreatedFromFilesNotice } from './course-files-actions';
import { courseStatus, detailState } from './course-status';
import { CourseStatusText } from './course-status-text';
import { shownTitle } from './course-title';

const TABS = [
  ['', 'content'],
  ['learners', 'learners'],
  ['staff', 'staff'],
] as const;

/** One course of the studio: its title and status, and tabs for its content, learners and staff. */
export function CourseLayout() {
  const { t } = useTranslation();
  const lang = useLang();
  const { courseId = '' } = useParams();
  const location = useLocation();
  const course = useApiQuery(teachingQueries.course(courseId));
  // Courses of the content files have no draft, so their title comes from the list of taught courses.
  const needsTitle = course.data !== undefined && course.data.draft === null;
  const list = useApiQuery(teachingQueries.courses(), { enabled: needsTitle });

  if (isApiError(course.error) && course.error.status === 404)
    return <NotFound message={t('teaching.course.notFound')} />;
  if (course.error !== undefined) return <ErrorNotice error={course.error} onRetry={course.reload} />;
  if (!course.data) return <Loading />;

  const data: StudioCourse = course.data;
  const draft = data.draft?.document;
  // The draft's titles in the languages it offers (a title left in a language it dropped is not shown).
  const draftTitle = draft && {
    ...Object.fromEntries(draft.languages.map((l) => [l, draft.title[l]])),
    vi: draft.title.vi,
  };
  const listed = list.data?.items.find((c) => c.id === courseId)?.title;
  const shown = shownTitle(lang, courseId, draftTitle, listed);
  const title = shown.text;
  const base = `/teaching/courses/${encodeURIComponent(courseId)}`;
  const context: CourseContext = { course: data, title, setCourse: course.setData };
  const created = (location.state as { flash?: string } | null)?.flash === 'courseCreated';

  return (
    <div className="stack-lg">
      <p>
        <Link to="/teaching">
          <span aria-hidden="true">← </span>
          {t('teaching.myCourses.title')}
        </Link>
      </p>
      {created && (
        <p className="notice notice--success" role="status">
          <span aria-hidden="true">✓ </span>
          {t('teaching.course.created')}
        </p>
      )}
      <CreatedFromFilesNotice />
      <header className="stack-sm">
        <p className="eyebrow">{t('teaching.course.eyebrow')}</p>
        <h1 lang={shown.lang !== lang ? shown.lang : undefined}>{title}</h1>
        <p>
          <CourseStatusText status={courseStatus(detailState(data))} />
          {data.source === 'content' && (
            <span className="muted"> · {t('teaching.myCourses.fromContent')}</span>
          )}
        </p>
        <CourseFileActions courseId={courseId} source={data.source} />
      </header>
      <nav className="subnav" aria-label={t('teaching.course.tabsLabel')}>
        <ul className="subnav__list" role="list">
          {TABS.map(([path, key]) => (
            <li key={key}>
              <NavLink to={path ? `${base}/${path}` : base} end className="subnav__link">
                {t(`teaching.course.tabs.${key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={context} />
    </div>
  );
}
