import { organisationKindSchema } from '@hocvuso/contracts';
import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin-api';
import { adminChangedBy } from '../../api/admin-queries';
import { useInvalidate } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { CheckboxField } from '../../components/checkbox-field';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { FileField } from '../../components/file-field';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { canImportUnits } from '../admin';
import { type Column, DataTable } from '../../components/data-table';
import {
  IMPORT_COLUMNS,
  type ImportKind,
  type ImportSummary,
  MAX_CSV_BYTES,
  type RejectedLine,
  type SignInCodeLine,
  summariseImport,
} from './import-report';
import { MyRosterImports } from './my-roster-imports';
import { useAllCourses, useCourseChoices } from '../../components/use-all-courses';

/** A course's box in the roster's course list. */
const courseBoxId = (courseId: string) => `import-course-${courseId}`;

interface Upload {
  kind: ImportKind;
  name: string;
  text: string;
  courseIds: string[];
}

/**
 * Uploads a CSV of administrative units, organisations or learners (a roster, enrolled in chosen courses).
 * "Check first (write nothing)" is on by default: the report says line by line what would happen, and a second
 * button then imports the same file for real.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const kinds: ImportKind[] = canImportUnits(me)
    ? ['units', 'organisations', 'roster']
    : ['organisations', 'roster'];
  const [kind, setKind] = useState<ImportKind>(kinds[0]!);
  const [file, setFile] = useState<File>();
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [dryRun, setDryRun] = useState(true);
  const [problem, setProblem] = useState<{ field: 'file' | 'courses'; message: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ upload: Upload; summary: ImportSummary }>();
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  // The course picker shows only for rosters: the whole catalogue is fetched only then.
  const courses = useAllCourses(kind === 'roster');
  const invalidate = useInvalidate();
  const courseChoices = useCourseChoices(courses.data);
  usePageTitle(t('admin.imports.title'));

  useEffect(() => {
    if (result) reportRef.current?.focus();
  }, [result]);

  async function send(upload: Upload, asDryRun: boolean) {
    setSending(true);
    setError(undefined);
    try {
      const report =
        upload.kind === 'units'
          ? await adminApi.importUnits(upload.text, asDryRun)
          : upload.kind === 'organisations'
            ? await adminApi.importOrganisations(upload.text, asDryRun)
            : await adminApi.importRoster(upload.text, upload.courseIds, asDryRun);
      setResult({ upload, summary: summariseImport(upload.kind, report) });
      if (upload.kind === 'roster') invalidate(...adminChangedBy.rosterImport());
      else if (!asDryRun) invalidate(...adminChangedBy.directory());
    } catch (e) {
      setResult(undefined);
      setError(e);
    } finally {
      setSending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    if (!file) {
      setProblem({ field: 'file', message: t('admin.imports.fileRequired') });
      return fileRef.current?.focus();
    }
    if (file.size > MAX_CSV_BYTES) {
      setProblem({ field: 'file', message: t('admin.imports.fileTooBig') });
      return fileRef.current?.focus();
    }
    if (kind === 'roster' && courseIds.length === 0) {
      setProblem({ field: 'courses', message: t('admin.imports.coursesRequired') });
      const first = courses.data?.[0];
      if (first) document.getElementById(courseBoxId(first.id))?.focus();
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setProblem({ field: 'file', message: t('admin.imports.fileUnreadable') });
      return fileRef.current?.focus();
    }
    await send({ kind, name: file.name, text, courseIds: kind === 'roster' ? courseIds : [] }, dryRun);
  }

  const columns = IMPORT_COLUMNS[kind];
  const fileError = problem?.field === 'file' ? problem.message : undefined;
  const coursesError = problem?.field === 'courses' ? problem.message : undefined;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.imports.title')}</h1>
        <p className="lead">{t('admin.imports.intro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('admin.imports.kind')}</legend>
          <div className="choices">
            {kinds.map((k) => (
              <div className="choice" key={k}>
                <input
                  type="radio"
                  id={`import-kind-${k}`}
                  name="import-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setResult(undefined);
                  }}
                />
                <label htmlFor={`import-kind-${k}`}>
                  <span className="choice__title">{t(`admin.imports.kinds.${k}`)}</span>
                  <span className="choice__hint">{t(`admin.imports.kindHints.${k}`)}</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>

        <FileField
          ref={fileRef}
          id="import-file"
          label={t('admin.imports.file')}
          hint={
            t('admin.imports.columns', { columns: columns.required.join(', ') }) +
            (columns.optional.length > 0
              ? ` ${t('admin.imports.optionalColumns', { columns: columns.optional.join(', ') })}`
              : '') +
            (kind === 'organisations'
              ? ` ${t('admin.imports.organisationColumns', {
                  kinds: organisationKindSchema.options
                    .map((k) => `${k} (${t(`organisations.kinds.${k}`)})`)
                    .join(', '),
                })}`
              : '')
          }
          error={fileError}
          accept=".csv,text/csv"
          fileName={file?.name}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setResult(undefined);
            setProblem(undefined);
          }}
        />

        {kind === 'roster' && (
          <CodeCheckboxes
            idPrefix="import-courses"
            boxId={courseBoxId}
            legend={t('admin.imports.courses')}
            error={coursesError}
            codes={courseChoices.ids}
            label={(id) => courseChoices.titles.get(id) ?? id}
            selected={courseIds}
            onChange={setCourseIds}
          >
            {courses.error !== undefined && <ErrorNotice error={courses.error} onRetry={courses.reload} />}
            {!courses.data && courses.error === undefined && <Loading />}
          </CodeCheckboxes>
        )}

        <CheckboxField
          id="import-dry-run"
          label={t('admin.imports.dryRun')}
          hint={t('admin.imports.dryRunHint')}
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
        />

        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={sending}>
            {sending
              ? t('admin.imports.sending')
              : dryRun
                ? t('admin.imports.check')
                : t('admin.imports.import')}
          </button>
        </p>
      </form>

      {result && (
        <ImportResult
          summary={result.summary}
          fileName={result.upload.name}
          headingRef={reportRef}
          sending={sending}
          onImport={() => void send(result.upload, false)}
        />
      )}

      {kind === 'roster' && <MyRosterImports />}
    </div>
  );
}

interface ImportResultProps {
  summary: ImportSummary;
  fileName: string;
  headingRef: Ref<HTMLHeadingElement>;
  sending: boolean;
  onImport: () => void;
}

function ImportResult({ summary, fileName, headingRef, sending, onImport }: ImportResultProps) {
  const { t } = useTranslation();
  const rejectedColumns: Array<Column<RejectedLine>> = [
    {
      key: 'line',
      label: t('admin.imports.line'),
      primary: true,
      render: (r) => t('admin.imports.lineValue', { line: r.line }),
    },
    { key: 'key', label: t('admin.imports.key'), render: (r) => r.key ?? t('admin.none') },
    {
      key: 'field',
      label: t('admin.imports.field'),
      render: (r) => <code>{r.field || t('admin.none')}</code>,
    },
    { key: 'message', label: t('admin.imports.message'), render: (r) => <span lang="en">{r.message}</span> },
  ];
  const rejected = summary.counts.find(([key]) => key === 'rejected')?.[1] ?? 0;
  return (
    <section className="stack" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading" ref={headingRef} tabIndex={-1}>
        {summary.dryRun ? t('admin.imports.reportDryRun') : t('admin.imports.reportDone')}
      </h2>
      <p>{t('admin.imports.reportFile', { name: fileName })}</p>
      {summary.dryRun && <p className="notice notice--info">{t('admin.imports.nothingWritten')}</p>}
      <ul className="counts" role="list">
        {summary.counts.map(([key, count]) => (
          <li key={key} className={`counts__item counts__item--${key}`}>
            <span className="counts__number">{count}</span>
            <span className="counts__label">{t(`admin.imports.counts.${key}`)}</span>
          </li>
        ))}
      </ul>
      {summary.invitations && (
        <>
          <h3>{summary.dryRun ? t('admin.imports.invitationsPlanned') : t('admin.imports.invitations')}</h3>
          <ul className="counts" role="list">
            {summary.invitations.map(([key, count]) => (
              <li key={key} className="counts__item">
                <span className="counts__number">{count}</span>
                <span className="counts__label">{t(`admin.imports.invitedBy.${key}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.codes && summary.codes.length > 0 && <SignInCodes codes={summary.codes} />}
      {summary.rejected.length > 0 ? (
        <>
          <h3>{t('admin.imports.rejectedHeading')}</h3>
          <p className="muted">{t('admin.imports.rejectedHint')}</p>
          <DataTable
            caption={t('admin.imports.rejectedHeading')}
            columns={rejectedColumns}
            rows={summary.rejected}
            rowKey={(r) => `${r.line}:${r.field}:${r.message}`}
          />
        </>
      ) : (
        <p className="status status--completed">
          <span aria-hidden="true">✓ </span>
          {t('admin.imports.noRejected')}
        </p>
      )}
      {summary.dryRun && (
        <div className="stack-xs">
          {rejected > 0 && <p>{t('admin.imports.importAnyway')}</p>}
          <p>
            <button type="button" className="button" onClick={onImport} disabled={sending}>
              {sending ? t('admin.imports.sending') : t('admin.imports.importNow')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

/**
 * The one-time sign-in codes of the new phone-only accounts (there is no SMS): shown only in this answer, so
 * the administrator prints or copies them now and hands each person theirs.
 */
function SignInCodes({ codes }: { codes: SignInCodeLine[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: Array<Column<SignInCodeLine>> = [
    {
      key: 'line',
      label: t('admin.imports.line'),
      primary: true,
      render: (r) => t('admin.imports.lineValue', { line: r.line }),
    },
    { key: 'code', label: t('admin.imports.code'), render: (r) => <code>{r.code}</code> },
    {
      key: 'expiresAt',
      label: t('admin.imports.codeExpires'),
      render: (r) => formatDateTime(r.expiresAt, lang),
    },
  ];
  return (
    <>
      <h3>{t('admin.imports.codesHeading')}</h3>
      <p className="notice notice--info">{t('admin.imports.codesHint')}</p>
      <DataTable
        caption={t('admin.imports.codesHeading')}
        columns={columns}
        rows={codes}
        rowKey={(r) => String(r.line)}
      />
    </>
  );
}
