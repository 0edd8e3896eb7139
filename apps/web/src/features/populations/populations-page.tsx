import type { PopulationImportReport, PopulationImportSummary } from '@hocvuso/contracts';
import { POPULATION_COLUMNS } from '@hocvuso/domain';
import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type PopulationSheetUpload, populationsApi } from '../../api/populations-api';
import { populationsChangedBy, populationsQueries } from '../../api/populations-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { FileField } from '../../components/file-field';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime, formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { groupLabel, PopulationFigures } from './population-figures';
import {
  importStatus,
  isRowErrorCode,
  isSheetErrorCode,
  type RowProblem,
  SHEET_ACCEPT,
  sheetUpload,
  summariseReport,
  templateCsv,
} from './population-sheet';

/**
 * Official populations for statisticians (population.import): a statistics sheet (CSV or XLSX) is always checked
 * first (a dry run: the row report, nothing written); only a file whose every row is valid can then be imported,
 * as the api decides (one bad row and nothing is written). Below: their own imports, and the figures in force.
 */
export function PopulationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('populations.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('populations.title')}</h1>
        <p className="lead">{t('populations.intro')}</p>
      </header>
      <SheetImport />
      <ImportHistory />
      <PopulationFigures />
    </div>
  );
}

interface Sent {
  sheet: PopulationSheetUpload;
  name: string;
  report: PopulationImportReport;
}

function SheetImport() {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState<'check' | 'import'>();
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<Sent>();
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) reportRef.current?.focus();
  }, [sent]);

  async function send(sheet: PopulationSheetUpload, name: string, dryRun: boolean) {
    setSending(dryRun ? 'check' : 'import');
    setError(undefined);
    try {
      const report = await populationsApi.importSheet(sheet, dryRun);
      setSent({ sheet, name, report });
      invalidate(...populationsChangedBy.import(report.applied));
    } catch (e) {
      setSent(undefined);
      setError(e);
    } finally {
      setSending(undefined);
    }
  }

  async function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    const upload = sheetUpload(file);
    if ('problem' in upload) {
      setProblem(t(`populations.upload.${upload.problem}`));
      return fileRef.current?.focus();
    }
    // The bytes are read once: the import after the check sends exactly the file that was checked.
    const content = new Blob([await file!.arrayBuffer()], { type: upload.contentType });
    await send({ content, contentType: upload.contentType, fileName: upload.fileName }, file!.name, true);
  }

  return (
    <>
      <section className="stack" aria-labelledby="population-upload-heading">
        <h2 id="population-upload-heading">{t('populations.upload.heading')}</h2>
        <TemplateLink />
        <form className="panel stack" noValidate onSubmit={(e) => void onCheck(e)}>
          <FileField
            ref={fileRef}
            id="population-file"
            label={t('populations.upload.file')}
            hint={t('populations.upload.hint', { columns: POPULATION_COLUMNS.join(', ') })}
            error={problem}
            accept={SHEET_ACCEPT}
            fileName={file?.name}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setSent(undefined);
              setProblem(undefined);
              setError(undefined);
            }}
          />
          <p className="muted">{t('populations.upload.rule')}</p>
          {error !== undefined && <SheetError error={error} />}
          <p>
            <button type="submit" className="button button--large" disabled={sending !== undefined}>
              {sending === 'check' ? t('populations.upload.checking') : t('populations.upload.check')}
            </button>
          </p>
        </form>
      </section>
      {sent && (
        <ImportReportView
          sent={sent}
          headingRef={reportRef}
          sending={sending}
          onConfirm={() => void send(sent.sheet, sent.name, false)}
        />
      )}
    </>
  );
}

/** The template sheet, made here from the contract's columns (the api serves none). */
function TemplateLink() {
  const { t } = useTranslation();
  const [href, setHref] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, []);
  return (
    <p>
      <a href={href} download="mau-dan-so.csv" aria-describedby="population-template-hint">
        {t('populations.upload.template')}
      </a>{' '}
      <span className="muted" id="population-template-hint">
        {t('populations.upload.templateHint')}
      </span>
    </p>
  );
}

/** A whole-file refusal (not a sheet, too large, columns missing…) in the page's own words. */
function SheetError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isApiError(error) || !isSheetErrorCode(error.code)) return <ErrorNotice error={error} />;
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">
        <span aria-hidden="true">⚠ </span>
        {t('populations.sheetErrorTitle')}
      </p>
      <p>{t(`populations.sheetErrors.${error.code}`)}</p>
      {error.code === 'SHEET_COLUMNS_MISSING' && Array.isArray(missing) && missing.length > 0 && (
        <p>{t('populations.missingColumns', { columns: missing.join(', ') })}</p>
      )}
    </div>
  );
}

interface ImportReportViewProps {
  sent: Sent;
  headingRef: Ref<HTMLHeadingElement>;
  sending: 'check' | 'import' | undefined;
  onConfirm: () => void;
}

