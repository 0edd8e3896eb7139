import { describe, expect, it } from '@jest/globals';
import { shownLines } from './review-diff-lines';

const same = (text: string) => ({ op: 'same' as const, text });

describe('the lines a reviewer sees of a changed lesson', () => {
  it('keeps a one-line fix with two lines of context on each side and folds the rest into gaps', () => {
    const lines = [
      ...['a', 'b', 'c', 'd', 'e'].map(same),
      { op: 'removed' as const, text: 'old' },
      { op: 'added' as const, text: 'new' },
      ...['f', 'g', 'h', 'i'].map(same),
    ];
    expect(shownLines(lines)).toEqual([
      { kind: 'gap', count: 3 },
      { kind: 'line', op: 'same', text: 'd' },
      { kind: 'line', op: 'same', text: 'e' },
      { kind: 'line', op: 'removed', text: 'old' },
      { kind: 'line', op: 'added', text: 'new' },
      { kind: 'line', op: 'same', text: 'f' },
      { kind: 'line', op: 'same', text: 'g' },
      { kind: 'gap', count: 2 },
    ]);
  });

  it('shows every line of an added lesson, and joins two changes whose context touches', () => {
    const added = ['x', 'y'].map((text) => ({ op: 'added' as const, text }));
    expect(shownLines(added)).toEqual(added.map((l) => ({ kind: 'line', ...l })));
    const close = [{ op: 'added' as const, text: '1' }, same('s'), { op: 'removed' as const, text: '2' }];
    expect(shownLines(close, 1).map((l) => l.kind)).toEqual(['line', 'line', 'line']);
  });

  it('an unchanged text is one gap, an empty diff nothing', () => {
    expect(shownLines(['a', 'b', 'c'].map(same))).toEqual([{ kind: 'gap', count: 3 }]);
    expect(shownLines([])).toEqual([]);
  });
});
