import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { loadSection } from '../../i18n/i18n';

// The panel, its strings and its styles download only when someone opens it: the learner shell stays small.
const AssistantPanel = lazy(async () => {
  const [panel] = await Promise.all([import('./assistant-panel'), loadSection('assistant')]);
  return { default: panel.AssistantPanel };
});

/**
 * "Trợ lý học tập": a button that opens the assistant's panel below it (a disclosure, not a modal, so the lesson
 * stays readable beside it). `courseId` limits the answers to one course.
 */
export function AssistantLauncher({ courseId }: { courseId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="assistant-launcher stack-sm">
      <button
        ref={button}
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {t('assistantLauncher.open')}
      </button>
      {open && (
        <Suspense fallback={<Loading />}>
          <AssistantPanel id={panelId} courseId={courseId} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
