import type { StudioDraft } from '@hocvuso/contracts';
import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { setCode } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';

interface AudienceSectionProps {
  draft: StudioDraft;
  onChange: (draft: StudioDraft) => void;
}

/** Who the course is for (target groups and the sub-groups that need extra support) and its certificate. */
export function AudienceSection({ draft, onChange }: AudienceSectionProps) {
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const groupsTarget = fieldIds.targetGroup(TARGET_GROUPS[0]);
  const groupsError = errorFor(groupsTarget);

  return (
    <section className="panel stack" aria-labelledby="course-audience-heading">
      <h2 id="course-audience-heading">{t('teaching.editor.audienceHeading')}</h2>
      <fieldset
        className={groupsError ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={['course-groups-hint', groupsError ? 'course-groups-error' : '']
          .filter(Boolean)
          .join(' ')}
      >
        <legend className="fieldset__legend">{t('teaching.editor.targetGroups')}</legend>
        <p className="field__hint" id="course-groups-hint">
          {t('teaching.editor.targetGroupsHint')}
        </p>
        {groupsError && (
          <p className="field__error" id="course-groups-error">
            <span aria-hidden="true">⚠ </span>
            {groupsError}
          </p>
        )}
        <div className="checkbox-list">
          {TARGET_GROUPS.map((code) => (
            <CheckboxField
              key={code}
              id={fieldIds.targetGroup(code)}
              label={t(`targetGroup.${code}`)}
              checked={draft.targetGroups.includes(code)}
              onChange={(e) => {
                clear(groupsTarget);
                onChange({
                  ...draft,
                  targetGroups: setCode(draft.targetGroups, code, e.target.checked, TARGET_GROUPS),
                });
              }}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset" aria-describedby="course-subgroups-hint">
        <legend className="fieldset__legend">{t('teaching.editor.subGroups')}</legend>
        <p className="field__hint" id="course-subgroups-hint">
          {t('teaching.editor.subGroupsHint')}
        </p>
        <div className="checkbox-list">
          {SUB_GROUPS.map((code) => (
            <CheckboxField
              key={code}
              id={fieldIds.subGroup(code)}
              label={t(`subGroup.${code}`)}
              checked={draft.subGroups.includes(code)}
              onChange={(e) =>
                onChange({
                  ...draft,
                  subGroups: setCode(draft.subGroups, code, e.target.checked, SUB_GROUPS),
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <CheckboxField
        id="course-certificate"
        label={t('teaching.editor.certificate')}
        hint={t('teaching.editor.certificateHint')}
        checked={draft.certificate}
        onChange={(e) => onChange({ ...draft, certificate: e.target.checked })}
      />
    </section>
  );
}
