import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CertificatePdfInput, renderCertificatePdf } from '@hocvuso/credentials';
import { DomainError, isDomainError } from '@hocvuso/domain';
import { permanentFailureCode } from '@hocvuso/issuance';
import { renderInThread } from '../src/certificate-pdf/render-thread';
import { createPdfRenderer, type PdfRenderer, RENDER_THREAD_FILE } from '../src/certificate-pdf/pdf-renderer';

// The worker's certificate PDF pool, on the built thread script (tools/test.mjs builds the worker first, as the
// certificates suite needs its bundle too).
const built = resolve(__dirname, '../../../dist/apps/worker');

const input = (n: number, overrides: Partial<CertificatePdfInput> = {}): CertificatePdfInput => ({
  learnerName: `Nguyễn Thị Hương ${n}`,
  courseTitle: 'Kỹ năng số cơ bản',
  competencies: [
    { code: '1.1', name: 'Duyệt, tìm kiếm và lọc dữ liệu', level: 2, frameworkName: 'Khung năng lực số' },
  ],
  issuedOn: new Date('2026-11-28T03:00:00Z'),
  serial: `HVS-2026-POOL${String(n).padStart(4, '0')}`,
  issuerName: 'Học vụ số',
  verifyUrl: `https://hocvuso.example.vn/verify/6f1d3c1e-8a55-4c1b-9a63-2b8d4a0f${String(n).padStart(4, '0')}`,
  language: 'vi',
  ...overrides,
});

async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('certificate PDFs on a pool of render threads', () => {
  let pool: PdfRenderer;
  beforeAll(() => {
    expect(existsSync(join(built, RENDER_THREAD_FILE))).toBe(true);
    pool = createPdfRenderer({ threads: 2, dir: built });
  });
  afterAll(() => pool.close());

  it('renders on threads the very bytes the calling thread renders', async () => {
    expect(pool.threads).toBe(2);
    const [threaded, inline] = await Promise.all([pool.render(input(1)), renderCertificatePdf(input(1))]);
    expect(Buffer.isBuffer(threaded)).toBe(true);
    expect(threaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(threaded.equals(inline)).toBe(true);
  });

  it('50 certificates at once each get their own PDF, identical to the in-process one', async () => {
    const inputs = [...Array(50).keys()].map((n) => input(100 + n));
    const pdfs = await Promise.all(inputs.map((i) => pool.render(i)));
    expect(new Set(pdfs.map((p) => p.toString('base64'))).size).toBe(50);
    for (const n of [0, 17, 49]) expect(pdfs[n]!.equals(await renderCertificatePdf(inputs[n]!))).toBe(true);
  });

  it('refuses an unusable input with the same domain error as in-process, never retried', async () => {
    for (const bad of [
      input(2, { learnerName: ' \u200b\u200e ' }),
      input(3, { verifyUrl: 'javascript:alert(1)' }),
      input(4, { issuedOn: new Date('nope') }),
      input(5, { language: 'fr' as 'vi' }),
    ]) {
      const threaded = await refusal(pool.render(bad));
      const inline = await refusal(renderCertificatePdf(bad));
      expect(isDomainError(threaded)).toBe(true);
      expect((threaded as DomainError).code).toBe((inline as DomainError).code);
      expect(permanentFailureCode(threaded)).toBe((inline as DomainError).code);
    }
    // The pool still renders after refusals.
    expect((await pool.render(input(6))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a refusal raised inside a thread travels back as data and is rebuilt as the domain error', async () => {
    const answer = await renderInThread(input(7, { learnerName: '   ' }));
    expect(answer).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_INPUT_INVALID', kind: 'validation', message: 'The learner name is empty.' },
    });
    const ok = await renderInThread(input(8));
    expect(ok.ok && ok.bytes instanceof Uint8Array && ok.bytes.byteLength > 1000).toBe(true);
  });

  it('renders in the calling thread with 0 threads or without the built thread script', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hvs-no-thread-'));
    try {
      for (const inline of [
        createPdfRenderer({ threads: 0, dir: built }),
        createPdfRenderer({ threads: 2, dir: empty }),
        createPdfRenderer({ threads: 2 }),
      ]) {
        expect(inline.threads).toBe(0);
        expect((await inline.render(input(9))).equals(await renderCertificatePdf(input(9)))).toBe(true);
        await inline.close();
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
