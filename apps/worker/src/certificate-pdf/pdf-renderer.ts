import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CertificatePdfInput,
  checkCertificatePdfInput,
  renderCertificatePdf,
} from '@hocvuso/credentials';
import { DomainError, type DomainErrorKind } from '@hocvuso/domain';
import { Piscina } from 'piscina';

/** What one render thread answers: the PDF's bytes, or the domain error it refused the input with. */
export type RenderThreadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; error: { code: string; kind: DomainErrorKind; message: string } };

/** Renders certificate PDFs: on a pool of threads in the built worker, else in the calling thread. */
export interface PdfRenderer {
  readonly threads: number;
  render(input: CertificatePdfInput): Promise<Buffer>;
  close(): Promise<void>;
}

/** The bundled thread script, beside the worker's own bundle (tools/lib/server-build.mjs builds both). */
export const RENDER_THREAD_FILE = 'certificate-pdf-thread.cjs';

/**
 * The certificate PDF renderer of the worker. Rendering is ~45 ms of CPU per certificate (pdfkit, the font
 * subset, the QR code): on the worker's event loop it would stall every other job, BullMQ's lock renewals and
 * the metrics listener for that long, and it would cap issuance at one core. With `threads` > 0 and the thread
 * script present (the built worker), PDFs render on a piscina pool of that many threads while the main thread
 * signs and talks to the database. The input is checked here first, so a refused input is the same DomainError
 * in both modes; tests that run the worker from source (no bundle) render in-process.
 */
export function createPdfRenderer(options: { threads: number; dir?: string }): PdfRenderer {
  const file = options.dir ? join(options.dir, RENDER_THREAD_FILE) : undefined;
  if (options.threads === 0 || !file || !existsSync(file))
    return { threads: 0, render: renderCertificatePdf, close: async () => undefined };
  const pool = new Piscina<CertificatePdfInput, RenderThreadResult>({
    filename: file,
    minThreads: options.threads,
    maxThreads: options.threads,
    // Threads stay up: a certificate burst should not pay a thread start and the font loading again.
    idleTimeout: 60 * 60_000,
  });
  return {
    threads: options.threads,
    async render(input) {
      const checked = checkCertificatePdfInput(input);
      const result = await pool.run(checked);
      if (!result.ok) throw new DomainError(result.error.code, result.error.kind, result.error.message);
      return Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
    },
    close: () => pool.close(),
  };
}
