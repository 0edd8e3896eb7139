import { deflateSync } from 'node:zlib';
import { pdfInfo } from './pdf-info';

/** A PDF written by hand: one page object per content stream, Flate-compressed or not. */
function pdf(pages: Array<{ content: string; compress: boolean }>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  pages.forEach((p, i) => {
    const body = p.compress
      ? deflateSync(Buffer.from(p.content, 'latin1'))
      : Buffer.from(p.content, 'latin1');
    parts.push(Buffer.from(`${i * 2 + 1} 0 obj << /Type /Page /Contents ${i * 2 + 2} 0 R >> endobj\n`));
    parts.push(
      Buffer.from(
        `${i * 2 + 2} 0 obj << /Length ${body.length}${p.compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
      ),
    );
    parts.push(body, Buffer.from('\nendstream\nendobj\n'));
  });
  parts.push(Buffer.from('99 0 obj << /Type /Pages /Count 2 >> endobj\ntrailer << >>\n%%EOF\n'));
  return Buffer.concat(parts);
}

describe('pdfInfo: page count and searchable text without poppler', () => {
  it('counts /Page objects (not the /Pages tree) and reads literal and hex strings, compressed or not', () => {
    const info = pdfInfo(
      pdf([
        { content: 'BT /F1 12 Tf (Kh\\(o\\)a m\\340n h\\354nh) Tj ET', compress: true },
        { content: 'BT [<4d6174> -250 (kh\\341u)] TJ T* (d\\362ng 2) Tj ET', compress: false },
      ]),
    );
    expect(info.pageCount).toBe(2);
    expect(info.text.split('\n')).toEqual(['Kh(o)a màn hình', 'Mat kháu dòng 2']);
  });

  it('a stream that does not inflate is skipped, not fatal', () => {
    const broken = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n2 0 obj << /Filter /FlateDecode >>\nstream\nnot zlib\nendstream\n%%EOF\n',
    );
    expect(pdfInfo(broken)).toEqual({ pageCount: 1, text: '' });
  });
});