function ImportReportView({ sent, headingRef, sending, onConfirm }: ImportReportViewProps) {
  const { t } = useTranslation();
  const summary = summariseReport(sent.report);
  const refused = summary.bad > 0;
  const heading = refused
    ? t('populations.report.refused')
    : summary.applied
      ? t('populations.report.applied')
      : t('populations.report.dryRun');
  const outcome = summary.dryRun
    ? ([
        ['wouldCreate', summary.outcome.created],
        ['wouldRevise', summary.outcome.revised],
        ['unchanged', summary.outcome.unchanged],
      ] as const)
    : ([
        ['created', summary.outcome.created],
        ['revised', summary.outcome.revised],
        ['unchanged', summary.outcome.unchanged],
      ] as const);
  const counts = [
    ['good', summary.good] as const,
    ['bad', summary.bad] as const,
    ...(refused ? [] : outcome),
  ];
  const problemColumns: Array<Column<RowProblem>> = [
    {
      key: 'line',
      label: t('populations.report.line'),
      primary: true,
      render: (r) => t('populations.report.lineValue', { line: r.line }),
    },
    {
      key: 'key',
      label: t('populations.report.key'),
      render: (r) => (r.key ? <code>{r.key}</code> : t('populations.report.none')),
    },
    {
      key: 'group',
      label: t('populations.report.group'),
      render: (r) => (r.targetGroup ? groupLabel(t, r.targetGroup) : t('populations.report.none')),
    },
    { key: 'code', label: t('populations.report.code'), render: (r) => <code>{r.code}</code> },
    {
      key: 'message',
      label: t('populations.report.message'),
      render: (r) =>
        isRowErrorCode(r.code) ? (
          t(`populations.rowErrors.${r.code}`)
        ) : (
          <span lang="en">{r.message || t('populations.rowErrors.other')}</span>
        ),
    },
  ];
  return (
    <section className="stack" aria-labelledby="population-report-heading">
      <h2 id="population-report-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <p>{t('populations.report.file', { name: sent.name })}</p>
      <ul className="counts" role="list">
        {counts.map(([key, count]) => (
          <li key={key} className={`counts__item counts__item--${key === 'bad' ? 'rejected' : key}`}>
            <span className="counts__number">{count}</span>
            <span className="counts__label">{t(`populations.report.${key}`)}</span>
          </li>
        ))}
      </ul>
      {refused ? (
        <>
          <p className="notice notice--error">{t('populations.report.nothingImported')}</p>
          <h3>{t('populations.report.problemsHeading')}</h3>
          <p className="muted">{t('populations.report.problemsHint')}</p>
          <DataTable
            caption={t('populations.report.problemsCaption', { name: sent.name })}
            columns={problemColumns}
            rows={summary.problems}
            rowKey={(r) => `${r.line}:${r.field}:${r.code}`}
          />
        </>
      ) : summary.good === 0 ? (
        <p className="notice notice--info">{t('populations.report.noRows')}</p>
      ) : summary.applied ? (
        <p className="status status--completed" role="status">
          {t('populations.report.appliedNote')}
        </p>
      ) : (
        <>
          <p className="notice notice--info">{t('populations.report.readyToImport')}</p>
          <p>
            <button
              type="button"
              className="button button--large"
              disabled={sending !== undefined}
              onClick={onConfirm}
            >
              {sending === 'import' ? t('populations.upload.importing') : t('populations.report.confirm')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/** The statistician's own imports (the api lists only the caller's), newest first. */
function ImportHistory() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useApiQuery(populationsQueries.imports());
  const columns: Array<Column<PopulationImportSummary>> = [
    {
      key: 'at',
      label: t('populations.history.at'),
      primary: true,
      render: (r) => formatDateTime(r.createdAt, lang),
    },
    { key: 'who', label: t('populations.history.who'), render: () => t('populations.history.you') },
    { key: 'file', label: t('populations.history.file'), render: (r) => r.fileName },
    { key: 'rows', label: t('populations.history.rows'), render: (r) => r.rows },
    {
      key: 'periods',
      label: t('populations.history.periods'),
      render: (r) => (r.periods.length ? formatList(r.periods, lang) : t('populations.report.none')),
    },
    {
      key: 'status',
      label: t('populations.history.status'),
      render: (r) => t(`populations.history.statuses.${importStatus(r)}`, { count: r.rejected }),
    },
  ];
  return (
    <section className="stack-sm" aria-labelledby="population-history-heading">
      <h2 id="population-history-heading">{t('populations.history.heading')}</h2>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && list.error === undefined && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('populations.history.empty')}</p>
        ) : (
          <DataTable
            caption={t('populations.history.caption')}
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.id}
          />
        ))}
    </section>
  );
}
