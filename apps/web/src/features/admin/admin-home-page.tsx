import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/page-title';
import { isSystemAdmin } from './admin-roles';

const AREAS = ['learners', 'mandates', 'imports', 'frameworks'] as const;

/** The admin start page: what each part of the admin area is for, one big link each. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  usePageTitle(t('admin.title'));
  const areas = isSystemAdmin(me) ? [...AREAS, 'mailOutbox' as const] : AREAS;
  const paths = { learners: 'learners', mandates: 'mandates', imports: 'imports', frameworks: 'frameworks', mailOutbox: 'mail-outbox' };
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.intro')}</p>
      </header>
      <ul className="card-list" role="list">
        {areas.map((area) => (
          <li key={area} className="card stack-xs">
            <h2 className="card__title">
              <Link to={`/admin/${paths[area]}`}>{t(`admin.nav.${area}`)}</Link>
            </h2>
            <p>{t(`admin.areas.${area}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
