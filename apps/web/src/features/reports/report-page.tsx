import type { ReportDataDto, ReportResponse } from '@hocvuso/contracts';
import { isUuid } from '@hocvuso/domain';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { reportsApi } from '../../api/reports-api';
import { reportsChanged, reportsQueries } from '../../api/reports-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { TextAreaField } from '../../components/text-area-field';
import { useFieldProblems } from '../../components/use-field-problems';
import { formatDateTime, localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useCan } from '../../session/capabilities';
import { ReportFigures } from './report-figures';
import { type ReportForm, reasonProblem, scopeOf, serverProblem, toReportRequest } from './report-form';
import { ReportStatus } from './report-status';
import { periodText, placeText } from './report-text';
import { downloadName, downloadsOf, nextPollDelay, reportView } from './report-view';
import './reports.css';

/**
 * One report revision: while the worker generates it, a progress bar that follows it (asking again with a
 * back-off, and no more once it is finished or the page is left); once ready, the downloads and the frozen
 * figures; and, for statisticians and administrators, submitting it and correcting it with a new revision.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { reportId = '' } = useParams();
  // Report ids are UUIDs: any other address is no report (and is not sent to the api at all).
  const wellFormed = isUuid(reportId);
  const report = useReportPolling(reportId, wellFormed);
  const data = report.data;
  const period = data ? periodText(t, data.period) : '';
  usePageTitle(
    data ? t('reports.detail.titleOf', { period, place: placeText(t, data.place) }) : t('reports.title'),
  );

  if (!wellFormed || (isApiError(report.error) && report.error.status === 404))
    return <NotFound message={t('reports.detail.notFound')} />;

  return (
    <div className="stack-lg reports-page">
      <p>
        <Link to="/admin/reports">
          <span aria-hidden="true">← </span>
          {t('reports.detail.back')}
        </Link>
      </p>
      <h1>
        {data ? t('reports.detail.titleOf', { period, place: placeText(t, data.place) }) : t('reports.title')}
      </h1>
      {report.error !== undefined && !data ? (
        <ErrorNotice error={report.error} onRetry={report.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <ReportBody
          report={data}
          pollError={report.error}
          onRetry={report.reload}
          onChange={report.setData}
        />
      )}
    </div>
  );
}

/**
 * The report, asked again while it is queued or being generated: after nextPollDelay of the answers that brought
 * no news. The timer is cleared when the page is left (and the request in flight is cancelled with it).
 */
function useReportPolling(id: string, enabled: boolean) {
  const query = useApiQuery(reportsQueries.report(id), { fresh: true, enabled });
  const { data, loading, error, reload } = query;
  const pending = data?.status === 'queued' || data?.status === 'generating';
  const last = useRef<string | undefined>(undefined);
  const quiet = useRef(0);
  useEffect(() => {
    if (!data || !pending || loading || error !== undefined) return;
    const news = `${data.status}:${data.progress}`;
    if (last.current === news) quiet.current += 1;
    else {
      last.current = news;
      quiet.current = 0;
    }
    const timer = setTimeout(reload, nextPollDelay(quiet.current));
    return () => clearTimeout(timer);
  }, [data, pending, loading, error, reload]);
  return query;
}

interface ReportBodyProps {
  report: ReportResponse;
  pollError: unknown;
  onRetry: () => void;
  onChange: (report: ReportResponse) => void;
}

