import type { CoveragePlace } from '@hocvuso/contracts';
import { REPORT_PERIOD_KINDS } from '@hocvuso/contracts';
import { vietnamDate } from '@hocvuso/domain';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { coverageQueries } from '../../api/coverage-queries';
import { reportsApi } from '../../api/reports-api';
import { reportsChanged } from '../../api/reports-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { FieldFrame } from '../../components/field-frame';
import { Loading } from '../../components/loading';
import { TextField } from '../../components/text-field';
import { useFieldProblems } from '../../components/use-field-problems';
import {
  endedPeriods,
  type ReportField,
  type ReportForm,
  type ReportPeriodKind,
  reportProblems,
  scopeOf,
  serverProblem,
  toReportRequest,
} from './report-form';
import { kindText, periodText } from './report-text';

const FIELD_TARGET: Record<ReportField, string> = {
  scope: 'report-scope',
  period: 'report-period',
  start: 'report-start',
  end: 'report-end',
  reason: 'report-scope',
};

/** A unit's or organisation's place as a choice of the scope list. */
interface ScopeChoice {
  value: string;
  label: string;
}

/**
 * Asks for a report: a place of the caller's reach (their own place and the places one level down, as the
 * coverage dashboard shows them), the kind of period and an ended period of that kind, or a custom range.
 * Checked here with the api's rules first; the api's refusals are shown next to the field they are about.
 */
export function ReportRequestForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const today = vietnamDate(new Date());
  const reach = useApiQuery(coverageQueries.coverage({}));
  const scopes = useMemo<ScopeChoice[]>(() => {
    const data = reach.data;
    if (!data) return [];
    const label = (p: CoveragePlace) => (p.kind === 'all' ? t('reports.form.everywhere') : p.name);
    return [data.place, ...data.children, ...data.organisations].map((p) => ({
      value: scopeOf(p),
      label: label(p),
    }));
  }, [reach.data, t]);
  const [form, setForm] = useState<ReportForm>(() => ({
    scope: '',
    kind: 'quarter',
    period: endedPeriods('quarter', today)[0] ?? '',
    start: '',
    end: today,
  }));
  const scope = form.scope || scopes[0]?.value || '';
  const problems = useFieldProblems(FIELD_TARGET);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();

  const periods = form.kind === 'adhoc' ? [] : endedPeriods(form.kind, today);
  const periodLabel = (code: string) => periodText(t, { code, kind: form.kind, start: '', end: '' });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const checked = { ...form, scope };
    const found = reportProblems(checked, vietnamDate(new Date()));
    if (found.length > 0)
      return problems.show(found.map(([field, p]) => [field, t(`reports.problems.${p}`)]));
    problems.clearAll();
    setSending(true);
    try {
      const report = await reportsApi.request(toReportRequest(checked));
      invalidate(...reportsChanged());
      void navigate(`/admin/reports/${report.id}`);
    } catch (e) {
      const problem = serverProblem(e, form.kind);
      if (problem) problems.show([[problem[0], t(`reports.problems.${problem[1]}`)]]);
      else setError(e);
    } finally {
      setSending(false);
    }
  }

  const set = (field: keyof ReportForm) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setForm((f) => {
      if (field !== 'kind') return { ...f, [field]: value };
      const kind = value as ReportPeriodKind;
      return { ...f, kind, period: kind === 'adhoc' ? '' : (endedPeriods(kind, today)[0] ?? '') };
    });
    if (field === 'kind') problems.clearAll();
    else problems.clear(field);
  };

  if (reach.error) return <ErrorNotice error={reach.error} onRetry={reach.reload} />;
  if (!reach.data) return <Loading />;

  return (
    <div className="stack">
      <ErrorSummary
        problems={problems.summary}
        error={error}
        title={problems.summary.length > 0 ? t('reports.form.summary') : undefined}
        focusKey={problems.focusKey}
      />
      <form className="panel stack reports-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p>{t('reports.form.intro')}</p>
        <FieldFrame
          id="report-scope"
          label={t('reports.form.scope')}
          hint={t('reports.form.scopeHint')}
          error={problems.problemOf('scope')}
        >
          {(control) => (
            <select {...control} className="input select" value={scope} onChange={set('scope')}>
              {scopes.length === 0 && <option value="">{t('reports.form.chooseScope')}</option>}
              {scopes.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <FieldFrame id="report-kind" label={t('reports.form.kind')}>
          {(control) => (
            <select {...control} className="input select" value={form.kind} onChange={set('kind')}>
              {REPORT_PERIOD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kindText(t, kind)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        {form.kind === 'adhoc' ? (
          <div className="reports-form__range">
            <TextField
              id="report-start"
              type="date"
              label={t('reports.form.start')}
              max={today}
              value={form.start}
              onChange={set('start')}
              error={problems.problemOf('start')}
            />
            <TextField
              id="report-end"
              type="date"
              label={t('reports.form.end')}
              hint={t('reports.form.adhocHint')}
              max={today}
              value={form.end}
              onChange={set('end')}
              error={problems.problemOf('end')}
            />
          </div>
        ) : (
          <FieldFrame
            id="report-period"
            label={t('reports.form.period')}
            error={problems.problemOf('period')}
          >
            {(control) => (
              <select {...control} className="input select" value={form.period} onChange={set('period')}>
                {periods.length === 0 && <option value="">{t('reports.form.noPeriod')}</option>}
                {periods.map((code) => (
                  <option key={code} value={code}>
                    {periodLabel(code)}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        )}
        <div>
          <button type="submit" className="button button--large" disabled={sending}>
            {sending ? t('reports.form.submitting') : t('reports.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
