import { describe, expect, it } from '@jest/globals';
import { shownTitle } from './course-title';

describe('the title shown to a teacher', () => {
  it('is English in the English interface when there is an English title, Vietnamese otherwise', () => {
    const titles = { vi: 'Dùng Zalo an toàn', en: 'Using Zalo safely' };
    expect(shownTitle('en', 'x', titles)).toEqual({ text: 'Using Zalo safely', lang: 'en' });
    expect(shownTitle('vi', 'x', titles)).toEqual({ text: 'Dùng Zalo an toàn', lang: 'vi' });
    expect(shownTitle('en', 'x', { vi: 'Dùng Zalo an toàn', en: null })).toEqual({
      text: 'Dùng Zalo an toàn',
      lang: 'vi',
    });
  });

  it('falls back to the next source, then to the course id', () => {
    expect(shownTitle('vi', 'dung-zalo', { vi: '  ' }, { vi: 'Bản đã xuất bản' })).toEqual({
      text: 'Bản đã xuất bản',
      lang: 'vi',
    });
    expect(shownTitle('vi', 'dung-zalo', undefined, { vi: null })).toEqual({ text: 'dung-zalo' });
  });
});