function ReportBody({ report, pollError, onRetry, onChange }: ReportBodyProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const ids = useId();
  const canGenerate = useCan('report.generate');
  const view = reportView(report, canGenerate);
  const [flash, setFlash] = useState<string>();

  return (
    <>
      <section aria-labelledby={`${ids}-facts`} className="panel stack-sm">
        <h2 id={`${ids}-facts`} className="visually-hidden">
          {t('reports.detail.facts')}
        </h2>
        <dl className="reports-facts">
          <div>
            <dt>{t('reports.detail.statusLabel')}</dt>
            <dd>
              <ReportStatus report={report} />
            </dd>
          </div>
          <div>
            <dt>{t('reports.detail.revisionLabel')}</dt>
            <dd>
              {t('reports.revision', { revision: report.revision })}
              {report.supersedes != null && (
                <> ({t('reports.correctionOf', { revision: report.supersedes })})</>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('reports.detail.requestedLabel')}</dt>
            <dd>{formatDateTime(report.requestedAt, lang)}</dd>
          </div>
        </dl>
        <p className="muted">{localizedText(report.plan.title, lang)}</p>
        {report.correctionReason && (
          <p>{t('reports.detail.correctionReason', { reason: report.correctionReason })}</p>
        )}
        {report.submittedAt && (
          <p>{t('reports.detail.submittedAt', { time: formatDateTime(report.submittedAt, lang) })}</p>
        )}
        {report.supersededBy != null && (
          <p className="notice notice--info">
            {t('reports.detail.supersededNote', { revision: report.supersededBy })}
          </p>
        )}
        {!canGenerate && <p className="muted">{t('reports.readOnly')}</p>}
      </section>

      <LiveMessage>{flash}</LiveMessage>

      {view.pending && <ReportProgress report={report} value={view.progress} />}
      {pollError !== undefined && (
        <div className="stack-sm">
          <p>{t('reports.detail.pollFailed')}</p>
          <ErrorNotice error={pollError} onRetry={onRetry} />
        </div>
      )}
      {report.status === 'failed' && (
        <p className="notice notice--error">
          <span aria-hidden="true">⚠ </span>
          {t('reports.detail.failedText', { code: report.failureCode ?? '—' })}
        </p>
      )}
      {view.canRetry && <RetryButton report={report} />}

      {view.downloadable && report.data && (
        <>
          <section aria-labelledby={`${ids}-downloads`} className="stack-sm">
            <h2 id={`${ids}-downloads`}>{t('reports.detail.downloadsHeading')}</h2>
            <ul className="reports-downloads" role="list">
              {downloadsOf(report.id).map(({ format, href }) => (
                <li key={format}>
                  <a className="button button--secondary" href={href} download={downloadName(report, format)}>
                    {t(`reports.detail.download.${format}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby={`${ids}-figures`} className="stack">
            <h2 id={`${ids}-figures`}>{t('reports.detail.figuresHeading')}</h2>
            <FrozenNote report={report} data={report.data} />
            <ReportFigures data={report.data} period={periodText(t, report.period)} />
          </section>
        </>
      )}

      {(view.canSubmit || view.canCorrect) && (
        <section aria-labelledby={`${ids}-actions`} className="stack">
          <h2 id={`${ids}-actions`}>{t('reports.detail.actionsHeading')}</h2>
          {view.canSubmit && (
            <SubmitButton
              report={report}
              onSubmitted={(next) => {
                onChange(next);
                setFlash(t('reports.detail.submitted'));
              }}
            />
          )}
          {view.canCorrect && <CorrectionForm report={report} />}
        </section>
      )}
    </>
  );
}

function FrozenNote({ report, data }: { report: ReportResponse; data: ReportDataDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const day = data.period.end.split('-');
  return (
    <>
      <p>
        {t('reports.detail.frozen', {
          date: `${day[2]}/${day[1]}/${day[0]}`,
          generated: report.generatedAt ? formatDateTime(report.generatedAt, lang) : '—',
        })}
      </p>
      {report.checksum && (
        <p className="muted reports-checksum">
          {t('reports.detail.checksum', { checksum: report.checksum })}
        </p>
      )}
    </>
  );
}

/** The worker's progress: a progress bar with its value in words, and the status announced as it changes. */
function ReportProgress({ report, value }: { report: ReportResponse; value: number }) {
  const { t } = useTranslation();
  const ids = useId();
  const text = t('reports.detail.progressText', { value });
  return (
    <section aria-labelledby={`${ids}-label`} className="panel stack-sm">
      <h2 id={`${ids}-label`} className="progress-label">
        {t('reports.detail.progressLabel')}
      </h2>
      <div
        className="reports-progress"
        role="progressbar"
        aria-labelledby={`${ids}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <div className="reports-progress__fill" style={{ width: `${value}%` }} />
      </div>
      <p aria-hidden="true">{text}</p>
      <p role="status">
        {report.status === 'queued' ? t('reports.detail.queuedText') : t('reports.detail.generatingText')}
      </p>
    </section>
  );
}

function SubmitButton({
  report,
  onSubmitted,
}: {
  report: ReportResponse;
  onSubmitted: (r: ReportResponse) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      const next = await reportsApi.submit(report.id);
      invalidate(...reportsChanged());
      setOpen(false);
      onSubmitted(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('reports.detail.submit')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('reports.detail.submitTitle')}
        description={t('reports.detail.submitBody')}
        confirmLabel={t('reports.detail.submitConfirm')}
        busyLabel={t('reports.detail.submitting')}
        cancelLabel={t('reports.detail.cancel')}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        {error !== undefined && <ErrorNotice error={error} />}
      </ConfirmDialog>
    </div>
  );
}

/** The form of a report's own place and period (a correction or a new request asks for the same). */
const formOf = (report: ReportResponse): ReportForm => ({
  scope: scopeOf(report.place),
  kind: report.period.kind,
  period: report.period.code,
  start: report.period.start,
  end: report.period.end,
});

function CorrectionForm({ report }: { report: ReportResponse }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const problems = useFieldProblems({ reason: 'report-reason' });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const problem = reasonProblem(reason);
    if (problem) return problems.show([['reason', t(`reports.problems.${problem}`)]]);
    problems.clearAll();
    setSending(true);
    try {
      const next = await reportsApi.request(
        toReportRequest(formOf(report), { plan: report.plan.id, correctionOf: report.revision, reason }),
      );
      invalidate(...reportsChanged());
      void navigate(`/admin/reports/${next.id}`);
    } catch (e) {
      const found = serverProblem(e, report.period.kind);
      if (found?.[0] === 'reason') problems.show([['reason', t(`reports.problems.${found[1]}`)]]);
      else setError(e);
    } finally {
      setSending(false);
    }
  }

  if (!open)
    return (
      <div>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('reports.detail.correct')}
        </button>
      </div>
    );
  return (
    <div className="stack">
      <ErrorSummary
        problems={problems.summary}
        error={error}
        title={problems.summary.length > 0 ? t('reports.detail.correctSummary') : undefined}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <h3>{t('reports.detail.correctHeading')}</h3>
        <p>{t('reports.detail.correctIntro')}</p>
        <TextAreaField
          id="report-reason"
          label={t('reports.detail.reason')}
          hint={t('reports.detail.reasonHint')}
          required
          maxLength={1000}
          rows={3}
          value={reason}
          error={problems.problemOf('reason')}
          onChange={(e) => {
            setReason(e.target.value);
            problems.clear('reason');
          }}
          // The form opens on a click: the reason is what to fill in next.
          autoFocus
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={sending}>
            {sending ? t('reports.form.submitting') : t('reports.detail.correctSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            {t('reports.detail.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function RetryButton({ report }: { report: ReportResponse }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function retry() {
    setBusy(true);
    setError(undefined);
    try {
      const next = await reportsApi.request(toReportRequest(formOf(report), { plan: report.plan.id }));
      invalidate(...reportsChanged());
      void navigate(`/admin/reports/${next.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="stack-sm">
      {error !== undefined && <ErrorNotice error={error} />}
      <div>
        <button type="button" className="button" disabled={busy} onClick={() => void retry()}>
          {t('reports.detail.retry')}
        </button>
      </div>
    </div>
  );
}
