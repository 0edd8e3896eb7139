import type { ReactNode } from 'react';

interface LiveMessageProps {
  /** The message to announce, or nothing (the region stays in the page so later messages are heard). */
  children?: ReactNode;
  tone?: 'success' | 'info';
}

/**
 * A polite live region that is always in the page: screen readers announce what appears in it ("Saved",
 * "Link copied"), and sighted users see the same words with a ✓.
 */
export function LiveMessage({ children, tone = 'success' }: LiveMessageProps) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true">
      {children ? (
        <p className={`notice notice--${tone}`}>
          {tone === 'success' && <span aria-hidden="true">✓ </span>}
          {children}
        </p>
      ) : null}
    </div>
  );
}
