import { describe, expect, it } from '@jest/globals';
import { fragmentTarget } from './fragment-target';

describe('the competency a framework link points at', () => {
  it('is the fragment, percent-decoded', () => {
    expect(fragmentTarget('#1.2')).toBe('1.2');
    expect(fragmentTarget('#N%C4%83ng')).toBe('Năng');
    expect(fragmentTarget('')).toBe('');
  });

  it('is nothing for a fragment that is not valid percent-encoding (no crash while the page renders)', () => {
    expect(fragmentTarget('#%E0')).toBe('');
    expect(fragmentTarget('#%')).toBe('');
  });
});
