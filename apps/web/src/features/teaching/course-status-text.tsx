import { useTranslation } from 'react-i18next';
import { type CourseStatus, STATUS_ICON } from './course-status';

/** A course's status as an icon plus words ("✓ Đã xuất bản"), never colour alone. */
export function CourseStatusText({ status }: { status: CourseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--studio-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {t(`teaching.status.${status}`)}
    </span>
  );
}
