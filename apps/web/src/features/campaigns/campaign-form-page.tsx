import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import './campaigns.css';
import type { CampaignInput, CampaignTemplateView } from '@hocvuso/contracts';
import { CAMPAIGN_INDICATORS, type CampaignIndicator, TARGET_GROUPS } from '@hocvuso/domain';
import { campaignsApi } from '../../api/campaigns-api';
import { campaignsChangedBy, campaignsQueries } from '../../api/campaigns-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useFieldProblems } from '../../components/use-field-problems';
import { campaignsError } from './campaigns-error';

type Field = 'nameVi' | 'nameEn' | 'period' | 'units' | 'terms';
const FIELD_TARGET: Record<Field, string> = {
  nameVi: 'campaign-name-vi',
  nameEn: 'campaign-name-en',
  period: 'campaign-starts',
  units: 'campaign-unit-search',
  terms: `campaign-term-${CAMPAIGN_INDICATORS[0]}`,
};
const FESTIVAL = 'national-digital-learning-day';

interface TermState {
  on: boolean;
  weight: string;
  cap: string;
}
const blankTerms = (): Record<CampaignIndicator, TermState> =>
  Object.fromEntries(CAMPAIGN_INDICATORS.map((i) => [i, { on: false, weight: '1', cap: '' }])) as Record<
    CampaignIndicator,
    TermState
  >;

/**
 * A manager starts a campaign, blank or from the 10 October festival template: the name in Vietnamese and
 * English, the period (Vietnam dates), the units of their area taking part, the awards, and the rule (which
 * indicators count, each with a weight and an optional cap).
 */
export function CampaignFormPage() {
  const [params] = useSearchParams();
  const fromTemplate = params.get('template') === FESTIVAL;
  const template = useApiQuery(campaignsQueries.festivalTemplate(), { enabled: fromTemplate });
  if (fromTemplate && template.error !== undefined)
    return <ErrorNotice error={template.error} onRetry={template.reload} />;
  if (fromTemplate && !template.data) return <Loading />;
  // Keyed by the template, so the form starts from it (and from blank otherwise).
  return (
    <CampaignForm
      key={fromTemplate ? FESTIVAL : 'blank'}
      initial={fromTemplate ? template.data : undefined}
    />
  );
}

const termsOf = (template: CampaignTemplateView | undefined) => {
  const terms = blankTerms();
  for (const term of template?.rule.terms ?? [])
    terms[term.indicator] = {
      on: true,
      weight: String(term.weight),
      cap: term.cap === null ? '' : String(term.cap),
    };
  return terms;
};

