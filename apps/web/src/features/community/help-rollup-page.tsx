import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './community.css';
import { communityQueries } from '../../api/community-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { vietnamToday } from './session-time';

const monthStart = (today: string) => `${today.slice(0, 8)}01`;

/**
 * Help given by public-service help officers, added up below a unit (the reader's own to start with), one row
 * per unit below it; a row opens that unit (province → commune → village).
 */
export function HelpRollupPage() {
  const { t } = useTranslation();
  const today = vietnamToday();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [range, setRange] = useState({ from: monthStart(today), to: today });
  const [trail, setTrail] = useState<Array<{ id: string; name: string }>>([]);
  const unitId = trail.at(-1)?.id;
  const rollup = useApiQuery(communityQueries.helpRollup({ unitId, ...range }), { fresh: true });
  usePageTitle(t('community.rollup.title'));

  function onShow(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to && from <= to) setRange({ from, to });
  }

  const data = rollup.data;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('community.rollup.title')}</h1>
        <p className="lead">{t('community.rollup.intro')}</p>
      </header>
      <form className="panel stack-sm" onSubmit={onShow}>
        <TextField
          id="rollup-from"
          type="date"
          label={t('community.rollup.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          id="rollup-to"
          type="date"
          label={t('community.rollup.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <p>
          <button type="submit" className="button button--secondary">
            {t('community.rollup.show')}
          </button>
        </p>
      </form>
      {rollup.loading && !data && <Loading />}
      {rollup.error !== undefined && <ErrorNotice error={rollup.error} onRetry={rollup.reload} />}
      {data && (
        <section className="stack" aria-labelledby="rollup-total">
          <h2 id="rollup-total">
            {t('community.rollup.total', { name: data.unit.name, count: data.total.people })}
          </h2>
          {trail.length > 0 && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setTrail(trail.slice(0, -1))}
              >
                {t('community.rollup.up', { name: trail.at(-2)?.name ?? '…' })}
              </button>
            </p>
          )}
          {data.children.length === 0 ? (
            <p>{t('community.rollup.empty')}</p>
          ) : (
            <div
              className="community-scroll"
              tabIndex={0}
              role="region"
              aria-label={t('community.rollup.caption')}
            >
              <table className="data-table">
                <caption>{t('community.rollup.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('community.rollup.unitCol')}</th>
                    <th scope="col">{t('community.rollup.peopleCol')}</th>
                    <th scope="col">{t('community.rollup.doneCol')}</th>
                    <th scope="col">{t('community.rollup.guidedCol')}</th>
                    <th scope="col">{t('community.rollup.referredCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.children.map((c) => (
                    <tr key={c.unitId}>
                      <th scope="row">
                        <button
                          type="button"
                          className="community-unit-button"
                          aria-label={t('community.rollup.open', { name: c.unitName })}
                          onClick={() =>
                            setTrail([
                              ...(trail.length === 0 ? [{ id: data.unit.id, name: data.unit.name }] : trail),
                              { id: c.unitId, name: c.unitName },
                            ])
                          }
                        >
                          {c.unitName}
                        </button>
                      </th>
                      <td>{c.people}</td>
                      <td>{c.byOutcome.done}</td>
                      <td>{c.byOutcome.guided}</td>
                      <td>{c.byOutcome.referred}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
