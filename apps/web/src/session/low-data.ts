/**
 * Low-data mode ("Tiết kiệm dữ liệu", docs/low-data.md): a switch kept on this device, and the rule that
 * suggests it once from what the browser says about the connection. Pure: the storage and the connection are
 * passed in, so the rules are tested without a browser (use-low-data.ts binds them to the page).
 */

/** What the Network Information API says (Chromium, Android's browsers); absent in Safari and Firefox. */
export interface ConnectionHint {
  saveData?: boolean;
  effectiveType?: string;
}

/** The connection types slow enough to suggest the mode (a 3G phone in a mountain commune among them). */
export const SLOW_CONNECTION_TYPES: readonly string[] = ['slow-2g', '2g', '3g'];

/** What this device remembers: whether the mode is on, and whether the suggestion was answered. */
export interface LowDataState {
  on: boolean;
  /** The suggestion was shown and answered (turned on, or "no thanks"): it never comes back on this device. */
  suggestionAnswered: boolean;
}

export const LOW_DATA_STORAGE_KEY = 'hvs.lowData';

const OFF: LowDataState = { on: false, suggestionAnswered: false };

/** Whether the connection looks like one where the mode helps: the person asked the browser to save data, or it is slow. */
export function lowDataSuggested(connection: ConnectionHint | undefined): boolean {
  if (!connection) return false;
  if (connection.saveData === true) return true;
  return (
    typeof connection.effectiveType === 'string' && SLOW_CONNECTION_TYPES.includes(connection.effectiveType)
  );
}

/** Whether to show the one-time suggestion now: the mode is off, the suggestion was never answered, and the connection is slow or saving data. */
export function offerLowData(state: LowDataState, connection: ConnectionHint | undefined): boolean {
  return !state.on && !state.suggestionAnswered && lowDataSuggested(connection);
}

/** What the device remembers; off when it remembers nothing, or something unreadable (never throws). */
export function readLowData(storage: Pick<Storage, 'getItem'> | undefined): LowDataState {
  try {
    const raw = storage?.getItem(LOW_DATA_STORAGE_KEY);
    if (!raw) return OFF;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return OFF;
    const { on, suggestionAnswered } = parsed as Record<string, unknown>;
    return { on: on === true, suggestionAnswered: suggestionAnswered === true };
  } catch {
    return OFF;
  }
}

/** Remembers the state on this device; a full or forbidden storage leaves it for this visit only. */
export function writeLowData(storage: Pick<Storage, 'setItem'> | undefined, state: LowDataState): void {
  try {
    storage?.setItem(LOW_DATA_STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Private mode or storage full: the mode still applies until the page is closed.
  }
}
