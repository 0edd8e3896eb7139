import { describe, expect, it } from '@jest/globals';
import { pageCount } from './pagination';

describe('pageCount', () => {
  it('counts a last page that is not full', () => {
    expect(pageCount(51, 25)).toBe(3);
    expect(pageCount(50, 25)).toBe(2);
  });

  it('is one page for an empty list', () => {
    expect(pageCount(0, 25)).toBe(1);
  });
});
