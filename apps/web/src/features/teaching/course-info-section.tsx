import type { StudioDraft } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { useLang } from '../../i18n/use-lang';
import { languageLabel, useLanguages } from '../../i18n/use-languages';
import { editorLanguages, type Lang, setLanguage, setText } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LocalizedField } from './localized-field';
import { FieldError } from '../../components/field-error';

interface CourseInfoSectionProps {
  draft: StudioDraft;
  onChange: (draft: StudioDraft) => void;
}

/** Languages, then the course's title, summary and description (Markdown) in each language. */
export function CourseInfoSection({ draft, onChange }: CourseInfoSectionProps) {
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const langs = editorLanguages(draft);
  const languagesError = errorFor(fieldIds.english);
  const uiLang = useLang();
  // Every content language of GET /api/languages but Vietnamese (always there): English first, as it was.
  const offered = useLanguages().content.filter((l) => l.code !== 'vi');
  const text = (field: 'title' | 'summary' | 'description') => (lang: Lang, value: string) =>
    onChange({ ...draft, [field]: setText(draft[field], lang, value) });

  return (
    <section className="panel stack" aria-labelledby="course-info-heading">
      <h2 id="course-info-heading">{t('teaching.editor.infoHeading')}</h2>
      <fieldset
        className={languagesError ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={languagesError ? 'course-languages-error' : undefined}
      >
        <legend className="fieldset__legend">{t('teaching.editor.languages')}</legend>
        <div className="stack-sm">
          {languagesError && <FieldError id="course-languages-error">{languagesError}</FieldError>}
          <p>{t('teaching.editor.vietnameseAlways')}</p>
          {offered.map((language) => {
            const english = language.code === 'en';
            const id = english ? fieldIds.english : fieldIds.language(language.code);
            return (
              <CheckboxField
                key={language.code}
                id={id}
                label={
                  english
                    ? t('teaching.editor.english')
                    : t('teaching.editor.otherLanguage', { language: languageLabel(language, uiLang) })
                }
                hint={english ? t('teaching.editor.englishHint') : t('teaching.editor.otherLanguageHint')}
                checked={langs.includes(language.code)}
                disabled={draft.defaultLanguage === language.code}
                onChange={(e) => {
                  clear(id);
                  onChange(setLanguage(draft, language.code, e.target.checked));
                }}
              />
            );
          })}
        </div>
      </fieldset>
      <LocalizedField
        idBase="course-title"
        label={t('teaching.editor.courseTitle')}
        langs={langs}
        value={draft.title}
        onChange={text('title')}
        maxLength={200}
      />
      <LocalizedField
        idBase="course-summary"
        label={t('teaching.editor.summary')}
        hint={t('teaching.editor.summaryHint')}
        langs={langs}
        value={draft.summary}
        onChange={text('summary')}
        multiline
        rows={3}
        maxLength={500}
      />
      <LocalizedField
        idBase="course-description"
        label={t('teaching.editor.description')}
        hint={t('teaching.editor.markdownHint')}
        langs={langs}
        value={draft.description}
        onChange={text('description')}
        multiline
        rows={6}
        maxLength={10_000}
      />
    </section>
  );
}
