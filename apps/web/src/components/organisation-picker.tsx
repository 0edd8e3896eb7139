import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountQueries } from '../api/account-queries';
import { useApiQuery } from '../api/use-api-query';
import { ErrorNotice } from './error-notice';
import { FieldError } from './field-error';

/** What a form keeps of the chosen organisation. */
export interface OrganisationChoice {
  id: string;
  name: string;
}

interface OrganisationPickerProps {
  idPrefix: string;
  legend: string;
  hint?: string;
  error?: string;
  /** The unit chosen in the unit picker: the list holds its organisations and those of the units under it. */
  unitId: string | undefined;
  /** The chosen organisation, or null for none. */
  value: OrganisationChoice | null;
  /** The label of the "no organisation" option, e.g. "None" or "Everyone in the unit". */
  noneLabel: string;
  onChange: (organisation: OrganisationChoice | null) => void;
}

/** How many organisations one list shows; more are found by typing part of the name or code. */
const LIST_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/**
 * An optional organisation of the chosen unit, in the same native-select pattern as the unit picker: the list
 * loads when a unit is chosen; a search field narrows it (name without diacritics, or the start of the code)
 * when the unit has more organisations than one list shows.
 */
export function OrganisationPicker(props: OrganisationPickerProps) {
  const { idPrefix, legend, hint, error, unitId, value, noneLabel, onChange } = props;
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const countId = useId();

  // Whether the unit has more organisations than one list: then the search field shows, and stays while the
  // person types or clears it (it must not vanish under their cursor while a list loads).
  const [searchable, setSearchable] = useState(false);

  // A new unit starts a new search.
  useEffect(() => {
    setQuery('');
    setQ('');
    setSearchable(false);
  }, [unitId]);
  // Ask the api once typing pauses, not on every key (3G phones).
  useEffect(() => {
    const timer = setTimeout(() => setQ(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const list = useApiQuery(
    accountQueries.organisations({ unitId: unitId!, q: q || undefined, limit: LIST_SIZE }),
    {
      enabled: unitId !== undefined,
    },
  );
  const items = list.loading ? [] : (list.data?.items ?? []);
  const total = list.loading ? 0 : (list.data?.total ?? 0);
  useEffect(() => {
    if (list.data && list.data.total > list.data.items.length) setSearchable(true);
  }, [list.data]);
  // The saved choice stays selectable even when the search or the unit does not list it.
  const options = value && !items.some((o) => o.id === value.id) ? [value, ...items] : items;

  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const errorId = error ? `${idPrefix}-error` : undefined;
  const describedBy = [errorId, hintId, unitId ? countId : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'}>
      <legend className="fieldset__legend">{legend}</legend>
      <div className="stack-sm">
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
        {error && <FieldError id={errorId}>{error}</FieldError>}
        {!unitId && <p className="field__hint">{t('organisations.chooseUnitFirst')}</p>}
        {unitId && list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
        {unitId && searchable && (
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-search`}>
              {t('organisations.search')}
            </label>
            <input
              id={`${idPrefix}-search`}
              className="input"
              type="search"
              autoComplete="off"
              maxLength={100}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
        )}
        {unitId && (
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-select`}>
              {t('organisations.label')}
            </label>
            <select
              id={`${idPrefix}-select`}
              className="input select"
              value={value?.id ?? ''}
              aria-busy={list.loading}
              aria-describedby={describedBy}
              onChange={(event) => {
                const picked = options.find((o) => o.id === event.target.value);
                onChange(picked ? { id: picked.id, name: picked.name } : null);
              }}
            >
              <option value="">{list.loading ? t('organisations.loading') : noneLabel}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <p className="field__hint" id={countId} aria-live="polite">
              {list.loading
                ? ''
                : total === 0
                  ? t('organisations.none')
                  : total > items.length
                    ? t('organisations.showingSome', { shown: items.length, total })
                    : t('organisations.showingAll', { count: total })}
            </p>
          </div>
        )}
      </div>
    </fieldset>
  );
}
