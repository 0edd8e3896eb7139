import { describe, expect, it } from '@jest/globals';
import {
  ENROL_INTENT_TTL_MS,
  type IntentStorage,
  rememberEnrolIntent,
  takeEnrolIntent,
} from './enrol-intent';

/** Web Storage's behaviour for these three methods: strings in, strings out. */
function memoryStorage(): IntentStorage & { size: () => number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    size: () => items.size,
  };
}

const NOW = 1_764_900_000_000;

describe('the wish to enrol, kept across signing in', () => {
  it('is there once for the course it was made for, then used up', () => {
    const storage = memoryStorage();
    rememberEnrolIntent(storage, 'online-scams', NOW);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + 60_000)).toBe(true);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + 61_000)).toBe(false);
    expect(storage.size()).toBe(0);
  });

  it('does not enrol in another course, and stays for its own', () => {
    const storage = memoryStorage();
    rememberEnrolIntent(storage, 'online-scams', NOW);
    expect(takeEnrolIntent(storage, 'smartphone-basics', NOW + 1000)).toBe(false);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + 2000)).toBe(true);
  });

  it('keeps only the latest press', () => {
    const storage = memoryStorage();
    rememberEnrolIntent(storage, 'smartphone-basics', NOW);
    rememberEnrolIntent(storage, 'online-scams', NOW + 1000);
    expect(takeEnrolIntent(storage, 'smartphone-basics', NOW + 2000)).toBe(false);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + 2000)).toBe(true);
  });

  it('is forgotten after an hour, and dropped when read', () => {
    const storage = memoryStorage();
    rememberEnrolIntent(storage, 'online-scams', NOW);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + ENROL_INTENT_TTL_MS)).toBe(true);
    rememberEnrolIntent(storage, 'online-scams', NOW);
    expect(takeEnrolIntent(storage, 'online-scams', NOW + ENROL_INTENT_TTL_MS + 1)).toBe(false);
    expect(storage.size()).toBe(0);
  });

  it('refuses one stamped in the future (a clock moved back) and drops it', () => {
    const storage = memoryStorage();
    rememberEnrolIntent(storage, 'online-scams', NOW + 10_000);
    expect(takeEnrolIntent(storage, 'online-scams', NOW)).toBe(false);
    expect(storage.size()).toBe(0);
  });

  it.each([
    'not json',
    '[]',
    'null',
    '{"courseId":1,"at":1}',
    '{"courseId":"online-scams"}',
    '{"courseId":"online-scams","at":"1764900000000"}',
  ])('drops a malformed stored value %j without enrolling', (raw) => {
    const storage = memoryStorage();
    storage.setItem('hvs.enrolIntent', raw);
    expect(takeEnrolIntent(storage, 'online-scams', NOW)).toBe(false);
    expect(storage.size()).toBe(0);
  });

  it('survives a storage that refuses to be written or read (private mode)', () => {
    const broken: IntentStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => rememberEnrolIntent(broken, 'online-scams', NOW)).not.toThrow();
    expect(takeEnrolIntent(broken, 'online-scams', NOW)).toBe(false);
  });
});
