import type { IndicatorCell } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';

const ICON: Record<IndicatorCell['status'], string> = {
  met: '✓',
  behind: '◐',
  overdue: '⚠',
  'no-population': '?',
};

/** An indicator's status in words with an icon (never colour alone). */
export function StatusBadge({ status }: { status: IndicatorCell['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`status coverage-status coverage-status--${status}`}>
      <span aria-hidden="true">{ICON[status]} </span>
      {t(`coverage.status.${status}`)}
    </span>
  );
}
