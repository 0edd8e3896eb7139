import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import {
  POPULATION_COLUMNS,
  type PopulationColumn,
  populationColumnOf,
  type PopulationRecord,
  ValidationError,
} from '@hocvuso/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** The media type of an XLSX workbook (the upload's Content-Type). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most this many data rows per sheet (a province has a few thousand units × groups × sub-groups). */
export const MAX_SHEET_ROWS = 20_000;
/** An XLSX may unpack to at most this many times its size (and never more than 100 MB): a zip bomb is refused. */
const UNPACK_RATIO = 20;
const UNPACK_CEILING = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;

export interface PopulationSheet {
  format: 'csv' | 'xlsx';
  records: PopulationRecord[];
}

/**
 * Reads an uploaded population sheet into records by canonical column (docs/populations.md): a CSV (UTF-8, BOM
 * or not) sent as text/csv, or an XLSX workbook (its first worksheet) sent as raw bytes. Header aliases are
 * accepted (`Mã đơn vị`, `Số lượng`…); other columns (a unit's name, notes) are ignored. A file that is not a
 * sheet, too big, without the needed columns or with too many rows is one clear 400; row problems are the
 * domain check's (checkPopulationRows).
 */
export async function readPopulationSheet(body: unknown, maxBytes: number): Promise<PopulationSheet> {
  if (Buffer.isBuffer(body)) return { format: 'xlsx', records: await readXlsx(body, maxBytes) };
  // Types parsed as a raw stream for other routes (a course zip, a material's bytes) are not a sheet: 415, and
  // the bytes are drained unread.
  if (body instanceof Readable) {
    body.resume();
    throw new UnsupportedMediaTypeException(
      `Send the sheet as text/csv (UTF-8) or as an XLSX workbook (${XLSX_MEDIA_TYPE}).`,
    );
  }
  if (typeof body === 'string' && body.trim() !== '') {
    if (Buffer.byteLength(body) > maxBytes) throw tooLarge(maxBytes);
    return { format: 'csv', records: readCsv(body) };
  }
  throw new ValidationError(
    'SHEET_REQUIRED',
    `Send the sheet as text/csv (UTF-8) or as an XLSX workbook (${XLSX_MEDIA_TYPE}), with a header row.`,
  );
}

const tooLarge = (maxBytes: number) =>
  new ValidationError('SHEET_TOO_LARGE', `The sheet is larger than ${maxBytes} bytes.`, { maxBytes });

function readCsv(text: string): PopulationRecord[] {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    throw new ValidationError(
      'CSV_MALFORMED',
      `The file is not valid CSV: ${(e as Error).message.split('\n')[0]!.slice(0, 200)}`,
    );
  }
  const [header, ...data] = rows;
  if (!header) throw new ValidationError('SHEET_EMPTY', 'The sheet has no header row.');
  const columns = columnsOf(header.record);
  if (data.length > MAX_SHEET_ROWS) throw tooManyRows();
  return data
    .filter((r) => r.record.some((c) => c.trim() !== ''))
    .map((r) => ({ line: r.info.lines, cells: cellsOf(columns, r.record) }));
}

const tooManyRows = () =>
  new ValidationError('SHEET_TOO_MANY_ROWS', `At most ${MAX_SHEET_ROWS} rows per sheet.`, {
    max: MAX_SHEET_ROWS,
  });

