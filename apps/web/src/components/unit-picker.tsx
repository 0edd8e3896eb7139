import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitItem } from '../api/access-types';

import { accountQueries } from '../api/account-queries';
import { useApiQuery } from '../api/use-api-query';
import { ErrorNotice } from './error-notice';
import { FieldError } from './field-error';

interface UnitPickerProps {
  idPrefix: string;
  legend: string;
  hint?: string;
  /** Shown under the legend and tied to the selects, e.g. "Choose your commune". */
  error?: string;
  /** The code path of the unit to start from ("/DEMO/DEMO01/"), when known. */
  initialPath?: string;
  /** The village level is offered too (optional for the person choosing). */
  withVillages?: boolean;
  /** Called with the deepest unit chosen (undefined when nothing is). */
  onChange: (unit: UnitItem | undefined) => void;
}

/**
 * Cascading native selects: province, then commune or ward, then (optionally) village or residential group.
 * Each list loads when the one above is chosen; native selects work with every phone picker and screen reader.
 */
export function UnitPicker(props: UnitPickerProps) {
  const { idPrefix, legend, hint, error, initialPath, withVillages = true, onChange } = props;
  const { t } = useTranslation();
  const [provinceId, setProvinceId] = useState('');
  const [communeId, setCommuneId] = useState('');
  const [villageId, setVillageId] = useState('');
  const pending = useRef((initialPath ?? '').split('/').filter(Boolean));

  const provinces = useApiQuery(accountQueries.units(undefined));
  const communes = useApiQuery(accountQueries.units(provinceId), { enabled: provinceId !== '' });
  const villages = useApiQuery(accountQueries.units(communeId), {
    enabled: withVillages && communeId !== '',
  });

  const provinceList = useMemo(() => provinces.data?.items ?? [], [provinces.data]);
  const communeList = useMemo(
    () => (provinceId && !communes.loading ? (communes.data?.items ?? []) : []),
    [provinceId, communes.loading, communes.data],
  );
  const villageList = useMemo(
    () => (communeId && !villages.loading ? (villages.data?.items ?? []) : []),
    [communeId, villages.loading, villages.data],
  );

  // Preselect the starting unit, one level at a time as the lists arrive.
  useEffect(() => {
    const [code] = pending.current;
    if (!code) return;
    const list = !provinceId ? provinceList : !communeId ? communeList : !villageId ? villageList : [];
    const match = list.find((unit) => unit.code === code);
    if (!match) return;
    pending.current = pending.current.slice(1);
    if (!provinceId) setProvinceId(match.id);
    else if (!communeId) setCommuneId(match.id);
    else setVillageId(match.id);
  }, [provinceList, communeList, villageList, provinceId, communeId, villageId]);

  const chosen =
    villageList.find((u) => u.id === villageId) ??
    communeList.find((u) => u.id === communeId) ??
    provinceList.find((u) => u.id === provinceId);
  const chosenId = chosen?.id;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Tell the form only when the choice changes, not when a list is fetched again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the chosen id on purpose
  useEffect(() => onChangeRef.current(chosen), [chosenId]);

  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const errorId = error ? `${idPrefix}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const loadError = provinces.error ?? communes.error ?? villages.error;

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
        {loadError !== undefined && (
          <ErrorNotice
            error={loadError}
            onRetry={() => {
              provinces.reload();
              if (provinceId) communes.reload();
              if (communeId) villages.reload();
            }}
          />
        )}
        <UnitSelect
          id={`${idPrefix}-province`}
          label={t('units.province')}
          placeholder={provinces.loading ? t('units.loading') : t('units.chooseProvince')}
          units={provinceList}
          value={provinceId}
          busy={provinces.loading}
          describedBy={describedBy}
          onChange={(id) => {
            pending.current = [];
            setProvinceId(id);
            setCommuneId('');
            setVillageId('');
          }}
        />
        {provinceId && (
          <UnitSelect
            id={`${idPrefix}-commune`}
            label={t('units.commune')}
            placeholder={communes.loading ? t('units.loading') : t('units.chooseCommune')}
            units={communeList}
            value={communeId}
            busy={communes.loading}
            describedBy={describedBy}
            onChange={(id) => {
              pending.current = [];
              setCommuneId(id);
              setVillageId('');
            }}
          />
        )}
        {withVillages && communeId && (villages.loading || villageList.length > 0) && (
          <UnitSelect
            id={`${idPrefix}-village`}
            label={t('units.village')}
            placeholder={villages.loading ? t('units.loading') : t('units.noVillage')}
            units={villageList}
            value={villageId}
            busy={villages.loading}
            onChange={(id) => {
              pending.current = [];
              setVillageId(id);
            }}
          />
        )}
      </div>
    </fieldset>
  );
}

interface UnitSelectProps {
  id: string;
  label: string;
  placeholder: string;
  units: UnitItem[];
  value: string;
  busy: boolean;
  describedBy?: string;
  onChange: (id: string) => void;
}

function UnitSelect({ id, label, placeholder, units, value, busy, describedBy, onChange }: UnitSelectProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input select"
        value={busy ? '' : value}
        aria-busy={busy}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{placeholder}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </select>
    </div>
  );
}
