import type { LessonActionResponse, LessonResponse } from '@hocvuso/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { useLang } from '../../i18n/use-lang';
import { documentTypeLabel } from './document-type';
import { LessonDone } from '../../components/lesson/lesson-done';

/** A document lesson: the link opens the document in a new tab and records that it was opened. */
export function DocumentLesson({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [result, setResult] = useState<LessonActionResponse>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const doc = lesson.document;
  if (!doc) return null;
  const type = documentTypeLabel(doc.mediaType, doc.src);
  const alreadyDone = lesson.status === 'completed';
  const done = alreadyDone || result !== undefined;

  function onOpen() {
    // The link itself opens the document; this only records it, once per visit unless it failed.
    if (sending || result) return;
    setSending(true);
    setError(undefined);
    api
      .documentOpened(lesson.id, lang)
      .then(setResult, setError)
      .finally(() => setSending(false));
  }

  return (
    <section className="panel stack-sm" aria-labelledby="document-heading">
      <h2 id="document-heading">{t('document.heading')}</h2>
      <p id="document-hint" className="hint">
        {t('document.hint')}
      </p>
      <p>
        <a
          className="button button--large"
          href={doc.src}
          target="_blank"
          rel="noopener"
          type={doc.mediaType}
          aria-describedby="document-hint"
          onClick={onOpen}
          onAuxClick={(event) => {
            if (event.button === 1) onOpen(); // a middle click opens it in a new tab too
          }}
        >
          {type ? t('document.open', { type }) : t('document.openPlain')}
          <span className="visually-hidden"> {t('document.newTab')}</span>
        </a>
      </p>
      {error !== undefined && <ErrorNotice error={error} onRetry={onOpen} />}
      <div role="status">
        {result && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('document.opened')}
          </p>
        )}
      </div>
      {alreadyDone && !result && (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>
          {t('document.alreadyOpened')}
        </p>
      )}
      {done && <LessonDone enrolment={result?.enrolment} fallbackNextId={lesson.nextLessonId} />}
    </section>
  );
}
