import type { VerificationResponse } from '@hocvuso/contracts';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { ErrorNotice } from '../../components/error-notice';
import { FileField } from '../../components/file-field';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { TextAreaField } from '../../components/text-area-field';
import { useLang } from '../../i18n/use-lang';
import { MALFORMED_LOCALLY, readPastedCredential } from './verdict';
import { VerificationResult } from './verification-result';
import './certificates.css';

/** A credential file is a few kilobytes; anything this big is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * /verify — check a certificate file someone was given: paste its text, or choose the .json file, then
 * "Check". Text that is not JSON is answered at once ("not a valid certificate file") without the api.
 */
export function VerifyPastePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const [fileMessage, setFileMessage] = useState<string>();
  const [fileName, setFileName] = useState<string>();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ response: VerificationResponse; local: boolean }>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  usePageTitle(t('verify.pasteTitle'));

  // The verdict is what the person came for: read it out as soon as it is there.
  useEffect(() => {
    if (result) document.getElementById('verdict-heading')?.focus();
  }, [result]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileMessage(undefined);
    setFileError(undefined);
    setFileName(file?.name);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('verify.fileTooBig'));
      return;
    }
    try {
      setText(await file.text());
      setFieldError(undefined);
      setResult(undefined);
      setFileMessage(t('verify.fileRead', { name: file.name }));
    } catch {
      setFileError(t('verify.fileUnreadable'));
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const pasted = readPastedCredential(text);
    if (!pasted.ok && pasted.reason === 'empty') {
      setFieldError(t('verify.pasteRequired'));
      setResult(undefined);
      textRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    if (!pasted.ok) {
      setResult({ response: MALFORMED_LOCALLY, local: true });
      return;
    }
    setChecking(true);
    try {
      setResult({ response: await accountApi.verifyCredential(pasted.credential, lang), local: false });
    } catch (e) {
      setResult(undefined);
      setError(e);
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('verify.pasteTitle')}</h1>
        <p className="lead">{t('verify.pasteIntro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextAreaField
          ref={textRef}
          id="credential-text"
          label={t('verify.pasteLabel')}
          hint={t('verify.pasteHint')}
          error={fieldError}
          className="textarea--code"
          rows={7}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          translate="no"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <FileField
          id="credential-file"
          label={t('verify.fileLabel')}
          hint={t('verify.fileHint')}
          error={fileError}
          accept="application/json,.json"
          fileName={fileName}
          onChange={(e) => void onFile(e)}
        />
        <LiveMessage tone="info">{fileMessage}</LiveMessage>
        <button type="submit" className="button button--large" disabled={checking}>
          {checking ? t('verify.checking') : t('verify.check')}
        </button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      {result && <VerificationResult result={result.response} notChecked={result.local} />}
    </div>
  );
}
