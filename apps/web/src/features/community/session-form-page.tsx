import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { UnitItem } from '../../api/access-types';
import { communityApi } from '../../api/community-api';
import { communityChangedBy } from '../../api/community-queries';
import { queries } from '../../api/queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { ErrorSummary } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { useAllCourses } from '../../components/use-all-courses';
import { useFieldProblems } from '../../components/use-field-problems';
import { useLang } from '../../i18n/use-lang';
import { communityError } from './community-error';
import { parseCoordinates } from './session-place';
import { vietnamDateTime, vietnamToday } from './session-time';

type Field = 'unit' | 'topic' | 'place' | 'time' | 'course' | 'coordinates';
const FIELD_TARGET: Record<Field, string> = {
  unit: 'session-unit-province',
  topic: 'session-topic',
  place: 'session-place',
  time: 'session-date',
  course: 'session-course',
  coordinates: 'session-latitude',
};

type Locating = 'idle' | 'busy' | 'refused';

/**
 * A host schedules a session: commune, topic, place (and, optionally, its coordinates: QR check-ins must then come
 * from nearby), date and times (Vietnam clock), the course learned and, optionally, the lesson.
 */
export function SessionFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const lang = useLang();
  const courses = useAllCourses();
  const [unit, setUnit] = useState<UnitItem>();
  const [topic, setTopic] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(vietnamToday());
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('09:30');
  const [courseId, setCourseId] = useState('');
  const [lessonId, setLessonId] = useState('');
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [locating, setLocating] = useState<Locating>('idle');
  const course = useApiQuery(queries.course(courseId, lang), { enabled: courseId !== '' });
  const lessons = courseId ? (course.data?.modules.flatMap((m) => m.lessons) ?? []) : [];
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
    const coordinates = parseCoordinates(latitude, longitude);
    if (coordinates === 'invalid') found.push(['coordinates', t('community.form.coordinatesInvalid')]);
    if (found.length > 0 || !unit || !startsAt || !endsAt || coordinates === 'invalid') return show(found);
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
        lessonId: lessonId || null,
        latitude: coordinates?.latitude ?? null,
        longitude: coordinates?.longitude ?? null,
      });
      invalidate(...communityChangedBy.session());
      void navigate(`/admin/community-sessions/${session.id}`);
    } catch (e) {
      setError(communityError(t, e));
    } finally {
      setSaving(false);
    }
  }

  function locate() {
    // Only when the host asks, and only to fill the two fields they can see and change.
    if (!('geolocation' in navigator)) return setLocating('refused');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLatitude(position.coords.latitude.toFixed(5));
        setLongitude(position.coords.longitude.toFixed(5));
        clear('coordinates');
        setLocating('idle');
      },
      () => setLocating('refused'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
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
        <fieldset className="stack-sm">
          <legend>{t('community.form.coordinates')}</legend>
          <p className="muted">{t('community.form.coordinatesHint')}</p>
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={locating === 'busy'}
              onClick={locate}
            >
              {locating === 'busy' ? t('community.form.locating') : t('community.form.locate')}
            </button>
          </p>
          {locating === 'refused' && (
            <p className="notice notice--warning" role="status">
              {t('community.form.locateRefused')}
            </p>
          )}
          <TextField
            id="session-latitude"
            label={t('community.form.latitude')}
            inputMode="decimal"
            value={latitude}
            error={problemOf('coordinates')}
            onChange={(e) => {
              setLatitude(e.target.value);
              clear('coordinates');
            }}
          />
          <TextField
            id="session-longitude"
            label={t('community.form.longitude')}
            inputMode="decimal"
            value={longitude}
            onChange={(e) => {
              setLongitude(e.target.value);
              clear('coordinates');
            }}
          />
        </fieldset>
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
            setLessonId('');
            clear('course');
          }}
        />
        <SelectField
          id="session-lesson"
          label={t('community.form.lesson')}
          value={lessonId}
          disabled={courseId === '' || !course.data}
          onChange={(e) => setLessonId(e.target.value)}
          options={[
            { value: '', label: t('community.form.wholeCourse') },
            ...lessons.map((l) => ({ value: l.id, label: l.title })),
          ]}
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
