import type { StudioDraft } from '@hocvuso/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameworkTree } from '@hocvuso/contracts';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { addCompetency, removeCompetency, setCompetencyLevel } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { FieldError } from '../../components/field-error';

interface CompetenciesSectionProps {
  draft: StudioDraft;
  onChange: (draft: StudioDraft) => void;
}

/** The framework most courses map to (Circular 02/2025), chosen first when it is there. */
const PREFERRED_FRAMEWORK = 'tt02-2025';

/**
 * The framework competencies the course develops: the chosen ones with an optional level each, and a picker
 * (framework, then competency grouped by domain, then level) to add another.
 */
export function CompetenciesSection({ draft, onChange }: CompetenciesSectionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { errorFor, clear } = useFieldErrors();
  const frameworks = useApiQuery(queries.frameworks());
  const list = frameworks.data?.items ?? [];
  const [frameworkId, setFrameworkId] = useState('');
  const [code, setCode] = useState('');
  const [level, setLevel] = useState('');
  const [message, setMessage] = useState<string>();
  const framework =
    list.find((f) => f.id === frameworkId) ?? list.find((f) => f.id === PREFERRED_FRAMEWORK) ?? list[0];
  const addError = errorFor(fieldIds.addCompetency);

  const frameworkOf = (id: string) => list.find((f) => f.id === id);
  const competencyName = (fw: FrameworkTree | undefined, c: string) =>
    localizedText(fw?.domains.flatMap((d) => d.competencies).find((x) => x.code === c)?.name, lang);

  function onAdd() {
    if (!framework || !code) {
      setMessage(t('teaching.competencies.chooseFirst'));
      return;
    }
    const next = addCompetency(draft, { framework: framework.id, code, level: level ? Number(level) : null });
    clear(fieldIds.addCompetency);
    if (next === draft) {
      setMessage(t('teaching.competencies.already', { code }));
      return;
    }
    onChange(next);
    setMessage(t('teaching.competencies.added', { code, name: competencyName(framework, code) }));
    setCode('');
    setLevel('');
  }

  return (
    <section className="panel stack" aria-labelledby="course-competencies-heading">
      <h2 id="course-competencies-heading">{t('teaching.competencies.heading')}</h2>
      <p className="field__hint">{t('teaching.competencies.hint')}</p>
      {frameworks.error !== undefined && <ErrorNotice error={frameworks.error} onRetry={frameworks.reload} />}
      {draft.competencies.length === 0 ? (
        <p>{t('teaching.competencies.none')}</p>
      ) : (
        <ul className="item-list" role="list" aria-label={t('teaching.competencies.chosen')}>
          {draft.competencies.map((c, i) => {
            const fw = frameworkOf(c.framework);
            const removeError = errorFor(fieldIds.competencyRemove(i));
            const levelError = errorFor(fieldIds.competencyLevel(i));
            const levelId = fieldIds.competencyLevel(i);
            return (
              <li key={`${c.framework}:${c.code}`} className="stack-sm">
                <p>
                  <strong>{c.code}</strong> {competencyName(fw, c.code) || t('teaching.competencies.unknown')}
                  <br />
                  <span className="muted">{localizedText(fw?.name, lang) || c.framework}</span>
                </p>
                {removeError && <FieldError id={`competency-${i}-error`}>{removeError}</FieldError>}
                <div className={levelError ? 'field field--invalid' : 'field'}>
                  <label className="field__label" htmlFor={levelId}>
                    {t('teaching.competencies.levelOf', { code: c.code })}
                  </label>
                  {levelError && <FieldError id={`${levelId}-error`}>{levelError}</FieldError>}
                  <select
                    id={levelId}
                    className="input select"
                    value={c.level === null ? '' : String(c.level)}
                    aria-invalid={levelError ? true : undefined}
                    aria-describedby={levelError ? `${levelId}-error` : undefined}
                    onChange={(e) => {
                      clear(levelId);
                      onChange(setCompetencyLevel(draft, i, e.target.value ? Number(e.target.value) : null));
                    }}
                  >
                    <option value="">{t('teaching.competencies.noLevel')}</option>
                    {(fw?.levels ?? []).map((l) => (
                      <option key={l.code} value={l.code}>
                        {localizedText(l.name, lang)}
                      </option>
                    ))}
                    {c.level !== null && fw && !fw.levels.some((l) => l.code === c.level) && (
                      <option value={c.level}>
                        {t('teaching.competencies.levelNumber', { level: c.level })}
                      </option>
                    )}
                  </select>
                </div>
                <p>
                  <button
                    id={fieldIds.competencyRemove(i)}
                    type="button"
                    className="button button--small button--secondary"
                    aria-describedby={removeError ? `competency-${i}-error` : undefined}
                    onClick={() => {
                      clear(fieldIds.competencyRemove(i));
                      onChange(removeCompetency(draft, i));
                      setMessage(t('teaching.competencies.removed', { code: c.code }));
                      requestAnimationFrame(() => document.getElementById(fieldIds.addCompetency)?.focus());
                    }}
                  >
                    {t('teaching.competencies.remove')}
                    <span className="visually-hidden"> {c.code}</span>
                  </button>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <fieldset
        className={addError ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={addError ? 'competency-add-error' : undefined}
      >
        <legend className="fieldset__legend">{t('teaching.competencies.addLegend')}</legend>
        <div className="stack-sm">
          {addError && <FieldError id="competency-add-error">{addError}</FieldError>}
          {!frameworks.data && frameworks.error === undefined && <Loading />}
          <div className="field">
            <label className="field__label" htmlFor={fieldIds.addCompetency}>
              {t('teaching.competencies.framework')}
            </label>
            <select
              id={fieldIds.addCompetency}
              className="input select"
              value={framework?.id ?? ''}
              aria-describedby={addError ? 'competency-add-error' : undefined}
              onChange={(e) => {
                setFrameworkId(e.target.value);
                setCode('');
                setLevel('');
              }}
            >
              {list.map((f) => (
                <option key={f.id} value={f.id}>
                  {localizedText(f.name, lang)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="competency-code">
              {t('teaching.competencies.competency')}
            </label>
            <select
              id="competency-code"
              className="input select"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            >
              <option value="">{t('teaching.competencies.chooseCompetency')}</option>
              {framework?.domains.map((d) => (
                <optgroup key={d.code} label={`${d.code}. ${localizedText(d.name, lang)}`}>
                  {d.competencies.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} {localizedText(c.name, lang)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="competency-level">
              {t('teaching.competencies.level')}
            </label>
            <select
              id="competency-level"
              className="input select"
              value={level}
              onChange={(e) => setLevel(e.target.value)}
            >
              <option value="">{t('teaching.competencies.noLevel')}</option>
              {framework?.levels.map((l) => (
                <option key={l.code} value={l.code}>
                  {localizedText(l.name, lang)}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="button" className="button button--secondary" onClick={onAdd}>
              {t('teaching.competencies.add')}
            </button>
          </p>
        </div>
      </fieldset>
      <LiveMessage tone="info">{message}</LiveMessage>
    </section>
  );
}
