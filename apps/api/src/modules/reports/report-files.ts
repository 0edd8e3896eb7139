import { readFileSync } from 'node:fs';
import type { ReportDataDto } from '@hocvuso/contracts';
import { neutraliseCsvCell, vietnamDate } from '@hocvuso/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/**
 * The downloads of a frozen report: XLSX (exceljs), CSV (UTF-8 with BOM, formula-safe) and PDF (pdfkit, in the
 * Vietnamese administrative layout: issuing body and national motto, place and date line, title, the table, how
 * it was counted, revision and checksum). Everything is read from the frozen data: a download never counts.
 */
export interface ReportFileMeta {
  revision: number;
  checksum: string;
  generatedAt: Date;
  supersedes: number | null;
  supersededBy: number | null;
  correctionReason: string | null;
  submittedAt: Date | null;
}

const GROUP_VI: Record<string, string> = {
  '*': 'Mọi đối tượng',
  students: 'Học sinh, sinh viên',
  citizens: 'Người dân',
  'public-servants': 'Cán bộ, công chức, viên chức',
  'enterprise-workers': 'Người lao động trong doanh nghiệp, hợp tác xã',
};
const SUB_GROUP_VI: Record<string, string> = {
  '': '',
  'school:primary': 'Tiểu học',
  'school:lower-secondary': 'Trung học cơ sở',
  'school:upper-secondary': 'Trung học phổ thông',
  'school:vocational': 'Giáo dục nghề nghiệp',
  'school:higher': 'Cao đẳng, đại học',
  'org:state_agency': 'Cơ quan nhà nước',
  'org:enterprise': 'Doanh nghiệp',
  'org:cooperative': 'Hợp tác xã',
  'org:cooperative_union': 'Liên hiệp hợp tác xã',
  'org:school': 'Trường học',
  'org:university': 'Trường đại học',
  'age:16+': 'Từ 16 tuổi trở lên',
};
const STATUS_VI: Record<string, string> = {
  met: 'Đạt',
  behind: 'Chưa đạt',
  overdue: 'Quá hạn, chưa đạt',
  'no-population': 'Chưa có số dân',
};
const ROMAN = ['I', 'II', 'III', 'IV'];

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** "Quý III năm 2025", "6 tháng đầu năm 2025", "Năm 2025", "Từ ngày 01/07/2025 đến ngày 15/08/2025". */
export function periodLabelVi(p: ReportDataDto['period']): string {
  const year = p.start.slice(0, 4);
  switch (p.kind) {
    case 'quarter':
      return `Quý ${ROMAN[Number(p.code.slice(-1)) - 1]} năm ${year}`;
    case 'half':
      return `6 tháng ${p.code.endsWith('H1') ? 'đầu' : 'cuối'} năm ${year}`;
    case 'year':
      return `Năm ${year}`;
    case 'adhoc':
      return `Từ ngày ${dmy(p.start)} đến ngày ${dmy(p.end)}`;
  }
}

const groupLabel = (group: string, sub: string) =>
  [GROUP_VI[group] ?? group, SUB_GROUP_VI[sub] ?? sub].filter(Boolean).join(' – ');

const targetLabel = (t: ReportDataDto['indicators'][number]['target']) =>
  !t
    ? ''
    : `${t.strictlyAbove ? 'trên ' : ''}${t.share != null ? `${Math.round(t.share * 1000) / 10} %` : (t.count ?? 0).toLocaleString('vi-VN')} (đến ${dmy(t.by)})`;

const percent = (share: number | null) =>
  share == null ? '' : `${(Math.round(share * 1000) / 10).toLocaleString('vi-VN')} %`;

/** One flat row per indicator and place: what the XLSX table and the CSV hold. */
function flatRows(data: ReportDataDto) {
  return data.indicators.flatMap((ind, i) =>
    data.rows.map((row) => {
      const c = row.cells[i]!;
      return { ind, row, c };
    }),
  );
}

