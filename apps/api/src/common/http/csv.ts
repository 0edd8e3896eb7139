import { neutraliseCsvCell, ValidationError } from '@hocvuso/domain';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Parses an uploaded CSV (UTF-8, header row, BOM tolerated) into records; a broken file is one clear 400. */
export function parseCsv(body: unknown, required: string[], maxRows = 20_000): Array<Record<string, string>> {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new ValidationError('CSV_REQUIRED', 'Send the file as text/csv with a header row.');
  }
  let records: Array<Record<string, string>>;
  try {
    records = parse(body, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    });
  } catch (e) {
    throw new ValidationError(
      'CSV_MALFORMED',
      `The file is not valid CSV: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const header = Object.keys(records[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    throw new ValidationError('CSV_COLUMNS_MISSING', `The header row lacks: ${missing.join(', ')}.`, {
      missing,
      expected: required,
    });
  }
  if (records.length > maxRows)
    throw new ValidationError('CSV_TOO_MANY_ROWS', `At most ${maxRows} rows per file.`);
  return records;
}

/**
 * Sends rows as a UTF-8 CSV download (BOM first, so spreadsheet programs read Vietnamese right). Every cell
 * is neutralised: text a spreadsheet would run as a formula (= + - @, tab, CR) is made plain text.
 */
export function sendCsv(reply: FastifyReply, filename: string, header: string[], rows: unknown[][]): void {
  const csv = '\uFEFF' + stringify([header, ...rows.map((r) => r.map(neutraliseCsvCell))]);
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

/**
 * Streams rows as a UTF-8 CSV download (BOM first), a batch at a time as `batches` yields them, so a long list
 * never sits whole in memory. Cells are neutralised as in sendCsv. Everything that can refuse (scope, filters)
 * must have done so before: once the first byte is out, a failure can only cut the download short.
 */
export function streamCsv(
  reply: FastifyReply,
  filename: string,
  header: string[],
  batches: AsyncIterable<unknown[][]>,
): FastifyReply {
  async function* lines() {
    yield '\uFEFF' + stringify([header]);
    for await (const rows of batches) yield stringify(rows.map((r) => r.map(neutraliseCsvCell)));
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines()));
}
