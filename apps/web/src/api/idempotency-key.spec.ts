import { webcrypto } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { newIdempotencyKey } from './idempotency-key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(newIdempotencyKey({ getRandomValues: (a) => a, randomUUID: () => 'from-random-uuid' })).toBe(
      'from-random-uuid',
    );
  });

  it('builds a version 4 UUID from random bytes on plain http, a new one each time', () => {
    const source = {
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => webcrypto.getRandomValues(a as never) as T,
    };
    const first = newIdempotencyKey(source);
    expect(first).toMatch(UUID_V4);
    expect(newIdempotencyKey(source)).not.toBe(first);
  });
});
