import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { accountApi } from '../../api/account-api';
import { isApiError } from '../../api/client';
import type { ShellState } from '../../session/shell-state';
import { useSession } from '../../session/session';
import { CheckboxField } from '../../components/checkbox-field';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { signInPath } from '../../session/next-path';
import { dataExportFileName, dataExportFileText } from './data-export-file';

const REMOVED = ['identity', 'links', 'inbox', 'profile'] as const;
const KEPT = ['certificates', 'statistics', 'records'] as const;

/** The learner's rights over their data: a copy of all of it, and deleting the account. */
export function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t('privacy.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('privacy.title')}</h1>
        <p className="lead">{t('privacy.intro')}</p>
      </header>
      <DataExportSection />
      <DeleteAccountSection />
    </div>
  );
}

/** Saves a file the page made (a real download, with its name), as a link with `download` would. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function DataExportSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  async function download() {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const data = await accountApi.dataExport();
      const name = dataExportFileName(data.generatedAt);
      saveFile(new Blob([dataExportFileText(data)], { type: 'application/json;charset=utf-8' }), name);
      setDone(t('privacy.exported', { file: name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel stack" aria-labelledby="privacy-export-heading">
      <h2 id="privacy-export-heading">{t('privacy.exportHeading')}</h2>
      <p>{t('privacy.exportIntro')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      <LiveMessage>{done}</LiveMessage>
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void download()}>
          {busy ? t('privacy.exporting') : t('privacy.exportButton')}
        </button>
      </p>
    </section>
  );
}

/**
 * What deleting means (what goes at once, what stays de-identified and why), then a confirmation with the
 * password the api asks for. Afterwards the learner is signed out here too and the catalogue says it is done.
 */
function DeleteAccountSection() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [withdrawCertificates, setWithdrawCertificates] = useState(false);
  const [passwordError, setPasswordError] = useState<string>();
  const [mustSignInAgain, setMustSignInAgain] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  function reset() {
    setPassword('');
    setWithdrawCertificates(false);
    setPasswordError(undefined);
    setMustSignInAgain(false);
    setError(undefined);
  }

  async function deleteAccount() {
    setBusy(true);
    setError(undefined);
    setPasswordError(undefined);
    setMustSignInAgain(false);
    try {
      await accountApi.deleteAccount({ ...(password ? { password } : {}), withdrawCertificates });
      const state: ShellState = { flash: 'accountDeleted', sessionEnded: true };
      await navigate('/', { replace: true, state });
    } catch (e) {
      if (isApiError(e) && (e.code === 'PASSWORD_REQUIRED' || e.code === 'PASSWORD_INCORRECT')) {
        setPasswordError(t(`errors.${e.code}`));
        requestAnimationFrame(() => passwordRef.current?.focus());
      } else if (isApiError(e) && e.code === 'REAUTHENTICATION_REQUIRED') {
        setMustSignInAgain(true);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  /** An account without a password proves a recent sign-in instead: sign out here, then in again. */
  async function signInAgain() {
    try {
      await signOut();
      await navigate(signInPath('/me/privacy'));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel stack" aria-labelledby="privacy-delete-heading">
      <h2 id="privacy-delete-heading">{t('privacy.deleteHeading')}</h2>
      <div className="stack-sm">
        <h3>{t('privacy.removedHeading')}</h3>
        <ul className="stack-xs">
          {REMOVED.map((key) => (
            <li key={key}>{t(`privacy.removed.${key}`)}</li>
          ))}
        </ul>
      </div>
      <div className="stack-sm">
        <h3>{t('privacy.keptHeading')}</h3>
        <ul className="stack-xs">
          {KEPT.map((key) => (
            <li key={key}>{t(`privacy.kept.${key}`)}</li>
          ))}
        </ul>
        <p>{t('privacy.lawNote')}</p>
      </div>
      <p className="notice notice--warning">
        <span aria-hidden="true">⚠ </span>
        {t('privacy.final')}
      </p>
      <p>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            reset();
            setOpen(true);
          }}
        >
          {t('privacy.deleteStart')}
        </button>
      </p>
      <ConfirmDialog
        open={open}
        title={t('privacy.dialogTitle')}
        description={t('privacy.dialogBody', { name: me?.displayName ?? '' })}
        confirmLabel={t('privacy.confirmDelete')}
        busyLabel={t('privacy.deleting')}
        cancelLabel={t('privacy.cancel')}
        busy={busy}
        danger
        initialFocus={passwordRef}
        onConfirm={() => void deleteAccount()}
        onCancel={() => setOpen(false)}
      >
        <TextField
          ref={passwordRef}
          id="privacy-delete-password"
          type="password"
          label={t('privacy.password')}
          hint={t('privacy.passwordHint')}
          error={passwordError}
          autoComplete="current-password"
          maxLength={128}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setPasswordError(undefined);
          }}
        />
        <CheckboxField
          id="privacy-withdraw-certificates"
          label={t('privacy.withdrawCertificates')}
          hint={t('privacy.withdrawCertificatesHint')}
          checked={withdrawCertificates}
          onChange={(e) => setWithdrawCertificates(e.target.checked)}
        />
        {mustSignInAgain && (
          <div className="notice notice--error stack-sm" role="alert">
            <p>{t('errors.REAUTHENTICATION_REQUIRED')}</p>
            <p>
              <button type="button" className="button button--secondary" onClick={() => void signInAgain()}>
                {t('privacy.signInAgain')}
              </button>
            </p>
          </div>
        )}
        {error !== undefined && <ErrorNotice error={error} />}
      </ConfirmDialog>
    </section>
  );
}
