import type { CourseDetail, CourseProgressResponse, LessonStatus } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contentLang } from '../../components/content-lang';
import { LessonStatusText } from '../../components/lesson-status-text';
import { useLang } from '../../i18n/use-lang';
import { lessonPlace, moduleStarts } from './lesson-place';

interface LessonOutlineProps {
  lessonId: string;
  /** The outline of the version the learner reads. */
  course: CourseDetail;
  /** Each lesson's status for this learner, when known. */
  progress: CourseProgressResponse | undefined;
}

/**
 * "Bài 2/9" above the lesson, and behind it (a native disclosure, so keyboards and screen readers know it) the
 * course's lessons: each a link with its status in words, the open one marked as the current page. On a phone
 * it stays one line until opened, so the lesson itself still starts near the top of the screen.
 */
export function LessonOutline({ lessonId, course, progress }: LessonOutlineProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const place = lessonPlace(course, lessonId);
  if (!place) return null;
  const textLang = contentLang(course, lang);
  const starts = moduleStarts(course);
  const statusById = new Map<string, LessonStatus>(progress?.lessons.map((l) => [l.id, l.status]));
  const titled = course.modules.length > 1;

  return (
    <nav className="lesson-outline" aria-label={t('player.outlineLabel')}>
      <details>
        <summary>
          {/* "2/9" may be read out as a date: screen readers hear "Bài 2 trên 9" instead. */}
          <span className="lesson-outline__place" aria-hidden="true">
            {t('player.placeShort', { ...place })}
          </span>
          <span className="visually-hidden">{t('player.placeLong', { ...place })}</span>
          <span className="lesson-outline__open">{t('player.outlineOpen')}</span>
        </summary>
        <div className="lesson-outline__body stack-sm">
          {course.modules.map((module, index) => (
            <div key={module.key} className="stack-xs">
              {titled && (
                <p className="lesson-outline__module" id={`outline-module-${module.key}`} lang={textLang}>
                  {module.title}
                </p>
              )}
              <ol
                className="lesson-outline__list"
                start={starts[index]}
                aria-labelledby={titled ? `outline-module-${module.key}` : undefined}
              >
                {module.lessons.map((item) => {
                  const current = item.id === lessonId;
                  const status = statusById.get(item.id);
                  return (
                    <li
                      key={item.id}
                      className={current ? 'lesson-outline__item is-current' : 'lesson-outline__item'}
                    >
                      <Link
                        to={`/lessons/${item.id}`}
                        aria-current={current ? 'page' : undefined}
                        lang={textLang}
                      >
                        {item.title}
                      </Link>
                      {current && (
                        <span className="lesson-outline__here">
                          <span aria-hidden="true">▶ </span>
                          {t('player.outlineHere')}
                        </span>
                      )}
                      {status && <LessonStatusText status={status} kind={item.kind} />}
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
        </div>
      </details>
    </nav>
  );
}
