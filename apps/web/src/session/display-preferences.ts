import type { AccessibilityPreferences } from '../api/access-types';

const STORAGE_KEY = 'hvs.display';

/** The classes on <html> that the stylesheet reads (see styles/display-preferences.css). */
const CLASSES: Record<Exclude<keyof AccessibilityPreferences, 'captionsAlways'>, string> = {
  largeText: 'large-text',
  highContrast: 'high-contrast',
  reducedMotion: 'reduce-motion',
};

interface Stored {
  /** Whose preferences these are, so another account signing in on this phone loads its own. */
  userId: string | null;
  preferences: Partial<AccessibilityPreferences>;
}

/** Shows the page with these preferences at once: larger text, higher contrast, no motion. */
export function applyDisplayPreferences(preferences: Partial<AccessibilityPreferences>): void {
  const root = document.documentElement;
  for (const [key, className] of Object.entries(CLASSES)) {
    root.classList.toggle(className, Boolean(preferences[key as keyof typeof CLASSES]));
  }
}

function read(): Stored | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Stored;
    return parsed && typeof parsed === 'object' && parsed.preferences ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the preferences on this device (they apply before the next page even asks the api). */
export function rememberDisplayPreferences(
  userId: string | null,
  preferences: Partial<AccessibilityPreferences>,
) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId, preferences } satisfies Stored));
  } catch {
    // Private mode or storage full: they still apply for this visit.
  }
}

/** Applies what this device remembers; call before the first render so the page never flashes small. */
export function restoreDisplayPreferences(): void {
  const stored = read();
  if (stored) applyDisplayPreferences(stored.preferences);
}

/** True when this device already holds the preferences of `userId` (no need to ask the api). */
export function hasDisplayPreferencesOf(userId: string): boolean {
  return read()?.userId === userId;
}
