import { DOCUMENT_TEXT_MAX_CHARS, splitLesson } from './passages';

describe('splitLesson: the text of a document lesson’s file', () => {
  it('becomes passages under the lesson title and the file name, after the lesson’s own text', () => {
    const passages = splitLesson({
      title: 'Tài liệu',
      html: '<p>Đọc tài liệu đính kèm.</p>',
      document: { name: 'huong-dan.pdf', text: 'Bước 1: mang căn cước.\n\nBước 2: nộp hồ sơ.' },
    });
    expect(passages).toEqual([
      { heading: 'Tài liệu', text: 'Đọc tài liệu đính kèm.' },
      { heading: 'Tài liệu: huong-dan.pdf', text: 'Bước 1: mang căn cước.\nBước 2: nộp hồ sơ.' },
    ]);
  });

  it('removes NUL, control, zero-width and direction marks, stores NFC and collapses spaces', () => {
    const decomposed = 'Căn cước'.normalize('NFD');
    const [, doc] = splitLesson({
      title: 'T',
      html: '<p>x</p>',
      document: { name: 'a.pdf', text: `A\u0000B\u200b C\u202e   D\t\t${decomposed}` },
    });
    expect(doc!.text).toBe('AB C D Căn cước');
    expect(doc!.text).toBe(doc!.text.normalize('NFC'));
  });

  it('indexes at most DOCUMENT_TEXT_MAX_CHARS of a huge file, in passages of the usual size', () => {
    const line = 'Một câu dài trong tài liệu hướng dẫn thủ tục hành chính. ';
    const passages = splitLesson({
      title: 'T',
      html: '',
      document: { name: 'big.pdf', text: line.repeat(20_000) },
    }).filter((p) => p.heading === 'T: big.pdf');
    const indexed = passages.reduce((n, p) => n + p.text.length, 0);
    expect(indexed).toBeLessThanOrEqual(DOCUMENT_TEXT_MAX_CHARS);
    expect(indexed).toBeGreaterThan(DOCUMENT_TEXT_MAX_CHARS * 0.9);
    expect(Math.max(...passages.map((p) => p.text.length))).toBeLessThanOrEqual(700);
  });

  it('adds nothing for a file without text', () => {
    expect(
      splitLesson({ title: 'T', html: '<p>x</p>', document: { name: 'scan.pdf', text: ' \n\u200b\n' } }),
    ).toEqual([{ heading: 'T', text: 'x' }]);
  });
});
