import { PASSWORD_MAX_LENGTH } from '@hocvuso/domain';
import { type ChangeEvent, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { TextField } from '../../components/text-field';

interface CredentialFieldProps {
  id: string;
  error?: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * An account's e-mail address or phone number, as password managers know it (autocomplete "username"), typed
 * as it is: no capital letter, autocorrection or spell check.
 */
export function IdentifierField({ id, error, value, onChange, ref }: CredentialFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      ref={ref}
      id={id}
      label={t('auth.identifier')}
      hint={t('auth.identifierHint')}
      error={error}
      autoComplete="username"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      maxLength={254}
      required
      value={value}
      onChange={onChange}
    />
  );
}

interface PasswordFieldProps extends CredentialFieldProps {
  /** The id of the "Show password" checkbox under the field. */
  toggleId: string;
  label: string;
  hint?: string;
  /** "current-password" to sign in, "new-password" to choose one (password managers offer a strong one). */
  autoComplete: 'current-password' | 'new-password';
}

/**
 * A password field with a "Show password" checkbox under it (instead of typing it twice): shown, it is plain
 * text, so phone keyboards must not capitalise, correct or spell-check it either.
 */
export function PasswordField({
  id,
  toggleId,
  label,
  hint,
  error,
  autoComplete,
  value,
  onChange,
  ref,
}: PasswordFieldProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <>
      <TextField
        ref={ref}
        id={id}
        type={shown ? 'text' : 'password'}
        label={label}
        hint={hint}
        error={error}
        autoComplete={autoComplete}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={PASSWORD_MAX_LENGTH}
        required
        value={value}
        onChange={onChange}
      />
      <CheckboxField
        id={toggleId}
        label={t('auth.showPassword')}
        checked={shown}
        onChange={(e) => setShown(e.target.checked)}
      />
    </>
  );
}
