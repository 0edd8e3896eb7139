import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from '../../components/history';
import { ConfirmDialog } from '../../components/confirm-dialog';

/**
 * Warns before unsaved changes are lost: leaving for another page of the app asks first (the app's
 * blocker, components/history.ts), and closing or reloading the tab gets the browser's own warning (beforeunload).
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the warning only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Saved in the meantime (or the changes undone): nothing to ask any more.
  useEffect(() => {
    if (blocker.state === 'blocked' && !dirty) blocker.proceed();
  }, [blocker, dirty]);

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={t('teaching.leave.title')}
      confirmLabel={t('teaching.leave.confirm')}
      cancelLabel={t('teaching.leave.cancel')}
      danger
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
      description={t('teaching.leave.body')}
    />
  );
}