/** A file name safe everywhere (ASCII fallback) and the Vietnamese one (RFC 5987 filename*). */
export function contentDisposition(data: ReportDataDto, revision: number, ext: string): string {
  const vi = `Báo cáo ${data.place.name} ${data.period.code} lần ${revision}.${ext}`.normalize('NFC');
  const ascii = vi
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-');
  const encoded = encodeURIComponent(vi).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const NOTES = (data: ReportDataDto, meta: ReportFileMeta) => [
  `Số liệu "đạt" được tính một lần khi lập báo cáo, gồm những người đạt trước 00:00 ngày ${dmy(vietnamDate(new Date(data.cutOff)))} (giờ Việt Nam); số liệu phát sinh sau đó không làm thay đổi báo cáo này.`,
  `Mỗi người được tính tại nơi họ ở (đơn vị, cơ quan) vào thời điểm đạt chỉ tiêu; người đã chuyển đi vẫn được tính ở nơi cũ.`,
  `"Đã đăng ký" là số tài khoản đang gắn với từng nơi tại thời điểm lập báo cáo (${dmy(vietnamDate(new Date(data.registeredAt)))}): không phải số liệu lịch sử của kỳ báo cáo, không dùng làm mẫu số.`,
  `Mẫu số là dân số chính thức có hiệu lực vào ngày cuối kỳ (${dmy(data.period.end)}); "Chưa có số dân" khi chưa nhập số dân cho nơi đó.`,
  ...(data.indicators.some((i) => i.provisional)
    ? ['Chỉ tiêu đánh dấu (*) là tạm thời: nội dung hoặc số liệu của kế hoạch chưa được xác nhận.']
    : []),
  ...(meta.supersedes != null
    ? [
        `Báo cáo này là lần lập ${meta.revision}, thay thế lần ${meta.supersedes}. Lý do: ${meta.correctionReason ?? ''}`,
      ]
    : []),
  ...(meta.supersededBy != null ? [`Báo cáo này đã được thay thế bởi lần lập ${meta.supersededBy}.`] : []),
];

export async function reportXlsx(data: ReportDataDto, meta: ReportFileMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Học vụ số';
  wb.created = meta.generatedAt;
  wb.modified = meta.generatedAt;
  const ws = wb.addWorksheet('Báo cáo', { views: [{ state: 'frozen', ySplit: 9 }] });
  const head: Array<[string, string]> = [
    ['Kế hoạch', data.plan.title.vi],
    ['Nơi báo cáo', data.place.name],
    ['Kỳ báo cáo', `${periodLabelVi(data.period)} (${data.period.code})`],
    ['Số liệu tính đến', `00:00 ngày ${dmy(vietnamDate(new Date(data.cutOff)))} (giờ Việt Nam)`],
    [
      'Lần lập',
      String(meta.revision) + (meta.supersedes != null ? ` (thay thế lần ${meta.supersedes})` : ''),
    ],
    ['Mã kiểm tra (SHA-256)', meta.checksum],
    ['Lập lúc', meta.generatedAt.toISOString()],
  ];
  ws.addRow(['BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU']).font = { bold: true, size: 14 };
  for (const [k, v] of head) {
    const r = ws.addRow([k, v]);
    r.getCell(1).font = { bold: true };
  }
  const header = ws.addRow([
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Đối tượng',
    'Đơn vị',
    'Số đạt',
    'Đã đăng ký (hiện tại)',
    'Dân số',
    'Kỳ dân số',
    'Nguồn dân số',
    'Tỷ lệ',
    'Mục tiêu',
    'Còn thiếu',
    'Tình trạng',
  ]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const { ind, row, c } of flatRows(data)) {
    const r = ws.addRow([
      ind.code,
      ind.title.vi + (ind.provisional ? ' (*)' : ''),
      groupLabel(ind.targetGroup, ind.subGroup),
      row.total ? `${row.place.name} (tổng)` : row.place.name,
      c.numerator,
      c.registered,
      c.population?.value ?? null,
      c.population?.period ?? '',
      c.population?.source ?? '',
      c.share,
      ind.target?.share ?? ind.target?.count ?? null,
      c.gap,
      STATUS_VI[c.status] ?? c.status,
    ]);
    r.getCell(10).numFmt = '0.0%';
    r.getCell(11).numFmt = ind.target?.share != null ? '0%' : '#,##0';
    for (const col of [5, 6, 7, 12]) r.getCell(col).numFmt = '#,##0';
    if (row.total) r.font = { bold: true };
  }
  ws.addRow([]);
  for (const note of NOTES(data, meta)) ws.addRow([note]);
  const widths = [16, 44, 30, 30, 10, 14, 12, 10, 22, 10, 10, 11, 18];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportCsv(data: ReportDataDto, meta: ReportFileMeta): string {
  const header = [
    'indicator',
    'indicator_title',
    'target_group',
    'sub_group',
    'place_code',
    'place',
    'total',
    'numerator',
    'registered_now',
    'population',
    'population_period',
    'population_source',
    'share',
    'gap',
    'status',
    'period',
    'cut_off',
    'revision',
    'checksum',
  ];
  const rows = flatRows(data).map(({ ind, row, c }) => [
    ind.code,
    ind.title.vi,
    ind.targetGroup,
    ind.subGroup,
    row.place.code ?? '',
    row.place.name,
    row.total ? 'yes' : 'no',
    c.numerator,
    c.registered,
    c.population?.value ?? '',
    c.population?.period ?? '',
    c.population?.source ?? '',
    c.share == null ? '' : c.share.toFixed(4),
    c.gap ?? '',
    c.status,
    data.period.code,
    data.cutOff,
    meta.revision,
    meta.checksum,
  ]);
  return '\uFEFF' + stringify([header, ...rows.map((r) => r.map(neutraliseCsvCell))]);
}

let fontCache: { regular: Buffer; bold: Buffer; italic: Buffer } | undefined;
/** Be Vietnam Pro (OFL-1.1), the certificate's font, read once from the npm package. */
function fonts() {
  const file = (f: string) => readFileSync(require.resolve(`@expo-google-fonts/be-vietnam-pro/${f}`));
  fontCache ??= {
    regular: file('400Regular/BeVietnamPro_400Regular.ttf'),
    bold: file('700Bold/BeVietnamPro_700Bold.ttf'),
    italic: file('400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf'),
  };
  return fontCache;
}

/** "UBND TỈNH LAI CHÂU" for a unit, the organisation's name for an agency. */
function issuingBody(place: ReportDataDto['place']): string {
  if (place.kind === 'unit') return `UBND ${place.name}`.toLocaleUpperCase('vi');
  if (place.kind === 'organisation') return place.name.toLocaleUpperCase('vi');
  return 'HỌC VỤ SỐ';
}

/** The place in the date line: the unit's name without its level ("Lai Châu", "Mường Tè"). */
const placeShort = (name: string) =>
  name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Thị trấn|Đặc khu|Thôn|Bản|Tổ dân phố)\s+/u, '');

