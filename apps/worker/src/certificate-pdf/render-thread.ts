// One thread of the worker's certificate PDF pool (see ./pdf-renderer.ts). Bundled on its own into
// certificate-pdf-thread.cjs beside the worker's bundle. piscina loads it when the thread starts and awaits the
// default export: the handler, once a sample certificate has been rendered (fonts read, pdfkit and the QR code
// compiled), so the first learner's certificate does not pay for the warm-up.
import { renderCertificatePdf, type CertificatePdfInput } from '@hocvuso/credentials';
import { isDomainError } from '@hocvuso/domain';
import type { RenderThreadResult } from './pdf-renderer';

/** Renders one certificate; a refused input comes back as data (a domain error loses its class between threads). */
export async function renderInThread(input: CertificatePdfInput): Promise<RenderThreadResult> {
  try {
    const pdf = await renderCertificatePdf(input);
    // Copied into a buffer of its own so the transfer moves exactly the PDF, never a shared pool slab.
    const bytes = new Uint8Array(pdf.byteLength);
    bytes.set(pdf);
    return { ok: true, bytes };
  } catch (err) {
    if (isDomainError(err))
      return { ok: false, error: { code: err.code, kind: err.kind, message: err.message } };
    throw err;
  }
}

async function warmedUp(): Promise<typeof renderInThread> {
  await renderInThread({
    learnerName: 'Nguyễn Văn Khởi Động',
    courseTitle: 'Kỹ năng số cơ bản',
    competencies: [
      { code: '1.1', name: 'Duyệt, tìm kiếm và lọc dữ liệu', level: 1, frameworkName: 'DigComp' },
    ],
    issuedOn: new Date(0),
    serial: 'HVS-1970-WARMUP00',
    issuerName: 'Học vụ số',
    verifyUrl: 'https://hocvuso.invalid/verify/warm-up',
    language: 'vi',
  }).catch(() => undefined); // a failed warm-up only means the first certificate pays for it
  return renderInThread;
}

export default warmedUp();
