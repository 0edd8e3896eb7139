import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { formatSignInCode, localPhone } from './assisted-registration';

interface SignInCodeHandOverProps {
  displayName: string;
  /** E.164. */
  phone: string;
  signInCode: { code: string; expiresAt: string };
  /** The code replaces a forgotten password: say that the old one ends when it is used. */
  recovery?: boolean;
}

/** A one-time sign-in code, large, with the phone, until when it works and how to hand it over. Shown once. */
function SignInCodeHandOver({ displayName, phone, signInCode, recovery = false }: SignInCodeHandOverProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const local = localPhone(phone);
  const expires = formatDateTime(signInCode.expiresAt, lang);
  const { code } = signInCode;
  return (
    <>
      <section className="panel stack-sm sign-in-code-panel" aria-labelledby="registration-code-label">
        <h2 id="registration-code-label">{t('admin.registration.codeLabel')}</h2>
        <p className="sign-in-code">
          <span aria-hidden="true">{formatSignInCode(code)}</span>
          {/* Read digit by digit, as the person will type it. */}
          <span className="visually-hidden">{code.split('').join(' ')}</span>
        </p>
        <dl className="facts facts--compact">
          <div>
            <dt>{t('admin.registration.phoneLabel')}</dt>
            <dd>{local}</dd>
          </div>
          <div>
            <dt>{t('admin.registration.expiresLabel')}</dt>
            <dd>{expires}</dd>
          </div>
        </dl>
      </section>
      <section className="stack-sm" aria-labelledby="registration-handover-heading">
        <h2 id="registration-handover-heading">{t('admin.registration.handOverHeading')}</h2>
        <ol className="stack-xs">
          <li>{t('admin.registration.handOver.write', { name: displayName })}</li>
          <li>{t('admin.registration.handOver.signIn', { phone: local })}</li>
          <li>{t('admin.registration.handOver.once', { time: expires })}</li>
          {recovery && <li>{t('admin.newCode.handOverRecovery')}</li>}
          <li>{t('admin.registration.handOver.secret')}</li>
        </ol>
      </section>
    </>
  );
}

interface SignInCodeDoneProps extends SignInCodeHandOverProps {
  title: string;
  lead?: string;
  anotherLabel: string;
  onAnother: () => void;
}

/** The page after a code was made: its title (which takes the focus), the hand-over, and on to the next person. */
export function SignInCodeDone({ title, lead, anotherLabel, onAnother, ...code }: SignInCodeDoneProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {lead && <p className="lead">{lead}</p>}
      </header>
      <SignInCodeHandOver {...code} />
      <p>
        <button type="button" className="button" onClick={onAnother}>
          {anotherLabel}
        </button>
      </p>
    </div>
  );
}

interface FormThenCodeProps<R> {
  /** The form; `autoFocus` after "another person", `onDone` with the api's answer. */
  form: (props: { autoFocus: boolean; onDone: (result: R) => void }) => ReactNode;
  done: (result: R, onAnother: () => void) => ReactNode;
}

/** A form whose answer (a code shown once) replaces it until the helper starts again with an empty form. */
export function FormThenCode<R>({ form, done }: FormThenCodeProps<R>) {
  const [result, setResult] = useState<R>();
  const [round, setRound] = useState(0);
  if (result !== undefined)
    return done(result, () => {
      setResult(undefined);
      setRound((n) => n + 1);
    });
  return <Fragment key={round}>{form({ autoFocus: round > 0, onDone: setResult })}</Fragment>;
}