export async function reportPdf(data: ReportDataDto, meta: ReportFileMeta): Promise<Buffer> {
  const f = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 40, left: 50, right: 50 },
    pdfVersion: '1.7',
    lang: 'vi',
    displayTitle: true,
    info: {
      Title: `Báo cáo kết quả – ${data.place.name} – ${data.period.code} – lần ${meta.revision}`,
      Author: issuingBody(data.place),
      Subject: data.plan.title.vi,
      Keywords: meta.checksum,
      Creator: 'Học vụ số',
      Producer: 'Học vụ số',
      CreationDate: meta.generatedAt,
      ModDate: meta.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.registerFont('italic', f.italic);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2 - 10;

  // Header: issuing body on the left, national name and motto on the right.
  const top = doc.y;
  doc
    .font('bold')
    .fontSize(11)
    .text(issuingBody(data.place), left, top, { width: half - 60, align: 'center' });
  doc
    .font('bold')
    .fontSize(11)
    .text('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, top, {
      width: half + 20,
      align: 'center',
    });
  doc
    .font('bold')
    .fontSize(11)
    .text('Độc lập - Tự do - Hạnh phúc', left + half, doc.y, {
      width: half + 20,
      align: 'center',
      underline: true,
    });
  const generated = vietnamDate(meta.generatedAt);
  doc
    .font('italic')
    .fontSize(10.5)
    .text(
      `${placeShort(data.place.name)}, ngày ${generated.slice(8, 10)} tháng ${generated.slice(5, 7)} năm ${generated.slice(0, 4)}`,
      left + half,
      doc.y + 6,
      { width: half + 20, align: 'center' },
    );
  doc.moveDown(1.2);
  doc
    .font('bold')
    .fontSize(14)
    .text('BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(11.5).text(data.plan.title.vi, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(10.5)
    .text(`Kỳ báo cáo: ${periodLabelVi(data.period)} (${dmy(data.period.start)} – ${dmy(data.period.end)})`, {
      width,
      align: 'center',
    });
  doc.moveDown(0.8);

  const cols = [
    { title: 'Đơn vị', w: 0.27, align: 'left' as const },
    { title: 'Số đạt', w: 0.09, align: 'right' as const },
    { title: 'Đã đăng ký (hiện tại)', w: 0.11, align: 'right' as const },
    { title: 'Dân số', w: 0.1, align: 'right' as const },
    { title: 'Tỷ lệ', w: 0.08, align: 'right' as const },
    { title: 'Còn thiếu', w: 0.09, align: 'right' as const },
    { title: 'Tình trạng', w: 0.14, align: 'left' as const },
    { title: 'Nguồn dân số', w: 0.12, align: 'left' as const },
  ];
  const drawRow = (cells: string[], font: 'regular' | 'bold', shade?: string) => {
    doc.font(font).fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.w * width - 8 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    if (shade) doc.rect(left, y, width, h).fill(shade).fillColor('black');
    let x = left;
    cells.forEach((c, i) => {
      const w = cols[i]!.w * width;
      doc
        .font(font)
        .fontSize(9)
        .fillColor('black')
        .text(c, x + 4, y + 3, { width: w - 8, align: cols[i]!.align });
      x += w;
    });
    doc.lineWidth(0.4).strokeColor('#9aa5b1').rect(left, y, width, h).stroke();
    doc.x = left;
    doc.y = y + h;
  };

  data.indicators.forEach((ind, i) => {
    if (doc.y + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(0.5);
    doc
      .font('bold')
      .fontSize(10.5)
      .text(`${i + 1}. ${ind.title.vi}${ind.provisional ? ' (*)' : ''}`, left, doc.y, { width });
    doc
      .font('regular')
      .fontSize(9)
      .text(
        `Đối tượng: ${groupLabel(ind.targetGroup, ind.subGroup)}. Mục tiêu: ${targetLabel(ind.target)}. Căn cứ: ${ind.source.document}, ${ind.source.section}.`,
        { width },
      );
    doc.moveDown(0.3);
    drawRow(
      cols.map((c) => c.title),
      'bold',
      '#dce6f1',
    );
    for (const row of data.rows) {
      const c = row.cells[i]!;
      drawRow(
        [
          row.total ? `${row.place.name} (tổng)` : row.place.name,
          c.numerator.toLocaleString('vi-VN'),
          c.registered.toLocaleString('vi-VN'),
          c.population ? c.population.value.toLocaleString('vi-VN') : '—',
          percent(c.share),
          c.gap == null ? '' : c.gap.toLocaleString('vi-VN'),
          (STATUS_VI[c.status] ?? c.status) + (c.exceedsPopulation ? ' (vượt số dân)' : ''),
          c.population ? `${c.population.source} (${c.population.period})` : '',
        ],
        row.total ? 'bold' : 'regular',
      );
    }
  });

  doc.moveDown(1);
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('bold').fontSize(10).text('Cách tính', left, doc.y, { width });
  for (const note of NOTES(data, meta)) doc.font('regular').fontSize(9).text(`– ${note}`, { width });
  doc.moveDown(0.6);
  doc
    .font('regular')
    .fontSize(8.5)
    .text(`Lần lập: ${meta.revision}. Mã kiểm tra (SHA-256) của số liệu: ${meta.checksum}`, { width });
  doc.end();
  return done;
}
