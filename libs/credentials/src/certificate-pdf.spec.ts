import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { type CertificatePdfInput, formatCertificateDate, renderCertificatePdf } from './pdf';

// These tests read the PDF back with poppler-utils (pdftotext, pdfimages, pdffonts, pdfinfo). They fail, not skip,
// when poppler-utils is missing: CI installs it (`apt-get install -y poppler-utils`).
function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} is not installed: these tests need poppler-utils (apt-get install -y poppler-utils).`,
      );
    }
    throw err;
  }
}

const VERIFY_URL = 'https://hocvuso.gov.vn/verify/6f1d3c1e-8a55-4c1b-9a63-2b8d4a0f7e11';
const input = (overrides: Partial<CertificatePdfInput> = {}): CertificatePdfInput => ({
  learnerName: 'Nguyễn Thị Hương',
  courseTitle: 'Kỹ năng số cơ bản',
  competencies: [
    {
      code: '1.1',
      name: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số',
      level: 2,
      frameworkName: 'DigComp 2.2',
    },
    {
      code: '4.2',
      name: 'Bảo vệ dữ liệu cá nhân và quyền riêng tư',
      level: null,
      frameworkName: 'DigComp 2.2',
    },
  ],
  issuedOn: new Date('2026-11-28T18:30:00Z'),
  serial: 'HVS-2026-7KQ2M9XA',
  issuerName: 'Học vụ số',
  verifyUrl: VERIFY_URL,
  language: 'vi',
  ...overrides,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hvs-cert-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const save = (name: string, pdf: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return path;
};
const textOf = (pdf: Buffer, name = 'text.pdf') =>
  poppler('pdftotext', ['-enc', 'UTF-8', save(name, pdf), '-']);

describe('the certificate PDF', () => {
  it('is byte-for-byte the same when rendered twice from the same input', async () => {
    const a = await renderCertificatePdf(input());
    const b = await renderCertificatePdf(input());
    expect(a.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(a.equals(b)).toBe(true);
  });

  it('differs, /ID included, for another serial', async () => {
    const a = await renderCertificatePdf(input());
    const b = await renderCertificatePdf(input({ serial: 'HVS-2026-ZZZZZZZZ' }));
    const id = (pdf: Buffer) => /\/ID \[(<[0-9a-f]+>) /.exec(pdf.toString('latin1'))?.[1];
    expect(id(a)).toBeDefined();
    expect(id(a)).not.toBe(id(b));
  });

  it('holds the Vietnamese text intact (NFC), even when the name arrives decomposed', async () => {
    const text = textOf(
      await renderCertificatePdf(input({ learnerName: 'Nguyễn Thị Hương'.normalize('NFD') })),
    );
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text.normalize('NFC')).toBe(text);
    expect(text).toContain('GIẤY CHỨNG NHẬN HOÀN THÀNH');
    expect(text).toContain('Học vụ số');
    expect(text).toContain('Kỹ năng số cơ bản');
    expect(text).toMatch(
      /1\.1\s+Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số \(mức 2\) · DigComp 2\.2/,
    );
    expect(text).toContain('Ngày cấp: 29/11/2026'); // 18:30 UTC is already the 29th in Vietnam
    expect(text).toContain('Số hiệu: HVS-2026-7KQ2M9XA');
    expect(text).toContain(VERIFY_URL);
  });

  it('is in English when asked, with the date written out', async () => {
    const text = textOf(await renderCertificatePdf(input({ language: 'en' })), 'en.pdf');
    expect(text).toContain('CERTIFICATE OF COMPLETION');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain('Issued on: 29 November 2026');
    expect(text).toContain('(level 2)');
  });

  it('carries a QR code that encodes exactly the verify URL', async () => {
    const path = save('qr.pdf', await renderCertificatePdf(input()));
    const listing = poppler('pdfimages', ['-list', path]);
    expect(listing).toMatch(/^\s+1\s+0\s+image\s+300\s+300\s+rgb/m);
    poppler('pdfimages', ['-f', '1', '-l', '1', path, join(dir, 'img')]);
    const first = readdirSync(dir)
      .filter((f) => f.startsWith('img-000'))
      .sort()[0]!;
    const { width, pixels } = readPpm(readFileSync(join(dir, first)));

    const expected = QRCode.create(VERIFY_URL, { errorCorrectionLevel: 'M' }).modules;
    const margin = 1;
    const unit = width / (expected.size + 2 * margin);
    let mismatches = 0;
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        const x = Math.floor((col + margin + 0.5) * unit);
        const y = Math.floor((row + margin + 0.5) * unit);
        const dark = pixels[(y * width + x) * 3]! < 128;
        if (dark !== Boolean(expected.get(row, col))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('embeds both Be Vietnam Pro faces with Unicode maps, and is tagged with its language', async () => {
    const path = save('fonts.pdf', await renderCertificatePdf(input()));
    const fonts = poppler('pdffonts', [path]);
    expect(fonts).toMatch(/BeVietnamPro-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/BeVietnamPro-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const info = poppler('pdfinfo', [path]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+Sat Nov 28 18:30:00 2026 UTC/);
    expect(readFileSync(path).toString('latin1')).toContain('/Lang (vi)');
  });

  it('shows at most six competencies and counts the rest', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      code: `2.${i + 1}`,
      name: `Năng lực ${i + 1}`,
      level: 1,
      frameworkName: 'DigComp 2.2',
    }));
    const text = textOf(await renderCertificatePdf(input({ competencies: many })), 'many.pdf');
    expect(text).toContain('Năng lực 6');
    expect(text).not.toContain('Năng lực 7');
    expect(text).toContain('và 3 năng lực khác');
  });

  it('refuses an empty name or a verify link that is not a URL', async () => {
    for (const learnerName of ['  ', '\u200b', ' \u200e\u2066\ufeff\u00a0 '])
      await expect(renderCertificatePdf(input({ learnerName }))).rejects.toMatchObject({
        code: 'CERTIFICATE_INPUT_INVALID',
      });
    await expect(renderCertificatePdf(input({ verifyUrl: 'javascript:alert(1)' }))).rejects.toMatchObject({
      code: 'CERTIFICATE_INPUT_INVALID',
    });
  });
});

describe('certificate dates', () => {
  it('are the calendar day in Vietnam, dd/mm/yyyy in Vietnamese', () => {
    expect(formatCertificateDate(new Date('2026-01-05T16:59:59Z'), 'vi')).toBe('05/01/2026');
    expect(formatCertificateDate(new Date('2026-01-05T17:00:00Z'), 'vi')).toBe('06/01/2026');
    expect(formatCertificateDate(new Date('2026-12-31T17:00:00Z'), 'en')).toBe('1 January 2027');
  });
});

/** A binary PPM (P6) as written by pdfimages. */
function readPpm(file: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 32).toString('latin1'));
  if (!header) throw new Error('pdfimages did not write a P6 image');
  return { width: Number(header[1]), height: Number(header[2]), pixels: file.subarray(header[0].length) };
}
