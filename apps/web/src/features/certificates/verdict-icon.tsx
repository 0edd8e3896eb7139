import type { VerdictIcon as Icon } from './verdict';

const PATHS: Record<Icon, string> = {
  check: 'M7 12.5l3.2 3.2L17 9',
  cross: 'M8.5 8.5l7 7M15.5 8.5l-7 7',
  pause: 'M10 8.5v7M14 8.5v7',
  question: 'M9.6 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.7M12 16.6v.4',
  clock: 'M12 7.5V12l3 2',
};

/** A big round icon for a verdict; decorative, because the heading beside it says the same in words. */
export function VerdictIcon({ icon }: { icon: Icon }) {
  return (
    <svg className="verdict-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d={PATHS[icon]} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
