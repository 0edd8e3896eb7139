import { draftDiff, lineDiff } from './draft-diff';

const lesson = (key: string, body: string) => ({
  key,
  title: { vi: `Bài ${key}` },
  kind: 'text',
  body: { vi: body },
});

describe('draft diff between the published version and the draft', () => {
  it('lists added, removed, changed and unchanged lessons by key, with the changed lines', () => {
    const diff = draftDiff(
      [lesson('a', 'một'), lesson('b', 'hai'), lesson('c', 'ba')],
      [lesson('a', 'một'), lesson('b', 'hai đã sửa'), lesson('d', 'bốn')],
    );
    expect(diff.map((d) => [d.key, d.change])).toEqual([
      ['a', 'unchanged'],
      ['b', 'changed'],
      ['d', 'added'],
      ['c', 'removed'],
    ]);
    const b = diff[1]!.lines!.filter((l) => l.op !== 'same');
    expect(b).toEqual([
      { op: 'removed', text: '    "vi": "hai"' },
      { op: 'added', text: '    "vi": "hai đã sửa"' },
    ]);
    expect(diff[2]!.lines!.every((l) => l.op === 'added')).toBe(true);
    expect(diff[3]!.lines!.every((l) => l.op === 'removed')).toBe(true);
  });

  it('a line diff keeps common lines in order', () => {
    expect(lineDiff(['x', 'y', 'z'], ['x', 'z', 'w'])).toEqual([
      { op: 'same', text: 'x' },
      { op: 'removed', text: 'y' },
      { op: 'same', text: 'z' },
      { op: 'added', text: 'w' },
    ]);
  });

  it('a lesson too large to diff line by line is still reported as changed', () => {
    const big = Array.from({ length: 1500 }, (_, i) => `dòng ${i}`);
    expect(lineDiff(big, [...big, 'thêm'])).toBeUndefined();
  });
});
