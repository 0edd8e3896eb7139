import { inflateRawSync } from 'node:zlib';

/**
 * A second XLSX reader, independent of exceljs (which writes the reports): the ZIP's central directory read by
 * hand, entries inflated with node:zlib, and the sheet XML read for what a spreadsheet application that trusts
 * stored values shows: each cell's type, its stored (cached) value and its formula if any. Enough for the
 * report files (one sheet, shared and inline strings, numbers); not a general reader.
 */

export interface SheetCell {
  ref: string;
  /** The `t` attribute: `s` shared string, `inlineStr`, `str` formula string, `b`, `e`, or `n` (number). */
  type: string;
  /** The stored value as the file holds it (the cached result for a formula cell), decoded. */
  value: string | number | null;
  formula: string | null;
}

/** The files of a ZIP archive by name (stored or deflated entries). */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i += 1) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new Error(`unsupported compression ${method} for ${name}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** The text of every `<t>` inside a fragment (a shared string or an inline string, rich text included). */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');

/** The cells of a workbook's sheet (by its name in workbook.xml), in document order. */
export function readSheet(xlsx: Buffer, sheetName: string): SheetCell[] {
  const files = unzip(xlsx);
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) throw new Error('not a workbook');
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => unescapeXml(/\bname="([^"]*)"/.exec(tag)?.[1] ?? '') === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rid = /\br:id="([^"]+)"/.exec(sheet)![1]!;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => tag.includes(`Id="${rid}"`))!;
  const target = /\bTarget="([^"]+)"/.exec(rel)![1]!.replace(/^\/?(xl\/)?/, '');
  const xml = files.get(`xl/${target}`)?.toString('utf8');
  if (!xml) throw new Error(`missing sheet part ${target}`);
  const shared = [
    ...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((m) => textOf(m[1]!));

  const cells: SheetCell[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[1]!;
    const body = m[2] ?? '';
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs)![1]!;
    const type = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
    const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    let value: string | number | null = null;
    if (type === 'inlineStr') value = textOf(body);
    else if (v !== undefined)
      value = type === 's' ? shared[Number(v)]! : type === 'str' || type === 'e' ? unescapeXml(v) : Number(v);
    cells.push({ ref, type, value, formula: f ? unescapeXml(f[1] ?? '') : null });
  }
  return cells;
}

/** Rows of cells by row number, each row's cells by column letters. */
export function sheetRows(cells: SheetCell[]): Map<number, Map<string, SheetCell>> {
  const rows = new Map<number, Map<string, SheetCell>>();
  for (const c of cells) {
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(c.ref)!;
    const r = rows.get(Number(row)) ?? new Map<string, SheetCell>();
    r.set(col!, c);
    rows.set(Number(row), r);
  }
  return rows;
}
