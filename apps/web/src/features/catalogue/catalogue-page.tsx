import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { FieldFrame } from '../../components/field-frame';
import { SelectField } from '../../components/select-field';
import { formatMinutes, localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { languageLabel, useLanguages } from '../../i18n/use-languages';
import { mandatedCourses } from '../../components/mandates/mandate-status';
import { useMyMandates } from '../../components/mandates/use-my-mandates';
import {
  activeFilterCount,
  type CatalogueQuery,
  catalogueSearchParams,
  DURATION_CHOICES,
  LEVEL_CHOICES,
  readCatalogueQuery,
} from './catalogue-query';
import { CourseCard } from './course-card';
import { pageCount, Pagination, usePageOf } from '../../components/pagination';

/** Brings the results' heading to the top of the screen and gives it the focus (screen readers read it). */
function showResults(heading: HTMLHeadingElement | null): void {
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** The front door: search and filter the published courses. */
export function CataloguePage() {
  const { t } = useTranslation();
  const pageOf = usePageOf();
  const lang = useLang();
  const languages = useLanguages();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const query = readCatalogueQuery(params);
  const [form, setForm] = useState<CatalogueQuery>(query);
  const activeFilters = activeFilterCount(query);
  const [filtersOpen, setFiltersOpen] = useState(activeFilters > 0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  usePageTitle(t('catalogue.title'));

  // Back/forward buttons change the address; show the same search in the form.
  useEffect(() => setForm(readCatalogueQuery(new URLSearchParams(key))), [key]);

  const courses = useApiQuery(
    queries.courses({
      q: query.q || undefined,
      targetGroup: query.targetGroup || undefined,
      maxMinutes: query.maxMinutes ? Number(query.maxMinutes) : undefined,
      language: query.language || undefined,
      subGroup: query.subGroup || undefined,
      competency: query.competency || undefined,
      level: query.level ? Number(query.level) : undefined,
      page: query.page,
      lang,
    }),
  );

  // After a search or "next page", start reading at the new results, not at the (now off-screen) button or
  // link: the heading says how many were found, takes the focus and comes to the top of a phone's screen.
  useEffect(() => {
    if (!courses.loading && focusResults.current) {
      focusResults.current = false;
      showResults(resultsHeading.current);
    }
  }, [courses.loading, key]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = catalogueSearchParams({ ...form, page: 1 });
    // The same search again changes nothing to wait for: go to its results at once.
    if (next.toString() === key && !courses.loading) showResults(resultsHeading.current);
    else {
      focusResults.current = true;
      setParams(next);
    }
  }

  const set = (field: keyof CatalogueQuery) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: event.target.value }));

  const { mandates } = useMyMandates();
  const required = mandatedCourses(mandates ?? []);
  const data = courses.data;
  const pages = data ? pageCount(data.total, data.limit) : 1;
  const filtered = Boolean(query.q) || activeFilters > 0;
  // The competencies to filter by come from the frameworks, asked for only once the filters are opened.
  const frameworks = useApiQuery(queries.frameworks(), { enabled: filtersOpen }).data?.items;
  const pageHref = (page: number) => `/?${catalogueSearchParams({ ...query, page }).toString()}`;

  let status = '';
  if (courses.loading) status = t('catalogue.searching');
  else if (data) {
    status = query.q
      ? t('catalogue.foundFor', { count: data.total, q: query.q })
      : t('catalogue.found', { count: data.total });
    status += pageOf(data.page, pages);
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('catalogue.title')}</h1>
        <p className="lead">{t('catalogue.intro')}</p>
      </header>

      <form role="search" className="panel stack" onSubmit={onSubmit}>
        <div className="field">
          <label className="field__label" htmlFor="catalogue-q">
            {t('catalogue.searchLabel')}
          </label>
          <p className="field__hint" id="catalogue-q-hint">
            {t('catalogue.searchHint')}
          </p>
          <input
            id="catalogue-q"
            className="input"
            type="search"
            name="q"
            enterKeyHint="search"
            autoComplete="off"
            maxLength={200}
            aria-describedby="catalogue-q-hint"
            value={form.q}
            onChange={set('q')}
          />
        </div>
        {/* Filters fold away on a small screen so the courses come sooner; open when one is in use. */}
        <details
          className="filters"
          open={filtersOpen}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary>
            {t('catalogue.filtersLegend')}
            {activeFilters > 0 && ` (${t('catalogue.filtersActive', { count: activeFilters })})`}
          </summary>
          <div className="filters__fields">
            <SelectField
              id="catalogue-target-group"
              label={t('catalogue.targetGroup')}
              value={form.targetGroup}
              onChange={set('targetGroup')}
              options={[
                { value: '', label: t('catalogue.anyTargetGroup') },
                ...TARGET_GROUPS.map((code) => ({ value: code, label: t(`targetGroup.${code}`) })),
              ]}
            />
            <SelectField
              id="catalogue-sub-group"
              label={t('catalogue.subGroup')}
              value={form.subGroup}
              onChange={set('subGroup')}
              options={[
                { value: '', label: t('catalogue.anySubGroup') },
                ...SUB_GROUPS.map((code) => ({ value: code, label: t(`subGroup.${code}`) })),
              ]}
            />
            <FieldFrame id="catalogue-competency" label={t('catalogue.competency')}>
              {(control) => (
                <select
                  className="input select"
                  {...control}
                  value={form.competency}
                  onChange={set('competency')}
                >
                  <option value="">{t('catalogue.anyCompetency')}</option>
                  {/* A link's competency shows even before the frameworks arrive. */}
                  {form.competency && !frameworks && (
                    <option value={form.competency}>{form.competency}</option>
                  )}
                  {frameworks?.map((fw) => (
                    <optgroup key={fw.id} label={localizedText(fw.name, lang)}>
                      {fw.domains.flatMap((d) =>
                        d.competencies.map((c) => (
                          <option key={c.code} value={`${fw.id}:${c.code}`}>
                            {c.code} {localizedText(c.name, lang)}
                          </option>
                        )),
                      )}
                    </optgroup>
                  ))}
                </select>
              )}
            </FieldFrame>
            <SelectField
              id="catalogue-level"
              label={t('catalogue.level')}
              value={form.level}
              onChange={set('level')}
              options={[
                { value: '', label: t('catalogue.anyLevel') },
                ...LEVEL_CHOICES.map((level) => ({
                  value: String(level),
                  label: t('catalogue.levelN', { level }),
                })),
              ]}
            />
            <SelectField
              id="catalogue-max-minutes"
              label={t('catalogue.maxMinutes')}
              value={form.maxMinutes}
              onChange={set('maxMinutes')}
              options={[
                { value: '', label: t('catalogue.anyDuration') },
                ...DURATION_CHOICES.map((m) => ({
                  value: String(m),
                  label: t('catalogue.upTo', { duration: formatMinutes(t, m) }),
                })),
              ]}
            />
            <SelectField
              id="catalogue-language"
              label={t('catalogue.language')}
              value={form.language}
              onChange={set('language')}
              options={[
                { value: '', label: t('catalogue.anyLanguage') },
                ...languages.content.map((l) => ({ value: l.code, label: languageLabel(l, lang) })),
              ]}
            />
          </div>
        </details>
        <button type="submit" className="button button--large">
          {t('catalogue.searchSubmit')}
        </button>
      </form>

      <section className="stack" aria-labelledby="catalogue-results">
        <h2 id="catalogue-results" ref={resultsHeading} tabIndex={-1}>
          {data && !courses.loading
            ? t('catalogue.resultsHeadingCount', { count: data.total })
            : t('catalogue.resultsHeading')}
        </h2>
        <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
          {status}
        </p>
        {courses.error !== undefined && <ErrorNotice error={courses.error} onRetry={courses.reload} />}
        {data && (
          <>
            {data.items.length > 0 ? (
              <ul className="card-list" role="list" aria-busy={courses.loading}>
                {data.items.map((course) => (
                  <CourseCard key={course.id} course={course} requiredBy={required.get(course.id)?.dueOn} />
                ))}
              </ul>
            ) : (
              <div className="panel stack-sm">
                <p>{t('catalogue.noResults')}</p>
                {filtered && (
                  <p>
                    <Link to="/" className="button button--secondary">
                      {t('catalogue.clear')}
                    </Link>
                  </p>
                )}
              </div>
            )}
            <Pagination
              page={data.page}
              pages={pages}
              href={pageHref}
              onNavigate={() => (focusResults.current = true)}
            />
          </>
        )}
      </section>
    </div>
  );
}
