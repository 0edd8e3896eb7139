import type { ReportSummary } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { reportView } from './report-view';

/** A report's status in words with an icon (never colour alone). */
export function ReportStatus({
  report,
}: {
  report: Pick<ReportSummary, 'status' | 'progress' | 'supersededBy'>;
}) {
  const { t } = useTranslation();
  const view = reportView(report, false);
  return (
    <span className={`status report-status report-status--${report.status}`}>
      <span aria-hidden="true">{view.icon} </span>
      {t(`reports.status.${report.status}`)}
    </span>
  );
}
