import type { LessonStatus } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';

const ICON: Record<LessonStatus, string> = { not_started: '○', in_progress: '◐', completed: '✓' };

/** A lesson's status as an icon plus words, never colour alone. */
export function LessonStatusText({ status }: { status: LessonStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${status}`}>
      <span aria-hidden="true">{ICON[status]} </span>
      {t(`lessonStatus.${status}`)}
    </span>
  );
}
