import type { CourseDetail, CourseProgressResponse, LessonStatus } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { contentLang } from '../../components/content-lang';
import { CourseVersionNotice } from '../../components/course-version/course-version-notice';
import { ErrorNotice } from '../../components/error-notice';
import { HtmlContent } from '../../components/html-content';
import { LessonStatusText } from '../../components/lesson-status-text';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { formatList, formatMinutes, localizedText } from '../../i18n/format';
import { frameworkPath } from '../../components/framework-links';
import { useLang } from '../../i18n/use-lang';
import { languageLabel, useLanguages } from '../../i18n/use-languages';
import { MandateBadge } from '../../components/mandates/mandate-badge';
import { mandatedCourses } from '../../components/mandates/mandate-status';
import { useMyMandates } from '../../components/mandates/use-my-mandates';
import { audienceNames } from '../../components/audience';
import { AssistantLauncher } from '../assistant';
import { OfflineDownloadPanel } from '../offline';
import { EnrolPanel } from './enrol-panel';

export function CoursePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { courseId = '' } = useParams();
  const { me, ready } = useSession();
  const progress = useApiQuery(queries.courseProgress(courseId, lang), { enabled: ready && Boolean(me) });
  // A learner in progress on an earlier version reads that version's outline (its own cache key); everyone
  // else the current one. Signed in, wait for the progress so the wrong outline never shows first.
  const version = progress.data?.version?.current === false ? progress.data.version.id : undefined;
  const settled = ready && (!me || progress.data !== undefined || progress.error !== undefined);
  const course = useApiQuery(queries.course(courseId, lang, version), { enabled: settled });
  const { mandates } = useMyMandates();
  const requiredBy = mandatedCourses(mandates ?? []).get(courseId)?.dueOn;
  usePageTitle(course.data?.title);

  if (course.error !== undefined) {
    if (isApiError(course.error) && course.error.status === 404)
      return <NotFound message={t('errors.COURSE_NOT_FOUND')} />;
    return <ErrorNotice error={course.error} onRetry={course.reload} />;
  }
  if (!course.data) return <Loading />;

  const data = course.data;
  const textLang = contentLang(data, lang);
  const enrolled = Boolean(me && progress.data?.enrolled);

  return (
    <article className="stack-lg">
      <header className="stack-sm" lang={textLang}>
        <h1>{data.title}</h1>
        <p className="lead">{data.summary}</p>
      </header>
      {requiredBy && (
        <p>
          <MandateBadge dueOn={requiredBy} />
        </p>
      )}

      {enrolled && (
        <CourseVersionNotice
          courseId={data.id}
          notice={progress.data?.newVersion ?? null}
          textLang={textLang}
        />
      )}

      <EnrolPanel courseId={data.id} progress={progress} />

      {enrolled && <OfflineDownloadPanel courseId={data.id} />}

      <AssistantLauncher courseId={data.id} />

      <CourseFacts course={data} />

      <section className="stack-sm" aria-labelledby="course-about">
        <h2 id="course-about">{t('course.aboutHeading')}</h2>
        <HtmlContent html={data.descriptionHtml} lang={textLang} />
      </section>

      <CourseOutline course={data} progress={enrolled ? progress.data : undefined} />
    </article>
  );
}

