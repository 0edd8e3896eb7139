import { useTranslation } from 'react-i18next';
import { formatDueDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/** "Bắt buộc – hạn 15/12/2026": a course the learner's commune or organisation requires, by when. */
export function MandateBadge({ dueOn, as: Tag = 'span' }: { dueOn: string; as?: 'span' | 'li' | 'p' }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Tag className="tag tag--required">
      <span aria-hidden="true">! </span>
      {t('mandates.badge', { date: formatDueDate(dueOn, lang) })}
    </Tag>
  );
}