function CampaignForm({ initial }: { initial: CampaignTemplateView | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const fromTemplate = initial !== undefined;
  const [nameVi, setNameVi] = useState(initial?.name.vi ?? '');
  const [nameEn, setNameEn] = useState(initial?.name.en ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? '');
  const [topUnits, setTopUnits] = useState(String(initial?.topUnits ?? 3));
  const [topPeople, setTopPeople] = useState(String(initial?.topPeople ?? 10));
  const [targetGroup, setTargetGroup] = useState<string>(initial?.rule.targetGroup ?? 'citizens');
  const [minAttendees, setMinAttendees] = useState(String(initial?.rule.minAttendees ?? 3));
  const [terms, setTerms] = useState(() => termsOf(initial));
  const [search, setSearch] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const units = useApiQuery(campaignsQueries.units(search.trim()));
  const problems = useFieldProblems(FIELD_TARGET);
  const { problemOf, show, clear } = problems;
  usePageTitle(fromTemplate ? t('campaigns.form.titleFestival') : t('campaigns.form.title'));

  const setTerm = (indicator: CampaignIndicator, change: Partial<TermState>) => {
    setTerms((all) => ({ ...all, [indicator]: { ...all[indicator], ...change } }));
    clear('terms');
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const chosen = CAMPAIGN_INDICATORS.filter((i) => terms[i].on);
    const found: Array<[Field, string]> = [];
    if (!nameVi.trim()) found.push(['nameVi', t('campaigns.form.nameRequired')]);
    if (!nameEn.trim()) found.push(['nameEn', t('campaigns.form.nameRequired')]);
    if (!startsOn || !endsOn || endsOn < startsOn) found.push(['period', t('campaigns.form.periodRequired')]);
    if (unitIds.length < 2) found.push(['units', t('campaigns.form.unitsRequired')]);
    const badTerm = chosen.some(
      (i) => !(Number(terms[i].weight) > 0) || (terms[i].cap !== '' && !(Number(terms[i].cap) > 0)),
    );
    if (chosen.length === 0 || badTerm) found.push(['terms', t('campaigns.form.termsRequired')]);
    if (found.length > 0) return show(found);
    problems.clearAll();
    const body: CampaignInput = {
      name: { vi: nameVi, en: nameEn },
      startsOn,
      endsOn,
      unitIds,
      topUnits: Number(topUnits),
      topPeople: Number(topPeople),
      template: fromTemplate ? FESTIVAL : null,
      rule: {
        targetGroup: targetGroup as CampaignInput['rule']['targetGroup'],
        minAttendees: Number(minAttendees),
        terms: chosen.map((i) => ({
          indicator: i,
          weight: Number(terms[i].weight),
          cap: terms[i].cap === '' ? null : Number(terms[i].cap),
        })),
      },
    };
    setSaving(true);
    try {
      const campaign = await campaignsApi.create(body);
      invalidate(...campaignsChangedBy.any());
      void navigate(`/admin/campaigns/${campaign.id}`);
    } catch (e) {
      setError(campaignsError(t, e));
    } finally {
      setSaving(false);
    }
  }

  const choices = units.data?.items ?? [];
  return (
    <div className="stack-lg">
      <h1>{fromTemplate ? t('campaigns.form.titleFestival') : t('campaigns.form.title')}</h1>
      <ErrorSummary
        problems={problems.summary}
        title={t('campaigns.form.summary')}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          id="campaign-name-vi"
          label={t('campaigns.form.nameVi')}
          required
          maxLength={200}
          value={nameVi}
          error={problemOf('nameVi')}
          onChange={(e) => {
            setNameVi(e.target.value);
            clear('nameVi');
          }}
        />
        <TextField
          id="campaign-name-en"
          label={t('campaigns.form.nameEn')}
          required
          maxLength={200}
          lang="en"
          value={nameEn}
          error={problemOf('nameEn')}
          onChange={(e) => {
            setNameEn(e.target.value);
            clear('nameEn');
          }}
        />
        <TextField
          id="campaign-starts"
          type="date"
          label={t('campaigns.form.startsOn')}
          required
          value={startsOn}
          error={problemOf('period')}
          onChange={(e) => {
            setStartsOn(e.target.value);
            clear('period');
          }}
        />
        <TextField
          id="campaign-ends"
          type="date"
          label={t('campaigns.form.endsOn')}
          hint={t('campaigns.form.vietnamTime')}
          required
          value={endsOn}
          onChange={(e) => {
            setEndsOn(e.target.value);
            clear('period');
          }}
        />
        <fieldset className="stack-sm">
          <legend>{t('campaigns.form.units')}</legend>
          <TextField
            id="campaign-unit-search"
            type="search"
            label={t('campaigns.form.unitSearch')}
            hint={t('campaigns.form.unitHint', { count: unitIds.length })}
            value={search}
            error={problemOf('units')}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="campaigns-units stack-sm">
            {choices.map((u) => (
              <CheckboxField
                key={u.id}
                id={`campaign-unit-${u.id}`}
                label={u.name}
                checked={unitIds.includes(u.id)}
                onChange={(e) => {
                  setUnitIds(e.target.checked ? [...unitIds, u.id] : unitIds.filter((x) => x !== u.id));
                  clear('units');
                }}
              />
            ))}
          </div>
        </fieldset>
        <fieldset className="stack-sm">
          <legend>{t('campaigns.form.rule')}</legend>
          <p className="muted">{t('campaigns.form.ruleHint')}</p>
          <SelectField
            id="campaign-group"
            label={t('campaigns.form.targetGroup')}
            value={targetGroup}
            options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`targetGroup.${g}`) }))}
            onChange={(e) => setTargetGroup(e.target.value)}
          />
          {CAMPAIGN_INDICATORS.map((indicator, index) => (
            <div key={indicator} className="campaigns-term stack-sm">
              <CheckboxField
                id={`campaign-term-${indicator}`}
                label={t(`campaigns.indicators.${indicator}`)}
                hint={t(`campaigns.indicatorHints.${indicator}`)}
                checked={terms[indicator].on}
                error={index === 0 ? problemOf('terms') : undefined}
                onChange={(e) => setTerm(indicator, { on: e.target.checked })}
              />
              {terms[indicator].on && (
                <>
                  <TextField
                    id={`campaign-weight-${indicator}`}
                    type="number"
                    inputMode="decimal"
                    min="0"
                    step="any"
                    label={t('campaigns.form.weight')}
                    value={terms[indicator].weight}
                    onChange={(e) => setTerm(indicator, { weight: e.target.value })}
                  />
                  <TextField
                    id={`campaign-cap-${indicator}`}
                    type="number"
                    inputMode="decimal"
                    min="0"
                    step="any"
                    label={t('campaigns.form.cap')}
                    hint={t('campaigns.form.capHint')}
                    value={terms[indicator].cap}
                    onChange={(e) => setTerm(indicator, { cap: e.target.value })}
                  />
                </>
              )}
            </div>
          ))}
          {terms.sessions_held.on && (
            <TextField
              id="campaign-min-attendees"
              type="number"
              inputMode="numeric"
              min="3"
              label={t('campaigns.form.minAttendees')}
              value={minAttendees}
              onChange={(e) => setMinAttendees(e.target.value)}
            />
          )}
        </fieldset>
        <TextField
          id="campaign-top-units"
          type="number"
          inputMode="numeric"
          min="1"
          max="20"
          label={t('campaigns.form.topUnits')}
          value={topUnits}
          onChange={(e) => setTopUnits(e.target.value)}
        />
        <TextField
          id="campaign-top-people"
          type="number"
          inputMode="numeric"
          min="0"
          max="50"
          label={t('campaigns.form.topPeople')}
          hint={t('campaigns.form.topPeopleHint')}
          value={topPeople}
          onChange={(e) => setTopPeople(e.target.value)}
        />
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('campaigns.form.saving') : t('campaigns.form.submit')}
          </button>
        </p>
      </form>
      <p>
        <Link to="/admin/campaigns">{t('campaigns.back')}</Link>
      </p>
    </div>
  );
}
