import type { LessonKind, LessonStatus } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';

const ICON: Record<LessonStatus, string> = { not_started: '○', in_progress: '◐', completed: '✓' };

/**
 * A lesson's status as an icon plus words, never colour alone. A completed lesson says how it was
 * completed when the kind is known: watched (video), passed (quiz), all tasks done (checklist).
 */
export function LessonStatusText({ status, kind }: { status: LessonStatus; kind?: LessonKind }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${status}`}>
      <span aria-hidden="true">{ICON[status]} </span>
      {status === 'completed' && kind ? t(`lessonStatusDone.${kind}`) : t(`lessonStatus.${status}`)}
    </span>
  );
}
