import { TARGET_GROUPS, vietnamDate } from '@hocvuso/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Mandate } from '../../api/access-types';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { OrganisationPicker } from '../../components/organisation-picker';
import { usePageTitle } from '../../components/page-title';
import { NotFound } from '../../components/not-found';
import { SelectField } from '../../components/select-field';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { useFieldProblems } from '../../components/use-field-problems';
import {
  type MandateField,
  type MandateForm,
  mandateEditProblems,
  mandateFormOf,
  mandateProblems,
  REASON_MAX,
  toMandateEdit,
  toMandateInput,
} from './mandate-form';
import { useAllCourses, useCourseChoices } from '../../components/use-all-courses';
import { adminChangedBy, adminQueries } from '../../api/admin-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { groupNames } from '../../components/group-names';

/** A course's box in the list of courses to require. */
const courseBoxId = (courseId: string) => `mandate-course-${courseId}`;

/**
 * Where each field's first focusable control is, for the error summary's links; the courses' is the box of
 * the first course, once they are loaded (see `fieldTargets`).
 */
const FIELD_TARGET: Record<MandateField, string> = {
  title: 'mandate-title',
  description: 'mandate-description',
  courseIds: 'mandate-courses-error',
  unit: 'mandate-unit-province',
  organisation: 'mandate-organisation-select',
  dueOn: 'mandate-due',
  graceDays: 'mandate-grace',
  reason: 'mandate-reason',
};

/** The api's refusals of an edit that belong to one field (docs/mandates.md, "Changes: rules"). */
const EDIT_FIELD_OF_CODE = {
  MANDATE_NO_CHANGE: 'title',
  MANDATE_COURSE_REMOVAL_AFTER_START: 'courseIds',
  COURSE_NOT_FOUND: 'courseIds',
  MANDATE_DEADLINE_SHORTENED: 'dueOn',
  MANDATE_DUE_IN_PAST: 'dueOn',
} as const satisfies Record<string, MandateField>;
const isEditFieldCode = (code: string): code is keyof typeof EDIT_FIELD_OF_CODE =>
  Object.hasOwn(EDIT_FIELD_OF_CODE, code);

/** A new mandate: a title, the courses, where it applies (and for whom), and by when. */
export function MandateFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.mandateForm.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.mandateForm.title')}</h1>
        <p className="lead">{t('admin.mandateForm.intro')}</p>
      </header>
      <MandateFormBody />
    </div>
  );
}

/**
 * Editing a mandate (for those holding mandate.create): the same form, filled from the mandate, with its scope
 * shown but not editable (the api never changes it) and a reason for the audit log. Only what changed is sent,
 * with the version the form was filled from: a change someone else made meanwhile reloads the mandate.
 */
export function MandateEditPage() {
  const { t } = useTranslation();
  const { mandateId = '' } = useParams();
  const mandate = useApiQuery(adminQueries.mandate(mandateId));
  // Said above the form, which starts over from the reloaded mandate (its own state is dropped).
  const [stale, setStale] = useState(false);
  usePageTitle(
    mandate.data
      ? t('admin.mandateEdit.title', { title: mandate.data.title })
      : t('admin.mandateEdit.heading'),
  );

  if (isApiError(mandate.error) && mandate.error.status === 404)
    return <NotFound message={t('admin.compliance.notFound')} />;
  const data = mandate.data;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <p className="eyebrow">{t('admin.mandateEdit.heading')}</p>
        <h1>{data ? data.title : t('admin.mandateEdit.heading')}</h1>
        <p className="lead">{t('admin.mandateEdit.intro')}</p>
      </header>
      {mandate.error !== undefined && <ErrorNotice error={mandate.error} onRetry={mandate.reload} />}
      {!data && mandate.error === undefined && <Loading />}
      {data && data.status === 'cancelled' && (
        <p className="notice" role="note">
          <span aria-hidden="true">⊘ </span>
          {t('admin.mandateManage.errors.MANDATE_CANCELLED')}
        </p>
      )}
      {stale && (
        <p className="notice notice--warning" role="alert">
          {t('admin.mandateManage.errors.MANDATE_VERSION_STALE')}
        </p>
      )}
      {/* A new version (someone else's change, reloaded after a stale one) starts the form over from it. */}
      {data && data.status === 'active' && (
        <MandateFormBody key={data.version} mandate={data} onStale={() => setStale(true)} />
      )}
    </div>
  );
}

