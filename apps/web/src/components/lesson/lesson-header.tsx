import type { LessonResponse } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from '../../i18n/format';

/** The lesson's title (the page's h1) and what kind of lesson it is, and how long it takes. */
export function LessonHeader({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  return (
    <header className="stack-sm">
      <h1 lang={lesson.language}>{lesson.title}</h1>
      <p className="muted">
        {t('player.meta', {
          kind: t(`lessonKind.${lesson.kind}`),
          duration: formatMinutes(t, lesson.minutes),
        })}
      </p>
    </header>
  );
}
