import { describe, expect, it } from '@jest/globals';
import { courseIdProblem, isLessonKey, suggestSlug } from './course-id';

describe('course id suggested from the title', () => {
  it('folds Vietnamese diacritics and đ, lower-cases and joins words with hyphens', () => {
    expect(suggestSlug('Dùng Zalo an toàn')).toBe('dung-zalo-an-toan');
    expect(suggestSlug('Đăng ký dịch vụ công trực tuyến')).toBe('dang-ky-dich-vu-cong-truc-tuyen');
    expect(suggestSlug('Nhận biết LỪA ĐẢO qua điện thoại')).toBe('nhan-biet-lua-dao-qua-dien-thoai');
  });

  it('treats text typed with combining marks (not NFC) the same as precomposed text', () => {
    const decomposed = 'Học vụ số'.normalize('NFD');
    expect(suggestSlug(decomposed)).toBe('hoc-vu-so');
  });

  it('drops punctuation and symbols and never leaves a hyphen at either end or twice in a row', () => {
    expect(suggestSlug('  “Bài 1” – Mở đầu: an toàn & bảo mật!! ')).toBe('bai-1-mo-dau-an-toan-bao-mat');
    expect(suggestSlug('Thương mại điện tử (TMĐT) 4.0')).toBe('thuong-mai-dien-tu-tmdt-4-0');
    expect(suggestSlug('!!!')).toBe('');
  });

  it('cuts a long title at a word boundary within the limit', () => {
    const slug = suggestSlug(
      'Hướng dẫn sử dụng ứng dụng định danh điện tử VNeID cho người cao tuổi ở nông thôn',
    );
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('huong-dan-su-dung-ung-dung-dinh-danh-dien-tu-vneid-cho-nguoi');
    expect(suggestSlug('abc defgh', 6)).toBe('abc');
    expect(suggestSlug('abcdefghij', 4)).toBe('abcd');
  });

  it('always suggests an id the api accepts when the title has letters or digits', () => {
    for (const title of ['Dùng Zalo an toàn', 'Bài 2', 'Ứng dụng ngân hàng số – phần ĐẦU']) {
      expect(courseIdProblem(suggestSlug(title))).toBeUndefined();
    }
  });
});

describe('course id typed by hand', () => {
  it('names what is wrong', () => {
    expect(courseIdProblem('')).toBe('idRequired');
    expect(courseIdProblem('ab')).toBe('idTooShort');
    expect(courseIdProblem('a'.repeat(61))).toBe('idTooLong');
    expect(courseIdProblem('Khoá-học')).toBe('idFormat');
    expect(courseIdProblem('hai--gach')).toBe('idFormat');
    expect(courseIdProblem('-dau')).toBe('idFormat');
    expect(courseIdProblem('co dau cach')).toBe('idFormat');
    expect(courseIdProblem('dung-zalo-2')).toBeUndefined();
  });

  it('applies the same shape to lesson keys', () => {
    expect(isLessonKey('bai-1')).toBe(true);
    expect(isLessonKey('b')).toBe(true);
    expect(isLessonKey('Bài 1')).toBe(false);
    expect(isLessonKey('')).toBe(false);
  });
});
