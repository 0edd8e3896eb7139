import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { UnitItem } from '../../api/access-types';
import { communityApi } from '../../api/community-api';
import { communityChangedBy } from '../../api/community-queries';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorSummary } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { useAllCourses } from '../../components/use-all-courses';
import { useFieldProblems } from '../../components/use-field-problems';
import { communityError } from './community-error';
import { vietnamDateTime, vietnamToday } from './session-time';

type Field = 'unit' | 'topic' | 'place' | 'time' | 'course';
const FIELD_TARGET: Record<Field, string> = {
  unit: 'session-unit-province',
  topic: 'session-topic',
  place: 'session-place',
  time: 'session-date',
  course: 'session-course',
};

/** A host schedules a session: commune, topic, place, date and times (Vietnam clock), the course learned. */
export function SessionFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const courses = useAllCourses();
  const [unit, setUnit] = useState<UnitItem>();
  const [topic, setTopic] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(vietnamToday());
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('09:30');
  const [courseId, setCourseId] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const problems = useFieldProblems(FIELD_TARGET);
  const { problemOf, show, clear } = problems;
  usePageTitle(t('community.form.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const startsAt = vietnamDateTime(date, start);
    const endsAt = vietnamDateTime(date, end);
    const found: Array<[Field, string]> = [];
    if (!unit || unit.level !== 'commune') found.push(['unit', t('community.form.unitRequired')]);
    if (!topic.trim()) found.push(['topic', t('community.form.topicRequired')]);
    if (!place.trim()) found.push(['place', t('community.form.placeRequired')]);
    if (!startsAt || !endsAt || new Date(endsAt) <= new Date(startsAt))
      found.push(['time', t('community.form.timeRequired')]);
    if (!courseId) found.push(['course', t('community.form.courseRequired')]);
    if (found.length > 0 || !unit || !startsAt || !endsAt) return show(found);
    problems.clearAll();
    setSaving(true);
    try {
      const session = await communityApi.schedule({
        unitId: unit.id,
        topic,
        place,
        startsAt,
        endsAt,
        courseId,
      });
      invalidate(...communityChangedBy.session());
      void navigate(`/admin/community-sessions/${session.id}`);
    } catch (e) {
      setError(communityError(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack-lg">
      <h1>{t('community.form.title')}</h1>
      <ErrorSummary
        problems={problems.summary}
        title={t('community.form.summary')}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <UnitPicker
          idPrefix="session-unit"
          legend={t('community.form.unit')}
          withVillages={false}
          error={problemOf('unit')}
          onChange={(u) => {
            setUnit(u);
            clear('unit');
          }}
        />
        <TextField
          id="session-topic"
          label={t('community.form.topic')}
          required
          maxLength={200}
          value={topic}
          error={problemOf('topic')}
          onChange={(e) => {
            setTopic(e.target.value);
            clear('topic');
          }}
        />
        <TextField
          id="session-place"
          label={t('community.form.place')}
          hint={t('community.form.placeHint')}
          required
          maxLength={200}
          value={place}
          error={problemOf('place')}
          onChange={(e) => {
            setPlace(e.target.value);
            clear('place');
          }}
        />
        <TextField
          id="session-date"
          type="date"
          label={t('community.form.date')}
          required
          value={date}
          error={problemOf('time')}
          onChange={(e) => {
            setDate(e.target.value);
            clear('time');
          }}
        />
        <TextField
          id="session-start"
          type="time"
          label={t('community.form.start')}
          required
          value={start}
          onChange={(e) => setStart(e.target.value)}
        />
        <TextField
          id="session-end"
          type="time"
          label={t('community.form.end')}
          required
          value={end}
          onChange={(e) => setEnd(e.target.value)}
        />
        <SelectField
          id="session-course"
          label={t('community.form.course')}
          required
          value={courseId}
          error={problemOf('course')}
          options={[
            { value: '', label: t('community.form.choose') },
            ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title })),
          ]}
          onChange={(e) => {
            setCourseId(e.target.value);
            clear('course');
          }}
        />
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('community.form.saving') : t('community.form.submit')}
          </button>
        </p>
      </form>
      <p>
        <Link to="/admin/community-sessions">{t('community.form.back')}</Link>
      </p>
    </div>
  );
}
