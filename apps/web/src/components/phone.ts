import { normalizeVietnamesePhone } from '@hocvuso/domain';

/**
 * Whether the input is a Vietnamese mobile number, in any common spelling ("0912 345 678", "+84 912 345 678"):
 * the rule of the api (normalizeVietnamesePhone), checked before asking it. Used by the sign-in with a code and
 * by the helpers' registration and new code forms.
 */
export function isVietnamesePhone(input: string): boolean {
  try {
    normalizeVietnamesePhone(input);
    return true;
  } catch {
    return false;
  }
}
