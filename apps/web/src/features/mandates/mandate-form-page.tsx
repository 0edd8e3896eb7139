import { TARGET_GROUPS, vietnamDate } from '@hocvuso/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { OrganisationPicker } from '../../components/organisation-picker';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { useFieldProblems } from '../../components/use-field-problems';
import { type MandateField, type MandateForm, mandateProblems, toMandateInput } from './mandate-form';
import { useAllCourses, useCourseChoices } from '../../components/use-all-courses';
import { adminChangedBy } from '../../api/admin-queries';
import { useInvalidate } from '../../api/use-api-query';

/** A course's box in the list of courses to require. */
const courseBoxId = (courseId: string) => `mandate-course-${courseId}`;

/**
 * Where each field's first focusable control is, for the error summary's links; the courses' is the box of
 * the first course, once they are loaded (see `fieldTargets`).
 */
const FIELD_TARGET: Record<MandateField, string> = {
  title: 'mandate-title',
  courseIds: 'mandate-courses-error',
  unit: 'mandate-unit-province',
  organisation: 'mandate-organisation-select',
  dueOn: 'mandate-due',
  graceDays: 'mandate-grace',
};

/** A new mandate: a title, the courses, where it applies (and for whom), and by when. */
export function MandateFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const courses = useAllCourses();
  const courseChoices = useCourseChoices(courses.data);
  const [form, setForm] = useState<MandateForm>({
    title: '',
    courseIds: [],
    targetGroup: '',
    dueOn: '',
    graceDays: '0',
  });
  const firstCourse = courses.data?.[0];
  const fieldTargets = firstCourse
    ? { ...FIELD_TARGET, courseIds: courseBoxId(firstCourse.id) }
    : FIELD_TARGET;
  const problems = useFieldProblems(fieldTargets);
  const { problemOf, show: showProblems, clear } = problems;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  usePageTitle(t('admin.mandateForm.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const found = mandateProblems(form, new Date()).map(
      ([field, problem]) => [field, t(`admin.mandateForm.problems.${problem}`)] as [MandateField, string],
    );
    if (found.length > 0) return showProblems(found);
    problems.clearAll();
    setSaving(true);
    try {
      const mandate = await adminApi.createMandate(toMandateInput(form));
      invalidate(...adminChangedBy.mandate());
      void navigate(`/admin/mandates/${mandate.id}`, { state: { flash: 'mandateCreated' } });
    } catch (e) {
      if (isApiError(e) && e.code === 'ORGANISATION_NOT_FOUND' && form.organisation)
        showProblems([['organisation', t('admin.mandateForm.problems.organisationOutOfScope')]]);
      else if (isApiError(e) && (e.code === 'UNIT_NOT_FOUND' || e.code === 'ORGANISATION_NOT_FOUND'))
        showProblems([['unit', t('admin.mandateForm.problems.unitOutOfScope')]]);
      else if (isApiError(e) && e.code === 'COURSE_NOT_FOUND')
        showProblems([['courseIds', t('errors.COURSE_NOT_FOUND')]]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  // A field's problem goes away as soon as it is edited; the rest stay listed until the next "Create".
  const set =
    (field: 'title' | 'targetGroup' | 'dueOn' | 'graceDays') => (e: { target: { value: string } }) => {
      setForm((f) => ({ ...f, [field]: e.target.value }));
      if (field !== 'targetGroup') clear(field);
    };

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.mandateForm.title')}</h1>
        <p className="lead">{t('admin.mandateForm.intro')}</p>
      </header>
      <ErrorSummary
        problems={problems.summary}
        title={t('admin.mandateForm.summary')}
        focusKey={problems.focusKey}
      />
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

        <CodeCheckboxes
          idPrefix="mandate-courses"
          boxId={courseBoxId}
          legend={t('admin.mandateForm.courses')}
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

        <TextField
          id="mandate-due"
          type="date"
          label={t('admin.mandateForm.dueOn')}
          hint={t('admin.mandateForm.dueOnHint')}
          error={problemOf('dueOn')}
          min={vietnamDate(new Date())}
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

        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('admin.mandateForm.saving') : t('admin.mandateForm.submit')}
          </button>
        </p>
      </form>
    </div>
  );
}
