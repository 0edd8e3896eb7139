import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { ValidationError } from '@hocvuso/domain';

export interface CertificateCompetency {
  code: string;
  name: string;
  level: number | null;
  frameworkName: string;
}

export interface CertificatePdfInput {
  learnerName: string;
  courseTitle: string;
  competencies: CertificateCompetency[];
  issuedOn: Date;
  serial: string;
  issuerName: string;
  verifyUrl: string;
  language: 'vi' | 'en';
}

const LABELS = {
  vi: {
    title: 'GIẤY CHỨNG NHẬN HOÀN THÀNH',
    certifies: 'Chứng nhận',
    completed: 'đã hoàn thành khóa học',
    competencies: 'Năng lực đạt được',
    level: (n: number) => `mức ${n}`,
    more: (n: number) => `và ${n} năng lực khác`,
    issuedOn: 'Ngày cấp',
    serial: 'Số hiệu',
    issuer: 'Đơn vị cấp',
    scan: 'Quét mã QR để xác minh',
    qrAlt: 'Mã QR dẫn tới trang xác minh giấy chứng nhận',
  },
  en: {
    title: 'CERTIFICATE OF COMPLETION',
    certifies: 'This certifies that',
    completed: 'has completed the course',
    competencies: 'Competencies',
    level: (n: number) => `level ${n}`,
    more: (n: number) => `and ${n} more`,
    issuedOn: 'Issued on',
    serial: 'Serial number',
    issuer: 'Issued by',
    scan: 'Scan the QR code to verify',
    qrAlt: 'QR code linking to the certificate verification page',
  },
} as const;

const BRAND = 'Học vụ số';
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Certificates are dated in Vietnam's time zone (UTC+7, no daylight saving), whatever the server's zone. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `28/11/2026` in Vietnamese, `28 November 2026` in English; the calendar day in Vietnam. */
export function formatCertificateDate(date: Date, language: 'vi' | 'en'): string {
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  const d = local.getUTCDate();
  const m = local.getUTCMonth();
  const y = local.getUTCFullYear();
  return language === 'vi'
    ? `${String(d).padStart(2, '0')}/${String(m + 1).padStart(2, '0')}/${y}`
    : `${d} ${MONTHS_EN[m]} ${y}`;
}

let fontCache: { regular: Buffer; bold: Buffer } | undefined;
/** Be Vietnam Pro (OFL-1.1), read once from the npm package: full TTFs, Vietnamese and Latin in one file. */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'),
    ),
    bold: readFileSync(require.resolve('@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf')),
  };
  return fontCache;
}

const COLOURS = { ink: '#1f2933', muted: '#52606d', navy: '#1b365d', gold: '#a88a4f' };
const MAX_COMPETENCY_LINES = 6;

/**
 * Renders the certificate: A4 landscape, Be Vietnam Pro embedded (subset, with a ToUnicode map so the text can
 * be copied and searched), a tagged structure with the document language for screen readers, and a QR code to
 * `verifyUrl` with the URL printed under it.
 *
 * Deterministic: the same input gives the same bytes. The PDF dates are `issuedOn`, and pdfkit's file /ID is an MD5
 * of the info dictionary, which holds the serial, so it is stable and differs between certificates.
 */
