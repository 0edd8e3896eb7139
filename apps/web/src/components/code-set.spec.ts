import { describe, expect, it } from '@jest/globals';
import { toggleCode } from './code-set';

describe('toggleCode', () => {
  const all = ['students', 'citizens', 'public-servants'] as const;

  it('keeps codes in the canonical order, whatever the order of the clicks', () => {
    let list = toggleCode([], 'public-servants', true, all);
    list = toggleCode(list, 'students', true, all);
    expect(list).toEqual(['students', 'public-servants']);
    expect(toggleCode(list, 'students', false, all)).toEqual(['public-servants']);
  });

  it('adds a code once, and drops codes that are not among the known ones', () => {
    expect(toggleCode(['students', 'aliens'], 'students', true, all)).toEqual(['students']);
    expect(toggleCode(['citizens'], 'citizens', false, all)).toEqual([]);
  });
});
