import type { StudioDraft } from '@hocvuso/contracts';
import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { CodeCheckboxes } from '../../components/code-checkboxes';
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
      <CodeCheckboxes
        idPrefix="course-group"
        legend={t('teaching.editor.targetGroups')}
        hint={t('teaching.editor.targetGroupsHint')}
        error={groupsError}
        codes={TARGET_GROUPS}
        label={(code) => t(`targetGroup.${code}`)}
        selected={draft.targetGroups}
        onChange={(targetGroups) => {
          clear(groupsTarget);
          onChange({ ...draft, targetGroups });
        }}
      />
      <CodeCheckboxes
        idPrefix="course-subgroup"
        legend={t('teaching.editor.subGroups')}
        hint={t('teaching.editor.subGroupsHint')}
        codes={SUB_GROUPS}
        label={(code) => t(`subGroup.${code}`)}
        selected={draft.subGroups}
        onChange={(subGroups) => onChange({ ...draft, subGroups })}
      />
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
