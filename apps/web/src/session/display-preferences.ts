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

/** The display preferences the header offers to everyone, signed in or not (captions stay on the profile). */
export const READING_PREFERENCES = Object.keys(CLASSES) as Array<keyof typeof CLASSES>;
export type ReadingPreference = (typeof READING_PREFERENCES)[number];

/**
 * The preferences of a person who signs in on a device that already has some: each easier-reading setting that is
 * on, on the device (chosen in the header, maybe before signing in) or in the account (saved on the profile), stays
 * on. Turning a setting on is what someone who needs it does; turning it off again is one tap away, whereas a phone
 * that shrinks the text back at sign-in may leave its reader unable to read the page that would undo it.
 */
export function mergeDisplayPreferences(
  device: Partial<AccessibilityPreferences>,
  account: Partial<AccessibilityPreferences>,
): Partial<AccessibilityPreferences> {
  const merged: Partial<AccessibilityPreferences> = { ...account };
  for (const key of Object.keys(device) as Array<keyof AccessibilityPreferences>) {
    merged[key] = Boolean(device[key]) || Boolean(account[key]);
  }
  return merged;
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

/** What this device remembers, whoever chose it; nothing when it remembers nothing. */
export function deviceDisplayPreferences(): Partial<AccessibilityPreferences> {
  return read()?.preferences ?? {};
}

/** The user (or null when signed out) whose preferences this device holds. */
export function deviceDisplayPreferencesOwner(): string | null | undefined {
  return read()?.userId;
}

/** True when this device already holds the preferences of `userId` (no need to ask the api). */
export function hasDisplayPreferencesOf(userId: string): boolean {
  return read()?.userId === userId;
}