/** The canonical column of each header cell (undefined: ignored); missing or repeated columns are refused. */
function columnsOf(header: readonly unknown[]): Array<PopulationColumn | undefined> {
  const columns = header.map((h) => (typeof h === 'string' ? populationColumnOf(h) : undefined));
  const present = columns.filter((c): c is PopulationColumn => c !== undefined);
  const repeated = present.filter((c, i) => present.indexOf(c) !== i);
  if (repeated.length > 0)
    throw new ValidationError(
      'SHEET_COLUMNS_REPEATED',
      `These columns appear twice in the header row: ${[...new Set(repeated)].join(', ')}.`,
      { repeated: [...new Set(repeated)] },
    );
  const required: PopulationColumn[] = ['target_group', 'period', 'source', 'count'];
  const missing = required.filter((c) => !present.includes(c));
  if (!present.includes('unit_code') && !present.includes('organisation_code')) missing.unshift('unit_code');
  if (missing.length > 0)
    throw new ValidationError('SHEET_COLUMNS_MISSING', `The header row lacks: ${missing.join(', ')}.`, {
      missing,
      expected: POPULATION_COLUMNS,
    });
  return columns;
}

function cellsOf(
  columns: ReadonlyArray<PopulationColumn | undefined>,
  values: readonly unknown[],
): PopulationRecord['cells'] {
  const cells: PopulationRecord['cells'] = {};
  columns.forEach((c, i) => {
    if (c) cells[c] = values[i];
  });
  return cells;
}

/** What an XLSX cell holds, as a number or text: a formula's cached result, rich text joined, a date's day. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return cellValue((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return String(v.error);
  }
  return '';
}

async function readXlsx(bytes: Buffer, maxBytes: number): Promise<PopulationRecord[]> {
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    throw new ValidationError(
      'SHEET_NOT_XLSX',
      'The file is not an XLSX workbook (an XLSX file is a ZIP archive starting with "PK").',
    );
  checkZip(bytes, Math.min(UNPACK_CEILING, maxBytes * UNPACK_RATIO));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new ValidationError('SHEET_UNREADABLE', 'The XLSX workbook could not be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ValidationError('SHEET_EMPTY', 'The workbook has no worksheet.');
  const rows: Array<{ line: number; values: unknown[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: unknown[] = [];
    for (let i = 1; i <= row.cellCount; i += 1) values.push(cellValue(row.getCell(i).value));
    if (values.some((v) => v !== '')) rows.push({ line: rowNumber, values });
  });
  const [header, ...data] = rows;
  if (!header) throw new ValidationError('SHEET_EMPTY', 'The sheet has no header row.');
  const columns = columnsOf(header.values.map((v) => (typeof v === 'string' ? v : String(v))));
  if (data.length > MAX_SHEET_ROWS) throw tooManyRows();
  return data.map((r) => ({ line: r.line, cells: cellsOf(columns, r.values) }));
}

/**
 * Walks the ZIP's central directory and inflates every entry with a hard output cap, before the workbook
 * library sees the file: the unpacked total may not exceed `budget` bytes (a zip bomb is refused, whatever
 * sizes its headers claim), only stored and deflated entries are read, and it must be an XLSX package
 * (`[Content_Types].xml` and `xl/workbook.xml`).
 */
export function checkZip(zip: Buffer, budget: number): void {
  const notXlsx = (why: string) =>
    new ValidationError('SHEET_NOT_XLSX', `The file is not an XLSX workbook: ${why}.`);
  const bomb = () =>
    new ValidationError(
      'SHEET_UNPACKS_TOO_LARGE',
      `The workbook unpacks to more than ${budget} bytes: it is refused (a compressed "zip bomb"?).`,
      { budget },
    );
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i -= 1)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notXlsx('the ZIP archive has no central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw notXlsx('ZIP64 archives are not accepted');
  if (entries > MAX_ZIP_ENTRIES) throw notXlsx(`more than ${MAX_ZIP_ENTRIES} entries`);
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n += 1) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50)
      throw notXlsx('a broken central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    names.add(zip.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw notXlsx('a broken entry');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw notXlsx('a truncated entry');
    const data = zip.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget - total + 1) }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw bomb();
        throw notXlsx('an entry does not unpack');
      }
    } else throw notXlsx(`an entry uses ZIP compression method ${method}`);
    total += size;
    if (total > budget) throw bomb();
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
    throw notXlsx('a ZIP archive, but not a spreadsheet package');
}