export async function renderCertificatePdf(rawInput: CertificatePdfInput): Promise<Buffer> {
  const input = checkCertificatePdfInput(rawInput);
  const t = LABELS[input.language];
  const qr = await QRCode.toBuffer(input.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 300,
  });
  const { regular, bold } = fonts();

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.language,
    displayTitle: true,
    info: {
      Title: `${t.title} – ${input.learnerName}`,
      Author: input.issuerName,
      Subject: input.courseTitle,
      Keywords: input.serial,
      Creator: BRAND,
      Producer: BRAND,
      CreationDate: input.issuedOn,
      ModDate: input.issuedOn,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const W = doc.page.width;
  const H = doc.page.height;
  const side = 72;
  const inner = W - 2 * side;

  // Frame: decoration only, so it is an artifact for assistive technology.
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .lineWidth(2)
    .strokeColor(COLOURS.navy)
    .rect(22, 22, W - 44, H - 44)
    .stroke();
  doc
    .lineWidth(0.75)
    .strokeColor(COLOURS.gold)
    .rect(30, 30, W - 60, H - 60)
    .stroke();
  doc
    .lineWidth(1)
    .strokeColor(COLOURS.gold)
    .moveTo(W / 2 - 40, 134)
    .lineTo(W / 2 + 40, 134)
    .stroke();
  doc.endMarkedContent();

  const root = doc.struct('Document');
  doc.addStructure(root);
  const centred = (
    tag: string,
    text: string,
    font: 'regular' | 'bold',
    size: number,
    colour: string,
    y: number,
    height?: number,
  ) =>
    root.add(
      doc.struct(tag, {}, () => {
        doc
          .font(font)
          .fontSize(size)
          .fillColor(colour)
          .text(text, side, y, { width: inner, align: 'center', height, ellipsis: height ? '…' : undefined });
      }),
    );

  centred('P', BRAND, 'bold', 13, COLOURS.gold, 62);
  centred('H1', t.title, 'bold', 28, COLOURS.navy, 88);
  centred('P', t.certifies, 'regular', 13, COLOURS.muted, 158);
  centred(
    'H2',
    input.learnerName,
    'bold',
    fitSize(doc, 'bold', input.learnerName, inner, 34, 20),
    COLOURS.ink,
    180,
  );
  centred('P', t.completed, 'regular', 13, COLOURS.muted, 232);
  centred('H2', input.courseTitle, 'bold', 18, COLOURS.navy, 254, 48);

  // Competencies on the left; the QR code on the right, its URL under it; then the facts.
  const qrSize = 112;
  const qrX = W - side - qrSize;
  const qrY = 330;
  const listWidth = qrX - 24 - side;
  let y = 322;
  if (input.competencies.length > 0) {
    root.add(
      doc.struct('H3', {}, () => {
        doc
          .font('bold')
          .fontSize(11)
          .fillColor(COLOURS.navy)
          .text(t.competencies, side, y, { width: listWidth });
      }),
    );
    y += 20;
    const shown = input.competencies.slice(0, MAX_COMPETENCY_LINES);
    const list = doc.struct('L');
    root.add(list);
    for (const c of shown) {
      const level = c.level !== null ? ` (${t.level(c.level)})` : '';
      const line = `${c.code}  ${c.name}${level} · ${c.frameworkName}`;
      list.add(
        doc.struct('LI', {}, () => {
          doc
            .font('regular')
            .fontSize(10.5)
            .fillColor(COLOURS.ink)
            .text(line, side, y, { width: listWidth, lineBreak: false, ellipsis: '…', height: 14 });
        }),
      );
      y += 17;
    }
    if (input.competencies.length > shown.length) {
      const rest = t.more(input.competencies.length - shown.length);
      list.add(
        doc.struct('LI', {}, () => {
          doc
            .font('regular')
            .fontSize(10.5)
            .fillColor(COLOURS.muted)
            .text(rest, side, y, { width: listWidth });
        }),
      );
    }
    list.end();
  }

  root.add(
    doc.struct('Figure', { alt: t.qrAlt }, () => {
      doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
    }),
  );
  const urlWidth = 340;
  root.add(
    doc.struct('P', {}, () => {
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(COLOURS.muted)
        .text(t.scan, qrX - 30, qrY + qrSize + 3, { width: qrSize + 60, align: 'center' });
      const urlSize = fitSize(doc, 'regular', input.verifyUrl, urlWidth, 7.5, 5.5);
      doc
        .font('regular')
        .fontSize(urlSize)
        .fillColor(COLOURS.ink)
        .text(input.verifyUrl, W - side - urlWidth, qrY + qrSize + 17, { width: urlWidth, align: 'right' });
    }),
  );

  const footerY = 492;
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .lineWidth(0.5)
    .strokeColor(COLOURS.gold)
    .moveTo(side, footerY - 12)
    .lineTo(W - side, footerY - 12)
    .stroke();
  doc.endMarkedContent();
  const facts: Array<[string, string]> = [
    [t.issuedOn, formatCertificateDate(input.issuedOn, input.language)],
    [t.serial, input.serial],
    [t.issuer, input.issuerName],
  ];
  facts.forEach(([label, value], i) => {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font('regular')
          .fontSize(10)
          .fillColor(COLOURS.muted)
          .text(`${label}: `, side, footerY + i * 16, { continued: true, width: inner, lineBreak: false });
        doc
          .font('bold')
          .fillColor(COLOURS.ink)
          .text(value, { lineBreak: false, ellipsis: '…', width: inner, height: 14 });
      }),
    );
  });

  root.end();
  doc.end();
  return done;
}

/** The largest size (down to `min`, in half points) at which the text fits the width on one line. */
function fitSize(
  doc: PDFKit.PDFDocument,
  font: 'regular' | 'bold',
  text: string,
  width: number,
  max: number,
  min: number,
): number {
  for (let size = max; size > min; size -= 0.5) {
    if (doc.font(font).fontSize(size).widthOfString(text) <= width) return size;
  }
  return min;
}

/**
 * The input as it is printed: names and titles in NFC and trimmed; refused (a ValidationError) when the language,
 * the date, the verify URL or the learner's name is unusable. Idempotent.
 */
export function checkCertificatePdfInput(input: CertificatePdfInput): CertificatePdfInput {
  const nfc = (s: string) => s.normalize('NFC').trim();
  if (input.language !== 'vi' && input.language !== 'en')
    throw new ValidationError(
      'CERTIFICATE_LANGUAGE_INVALID',
      `Unsupported language: ${String(input.language)}`,
    );
  if (Number.isNaN(input.issuedOn.getTime()))
    throw new ValidationError('CERTIFICATE_INPUT_INVALID', 'issuedOn is not a date.');
  if (!/^https?:\/\/\S+$/.test(input.verifyUrl))
    throw new ValidationError('CERTIFICATE_INPUT_INVALID', `Not a verify URL: ${input.verifyUrl}`);
  const learnerName = nfc(input.learnerName);
  // Nothing to print: empty, or only spaces and invisible format characters (a zero-width space, a direction mark).
  if (!learnerName.replace(/[\p{Cf}\p{Z}\s]/gu, ''))
    throw new ValidationError('CERTIFICATE_INPUT_INVALID', 'The learner name is empty.');
  return {
    ...input,
    learnerName,
    courseTitle: nfc(input.courseTitle),
    serial: nfc(input.serial),
    issuerName: nfc(input.issuerName),
    competencies: input.competencies.map((c) => ({
      ...c,
      code: nfc(c.code),
      name: nfc(c.name),
      frameworkName: nfc(c.frameworkName),
    })),
    // Whole seconds: PDF dates have no milliseconds, and two renders of one certificate must agree.
    issuedOn: new Date(Math.floor(input.issuedOn.getTime() / 1000) * 1000),
  };
}