function CourseFacts({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const languages = useLanguages();
  const audience = audienceNames(t, course);
  const anyProvisional = course.competencies.some((c) => c.provisional);
  // The same code may come from two frameworks (4.2 of TT02 and of DigComp): each is named by its framework.
  const frameworks = useApiQuery(queries.frameworks(), { enabled: course.competencies.length > 0 }).data
    ?.items;
  const frameworkName = (id: string) => {
    const fw = frameworks?.find((f) => f.id === id);
    return fw ? localizedText(fw.name, lang) : id;
  };
  return (
    <section className="panel stack-sm" aria-labelledby="course-facts">
      <h2 id="course-facts">{t('course.factsHeading')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('course.duration')}</dt>
          <dd>{formatMinutes(t, course.estimatedMinutes)}</dd>
        </div>
        <div>
          <dt>{t('course.lessons')}</dt>
          <dd>{t('lessonCount', { count: course.lessonCount })}</dd>
        </div>
        <div>
          <dt>{t('course.languages')}</dt>
          <dd>
            {formatList(
              course.languages.map((code) => {
                const known = languages.all.find((l) => l.code === code);
                return known ? languageLabel(known, lang) : code;
              }),
              lang,
            )}
          </dd>
        </div>
        <div>
          <dt>{t('course.certificate')}</dt>
          <dd>{course.certificate ? t('course.certificateYes') : t('course.certificateNo')}</dd>
        </div>
        {audience.length > 0 && (
          <div>
            <dt>{t('course.audience')}</dt>
            <dd>{formatList(audience, lang)}</dd>
          </div>
        )}
        {course.competencies.length > 0 && (
          <div>
            <dt>{t('course.competencies')}</dt>
            <dd>
              <ul className="competencies" role="list">
                {course.competencies.map((c) => (
                  <li key={`${c.framework}:${c.code}`}>
                    <span lang={contentLang(course, lang)}>{c.name}</span>{' '}
                    <span className="muted">
                      (
                      <Link
                        to={frameworkPath(c.framework, c.code)}
                        aria-label={t('course.competencyLink', { code: c.code })}
                      >
                        {c.code}
                      </Link>
                      {c.level !== null && `, ${t('course.level', { level: c.level })}`})
                    </span>{' '}
                    <span className="competency-framework">
                      {t('course.framework', { name: frameworkName(c.framework) })}
                    </span>
                    {c.provisional && (
                      <>
                        {' '}
                        <span className="tag tag--provisional">{t('course.provisional')}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
              {anyProvisional && <p className="muted">{t('course.provisionalHint')}</p>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function CourseOutline({ course, progress }: { course: CourseDetail; progress?: CourseProgressResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const textLang = contentLang(course, lang);
  const statusById = new Map<string, LessonStatus>(progress?.lessons.map((l) => [l.id, l.status]));
  // Lessons changed since the learner completed them (a major change): they are asked to read them again.
  const reread = new Set(progress?.lessons.filter((l) => l.reread).map((l) => l.id));
  // Video lessons with pinned questions: "2/3 câu hỏi đã trả lời".
  const questionsById = new Map(
    progress?.lessons.flatMap((l) => (l.questions ? [[l.id, l.questions] as const] : [])),
  );
  return (
    <section className="stack" aria-labelledby="course-outline">
      <h2 id="course-outline">{t('course.outlineHeading')}</h2>
      {!progress && <p className="muted">{t('course.openLessonsHint')}</p>}
      {reread.size > 0 && (
        <p className="notice notice--info" role="note">
          {t('course.rereadSummary')}
        </p>
      )}
      {course.modules.map((module, index) => (
        <section key={module.key} className="stack-sm" aria-labelledby={`module-${module.key}`}>
          <h3 id={`module-${module.key}`}>
            {t('course.moduleHeading', { number: index + 1, title: module.title })}
          </h3>
          <ol className="outline">
            {module.lessons.map((lesson) => {
              const status = statusById.get(lesson.id);
              return (
                <li key={lesson.id} className="outline__lesson">
                  <span className="outline__title" lang={textLang}>
                    {progress ? <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link> : lesson.title}
                  </span>
                  <span className="outline__meta">
                    {t('course.lessonMeta', {
                      kind: t(`lessonKind.${lesson.kind}`),
                      duration: formatMinutes(t, lesson.minutes),
                    })}
                  </span>
                  {status && <LessonStatusText status={status} kind={lesson.kind} />}
                  {questionsById.has(lesson.id) && (
                    <span className="outline__meta">
                      {t('course.videoQuestions', {
                        answered: questionsById.get(lesson.id)!.answered,
                        total: questionsById.get(lesson.id)!.total,
                      })}
                    </span>
                  )}
                  {reread.has(lesson.id) && (
                    <span className="outline__reread">
                      <span aria-hidden="true">↻ </span>
                      {t('course.reread')}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </section>
  );
}
