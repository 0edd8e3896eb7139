import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface PaginationProps {
  page: number;
  pages: number;
  /** The address of a page (it keeps the list's filters). */
  href: (page: number) => string;
  /** Called when a page link is followed (to move the focus to the new results, for example). */
  onNavigate?: () => void;
}

/**
 * "← Previous page" and "Next page →" as links (they work without script and can be opened in a new tab). A
 * page past the end (a shorter list than when the address was made) links back to the last page.
 */
export function Pagination({ page, pages, href, onNavigate }: PaginationProps) {
  const { t } = useTranslation();
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 && (
        <Link
          className="button button--secondary"
          to={href(Math.min(page - 1, Math.max(pages, 1)))}
          onClick={onNavigate}
        >
          <span aria-hidden="true">← </span>
          {t('pagination.previous')}
        </Link>
      )}
      {page < pages && (
        <Link className="button button--secondary" to={href(page + 1)} onClick={onNavigate}>
          {t('pagination.next')}
          <span aria-hidden="true"> →</span>
        </Link>
      )}
    </nav>
  );
}

/** How many pages a list of `total` items has at `limit` a page: at least one, even when it is empty. */
export const pageCount = (total: number, limit: number): number => Math.max(1, Math.ceil(total / limit));

/** "Page 2 of 5." after a list's count, when there is more than one page. */
export function usePageOf(): (page: number, pages: number) => string {
  const { t } = useTranslation();
  return (page, pages) => (pages > 1 ? ` ${t('pagination.pageOf', { page, pages })}` : '');
}
