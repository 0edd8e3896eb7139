import { useTranslation } from 'react-i18next';
import { useLanguageName } from '../../i18n/use-languages';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import type { Lang } from './draft-edit';
import { useFieldErrors } from './field-errors';
import { studioLanguageName } from './language-name';

interface LocalizedFieldProps {
  /** Ids are `${idBase}-<language>`: `-vi`, `-en`… (see fieldIds in draft-problems.ts). */
  idBase: string;
  /** The field's name; the language is added to it: "Tên bài (tiếng Việt)". */
  label: string;
  hint?: string;
  langs: readonly Lang[];
  value: { vi: string; [language: string]: string | undefined };
  onChange: (lang: Lang, value: string) => void;
  multiline?: boolean;
  rows?: number;
  maxLength: number;
}

/**
 * One text in each language of the course, one labelled field per language. Each field carries `lang`, so a
 * screen reader reads the English text in English, and shows its own problem from the editor's list.
 */
export function LocalizedField(props: LocalizedFieldProps) {
  const { idBase, label, hint, langs, value, onChange, multiline = false, rows = 4, maxLength } = props;
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const languageName = useLanguageName();
  return (
    <div className="stack-sm">
      {langs.map((lang) => {
        const id = `${idBase}-${lang}`;
        const common = {
          id,
          label: t('teaching.editor.inLanguage', {
            label,
            language: studioLanguageName(t, lang, languageName),
          }),
          hint,
          error: errorFor(id),
          lang,
          value: value[lang] ?? '',
          maxLength,
        };
        const change = (text: string) => {
          clear(id);
          onChange(lang, text);
        };
        return multiline ? (
          <TextAreaField key={lang} {...common} rows={rows} onChange={(e) => change(e.target.value)} />
        ) : (
          <TextField key={lang} {...common} onChange={(e) => change(e.target.value)} />
        );
      })}
    </div>
  );
}
