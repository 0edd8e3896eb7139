import type { CourseLearnersPage } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/data-table';

type VersionCount = CourseLearnersPage['versions'][number];

/**
 * How many learners are on each version of the course: in progress on it (they stay until they finish or
 * choose to move) and completed on it. See docs/crediting.md "Staying on a version".
 */
export function LearnersPerVersion({ versions }: { versions: VersionCount[] }) {
  const { t } = useTranslation();
  if (versions.length === 0) return null;
  const columns: Array<Column<VersionCount>> = [
    {
      key: 'version',
      label: t('teaching.learners.versions.version'),
      primary: true,
      render: (v) =>
        v.current
          ? t('teaching.learners.versions.currentName', { number: v.versionNo })
          : t('teaching.learners.versions.name', { number: v.versionNo }),
    },
    {
      key: 'inProgress',
      label: t('teaching.learners.versions.inProgress'),
      render: (v) => v.inProgress,
    },
    {
      key: 'completed',
      label: t('teaching.learners.versions.completed'),
      render: (v) => v.completed,
    },
  ];
  return (
    <section className="stack-sm" aria-labelledby="learner-versions-heading">
      <h3 id="learner-versions-heading">{t('teaching.learners.versions.heading')}</h3>
      <p className="muted">{t('teaching.learners.versions.hint')}</p>
      <DataTable
        caption={t('teaching.learners.versions.caption')}
        columns={columns}
        rows={versions}
        rowKey={(v) => String(v.versionNo)}
      />
    </section>
  );
}
