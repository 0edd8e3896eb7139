import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { type StaffMember, type StaffRole, teachingApi } from '../../api/teaching-api';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useCourse } from './course-context';
import { canManageStaff, seesEveryCourse } from './teaching-access';

/**
 * Who teaches the course. Owners (and system administrators) add a teacher by the email or phone they sign in
 * with, as editor or owner, and remove people; a course always keeps one owner.
 */
export function StaffPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { me } = useSession();
  const { course, title, setCourse } = useCourse();
  const [identifier, setIdentifier] = useState('');
  const [role, setRole] = useState<StaffRole>('editor');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [removeError, setRemoveError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const identifierRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const manage = canManageStaff(me, course.myRole);
  usePageTitle(t('teaching.staff.pageTitle', { title }));

  const setStaff = (staff: StaffMember[]) => setCourse({ ...course, staff });

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const value = identifier.trim();
    if (value.length < 3) {
      setFieldError(t('teaching.staff.identifierRequired'));
      identifierRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const before = new Set(course.staff.map((s) => `${s.userId}:${s.role}`));
      const { items } = await teachingApi.addStaff(course.id, { identifier: value, role });
      setStaff(items);
      const added = items.find((s) => !before.has(`${s.userId}:${s.role}`));
      setMessage(
        added
          ? t('teaching.staff.added', { name: added.displayName, role: t(`teaching.role.${added.role}`) })
          : t('teaching.staff.alreadyThere'),
      );
      setIdentifier('');
      setFieldError(undefined);
    } catch (e) {
      if (isApiError(e) && (e.code === 'TEACHER_NOT_FOUND' || e.code === 'VALIDATION_FAILED')) {
        setFieldError(
          t(
            e.code === 'TEACHER_NOT_FOUND' ? 'errors.TEACHER_NOT_FOUND' : 'teaching.staff.identifierRequired',
          ),
        );
        identifierRef.current?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function confirmRemove() {
    const person = removing;
    setRemoving(null);
    if (!person) return;
    setRemoveError(undefined);
    setMessage(undefined);
    setBusy(true);
    try {
      await teachingApi.removeStaff(course.id, person.userId);
      if (person.userId === me?.id && !seesEveryCourse(me)) {
        // Removed themselves: the course is no longer theirs to see.
        void navigate('/teaching');
        return;
      }
      setStaff(course.staff.filter((s) => s.userId !== person.userId));
      setMessage(t('teaching.staff.removed', { name: person.displayName }));
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (e) {
      setRemoveError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-lg">
      <section className="stack" aria-labelledby="staff-heading">
        <h2 id="staff-heading" ref={headingRef} tabIndex={-1}>
          {t('teaching.staff.heading')}
        </h2>
        <p className="lead">{t('teaching.staff.intro')}</p>
        {removeError !== undefined && <ErrorNotice error={removeError} />}
        <ul className="card-list" role="list">
          {course.staff.map((person) => (
            <li key={person.userId} className="card stack-xs">
              <p>
                <strong>{person.displayName}</strong>
                {person.userId === me?.id && <span className="muted"> ({t('teaching.staff.you')})</span>}
              </p>
              <p>{t(`teaching.role.${person.role}`)}</p>
              <p className="muted">
                {t('teaching.staff.addedOn', { date: formatDate(person.addedAt, lang) })}
              </p>
              {manage && (
                <p>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    disabled={busy}
                    onClick={() => setRemoving(person)}
                  >
                    {t('teaching.staff.remove')}
                    <span className="visually-hidden"> {person.displayName}</span>
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
        <LiveMessage>{message}</LiveMessage>
      </section>
      {manage ? (
        <section className="stack" aria-labelledby="staff-add-heading">
          <h2 id="staff-add-heading">{t('teaching.staff.addHeading')}</h2>
          <form className="panel stack" noValidate onSubmit={(e) => void onAdd(e)}>
            <TextField
              ref={identifierRef}
              id="staff-identifier"
              label={t('teaching.staff.identifier')}
              hint={t('teaching.staff.identifierHint')}
              error={fieldError}
              value={identifier}
              maxLength={200}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => {
                setIdentifier(e.target.value);
                setFieldError(undefined);
              }}
            />
            <SelectField
              id="staff-role"
              label={t('teaching.staff.role')}
              value={role}
              onChange={(e) => setRole(e.target.value === 'owner' ? 'owner' : 'editor')}
              options={[
                { value: 'editor', label: t('teaching.role.editor') },
                { value: 'owner', label: t('teaching.role.owner') },
              ]}
            />
            {error !== undefined && <ErrorNotice error={error} />}
            <p>
              <button type="submit" className="button button--large" disabled={busy}>
                {t('teaching.staff.add')}
              </button>
            </p>
          </form>
        </section>
      ) : (
        <p className="panel">{t('teaching.staff.ownersOnly')}</p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('teaching.staff.removeTitle', { name: removing?.displayName ?? '' })}
        confirmLabel={t('teaching.staff.removeConfirm')}
        cancelLabel={t('teaching.staff.removeCancel')}
        danger
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
        description={t('teaching.staff.removeBody')}
      />
    </div>
  );
}
