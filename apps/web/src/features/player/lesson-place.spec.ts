import { describe, expect, it } from '@jest/globals';
import { lessonPlace, moduleStarts } from './lesson-place';

const outline = {
  modules: [
    { lessons: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    { lessons: [] },
    { lessons: [{ id: 'd' }, { id: 'e' }] },
  ],
};

describe('lessonPlace', () => {
  it('counts across modules, as the course page numbers lessons', () => {
    expect(lessonPlace(outline, 'a')).toEqual({ number: 1, total: 5 });
    expect(lessonPlace(outline, 'b')).toEqual({ number: 2, total: 5 });
    expect(lessonPlace(outline, 'd')).toEqual({ number: 4, total: 5 });
    expect(lessonPlace(outline, 'e')).toEqual({ number: 5, total: 5 });
  });

  it('is unknown for a lesson the outline does not list (another version of the course)', () => {
    expect(lessonPlace(outline, 'z')).toBeUndefined();
    expect(lessonPlace({ modules: [] }, 'a')).toBeUndefined();
  });
});

describe('moduleStarts', () => {
  it('continues the numbering from one module to the next, an empty module taking none', () => {
    expect(moduleStarts(outline)).toEqual([1, 4, 4]);
    expect(moduleStarts({ modules: [] })).toEqual([]);
  });
});
