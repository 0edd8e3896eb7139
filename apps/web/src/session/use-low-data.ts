import { useSyncExternalStore } from 'react';
import {
  type ConnectionHint,
  type LowDataState,
  LOW_DATA_STORAGE_KEY,
  readLowData,
  writeLowData,
} from './low-data';

/** This device's localStorage, when the browser lets the page use it. */
function deviceStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let current: LowDataState | undefined;
const listeners = new Set<() => void>();

function snapshot(): LowDataState {
  current ??= readLowData(deviceStorage());
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the app switched it: this one follows.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== LOW_DATA_STORAGE_KEY) return;
    current = readLowData(deviceStorage());
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Changes the mode (and remembers it on this device); every component using it renders again. */
export function setLowData(change: Partial<LowDataState>): void {
  current = { ...snapshot(), ...change };
  writeLowData(deviceStorage(), current);
  for (const listener of listeners) listener();
}

/** Low-data mode as this device remembers it, kept up to date when it changes here or in another tab. */
export function useLowData(): LowDataState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** What the browser says about the connection (the Network Information API), if it says anything. */
export function connectionHint(): ConnectionHint | undefined {
  const connection = (navigator as Navigator & { connection?: ConnectionHint }).connection;
  return connection ? { saveData: connection.saveData, effectiveType: connection.effectiveType } : undefined;
}
