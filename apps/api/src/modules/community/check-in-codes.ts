import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_IN_CODE_LENGTH = 8;

/**
 * The rotating check-in code of a community session (docs/community-sessions.md): HMAC-SHA256 over the session id
 * and the rotation window, keyed by a key derived from the api's cookie secret (every replica derives the same),
 * cut to 40 bits and written as 8 base32 characters. Knowing codes of one window tells nothing about the next.
 */
@Injectable()
export class CheckInCodes {
  private readonly key: Buffer;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.key = createHmac('sha256', config.cookieSecret).update('community-session-check-in/v1').digest();
  }

  codeFor(sessionId: string, window: number): string {
    const mac = createHmac('sha256', this.key).update(`${sessionId}:${window}`).digest();
    // 40 bits → 8 characters of 5 bits.
    let bits = 0n;
    for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(mac[i]!);
    let code = '';
    for (let i = CHECK_IN_CODE_LENGTH - 1; i >= 0; i--)
      code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
    return code;
  }

  /** Whether a typed or scanned code is the session's code of one of the windows (constant time). */
  matches(sessionId: string, windows: readonly number[], typed: string): boolean {
    const given = Buffer.from(normalizeCode(typed));
    let ok = false;
    for (const w of windows) {
      const expected = Buffer.from(this.codeFor(sessionId, w));
      if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
    }
    return ok;
  }
}

/** A code as people type it: spaces and dashes dropped, upper case, O read as 0 and I or L as 1 (Crockford). */
export const normalizeCode = (typed: string) =>
  typed.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