/** The form of a new mandate (no `mandate`) or of an edit (`mandate`: the one being changed). */
function MandateFormBody({ mandate, onStale }: { mandate?: Mandate; onStale?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const courses = useAllCourses();
  const courseChoices = useCourseChoices(courses.data);
  const editing = mandate !== undefined;
  const [form, setForm] = useState<MandateForm>(() =>
    mandate
      ? mandateFormOf(mandate)
      : { title: '', description: '', courseIds: [], targetGroup: '', dueOn: '', graceDays: '0' },
  );
  const [reason, setReason] = useState('');
  const firstCourse = courses.data?.[0];
  const fieldTargets = firstCourse
    ? { ...FIELD_TARGET, courseIds: courseBoxId(firstCourse.id) }
    : FIELD_TARGET;
  const problems = useFieldProblems(fieldTargets);
  const { problemOf, show: showProblems, clear } = problems;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  /** A refusal about the whole mandate (changed meanwhile, cancelled meanwhile), in the page's own words. */
  const [notice, setNotice] = useState<string>();
  const texts = editing ? 'admin.mandateEdit' : 'admin.mandateForm';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const found = (
      mandate ? mandateEditProblems(form, reason, mandate, new Date()) : mandateProblems(form, new Date())
    ).map(
      ([field, problem]) => [field, t(`admin.mandateForm.problems.${problem}`)] as [MandateField, string],
    );
    if (found.length > 0) return showProblems(found);
    problems.clearAll();
    setSaving(true);
    try {
      if (mandate) {
        await adminApi.editMandate(mandate.id, toMandateEdit(form, reason, mandate));
        invalidate(...adminChangedBy.mandateChange());
        void navigate(`/admin/mandates/${mandate.id}`, { state: { flash: 'mandateEdited' } });
      } else {
        const created = await adminApi.createMandate(toMandateInput(form));
        invalidate(...adminChangedBy.mandate());
        void navigate(`/admin/mandates/${created.id}`, { state: { flash: 'mandateCreated' } });
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'MANDATE_VERSION_STALE') {
        // Someone changed it meanwhile: the mandate reloads and the form starts over from it.
        onStale?.();
        invalidate(...adminChangedBy.mandateChange());
      } else if (mandate && isApiError(e) && isEditFieldCode(e.code))
        showProblems([[EDIT_FIELD_OF_CODE[e.code], t(`admin.mandateEdit.errors.${e.code}`)]]);
      else if (isApiError(e) && e.code === 'ORGANISATION_NOT_FOUND' && form.organisation)
        showProblems([['organisation', t('admin.mandateForm.problems.organisationOutOfScope')]]);
      else if (isApiError(e) && (e.code === 'UNIT_NOT_FOUND' || e.code === 'ORGANISATION_NOT_FOUND'))
        showProblems([['unit', t('admin.mandateForm.problems.unitOutOfScope')]]);
      else if (isApiError(e) && e.code === 'COURSE_NOT_FOUND')
        showProblems([['courseIds', t('errors.COURSE_NOT_FOUND')]]);
      else if (isApiError(e) && e.code === 'MANDATE_CANCELLED')
        setNotice(t('admin.mandateManage.errors.MANDATE_CANCELLED'));
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  // A field's problem goes away as soon as it is edited; the rest stay listed until the next submit.
  const set =
    (field: 'title' | 'description' | 'targetGroup' | 'dueOn' | 'graceDays') =>
    (e: { target: { value: string } }) => {
      setForm((f) => ({ ...f, [field]: e.target.value }));
      if (field !== 'targetGroup') clear(field);
    };

  return (
    <>
      <ErrorSummary problems={problems.summary} title={t(`${texts}.summary`)} focusKey={problems.focusKey} />
      {notice && (
        <p className="notice notice--warning" role="alert">
          {notice}
        </p>
      )}
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          id="mandate-title"
          label={t('admin.mandateForm.titleLabel')}
          hint={t('admin.mandateForm.titleHint')}
          error={problemOf('title')}
          value={form.title}
          onChange={set('title')}
          maxLength={200}
          required
        />

        <TextAreaField
          id="mandate-description"
          label={t('admin.mandateForm.description')}
          hint={t('admin.mandateForm.descriptionHint')}
          error={problemOf('description')}
          rows={3}
          value={form.description}
          onChange={set('description')}
        />

        <CodeCheckboxes
          idPrefix="mandate-courses"
          boxId={courseBoxId}
          legend={t('admin.mandateForm.courses')}
          hint={editing ? t('admin.mandateEdit.coursesHint') : undefined}
          error={problemOf('courseIds')}
          codes={courseChoices.ids}
          label={(id) => courseChoices.titles.get(id) ?? id}
          selected={form.courseIds}
          onChange={(courseIds) => {
            clear('courseIds');
            setForm((f) => ({ ...f, courseIds }));
          }}
        >
          {courses.error !== undefined && <ErrorNotice error={courses.error} onRetry={courses.reload} />}
          {!courses.data && courses.error === undefined && <Loading />}
        </CodeCheckboxes>

        {mandate ? (
          <div className="stack-xs">
            <p>
              <strong>{t('admin.mandateEdit.audience')}</strong>{' '}
              {mandate.targetGroup ? groupNames(t, [mandate.targetGroup])[0] : t('admin.mandates.everyone')}
            </p>
            <p className="field__hint">{t('admin.mandateEdit.audienceHint')}</p>
          </div>
        ) : (
          <>
            <UnitPicker
              idPrefix="mandate-unit"
              legend={t('admin.mandateForm.unit')}
              hint={t('admin.mandateForm.unitHint')}
              error={problemOf('unit')}
              onChange={(unit) => {
                // Another unit has other organisations: the choice starts over.
                setForm((f) => ({ ...f, unit, organisation: null }));
                clear('organisation');
                if (unit) clear('unit');
              }}
            />

            <OrganisationPicker
              idPrefix="mandate-organisation"
              legend={t('admin.mandateForm.organisation')}
              hint={t('admin.mandateForm.organisationHint')}
              error={problemOf('organisation')}
              unitId={form.unit?.id}
              value={form.organisation ?? null}
              noneLabel={t('admin.mandateForm.wholeUnit')}
              onChange={(organisation) => {
                setForm((f) => ({ ...f, organisation }));
                clear('organisation');
              }}
            />

            <SelectField
              id="mandate-group"
              label={t('admin.mandateForm.targetGroup')}
              value={form.targetGroup}
              onChange={set('targetGroup')}
              options={[
                { value: '', label: t('admin.mandates.everyone') },
                ...TARGET_GROUPS.map((code) => ({ value: code, label: t(`targetGroup.${code}`) })),
              ]}
            />
          </>
        )}

        <TextField
          id="mandate-due"
          type="date"
          label={t('admin.mandateForm.dueOn')}
          hint={editing ? t('admin.mandateEdit.dueOnHint') : t('admin.mandateForm.dueOnHint')}
          error={problemOf('dueOn')}
          min={editing ? undefined : vietnamDate(new Date())}
          value={form.dueOn}
          onChange={set('dueOn')}
          required
        />

        <TextField
          id="mandate-grace"
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          step={1}
          label={t('admin.mandateForm.graceDays')}
          hint={t('admin.mandateForm.graceDaysHint')}
          error={problemOf('graceDays')}
          value={form.graceDays}
          onChange={set('graceDays')}
        />

        {editing && (
          <TextAreaField
            id="mandate-reason"
            label={t('admin.mandateManage.reason')}
            hint={t('admin.mandateEdit.reasonHint')}
            error={problemOf('reason')}
            rows={2}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              clear('reason');
            }}
            required
          />
        )}

        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t(`${texts}.saving`) : t(`${texts}.submit`)}
          </button>
        </p>
      </form>
    </>
  );
}
