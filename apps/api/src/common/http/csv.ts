import { ValidationError } from '@hocvuso/domain';
import { parse } from 'csv-parse/sync';

/** Parses an uploaded CSV (UTF-8, header row, BOM tolerated) into records; a broken file is one clear 400. */
export function parseCsv(body: unknown, required: string[], maxRows = 20_000): Array<Record<string, string>> {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new ValidationError('CSV_REQUIRED', 'Send the file as text/csv with a header row.');
  }
  let records: Array<Record<string, string>>;
  try {
    records = parse(body, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (e) {
    throw new ValidationError('CSV_MALFORMED', `The file is not valid CSV: ${(e as Error).message.split('\n')[0]}`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    throw new ValidationError('CSV_COLUMNS_MISSING', `The header row lacks: ${missing.join(', ')}.`, { missing, expected: required });
  }
  if (records.length > maxRows) throw new ValidationError('CSV_TOO_MANY_ROWS', `At most ${maxRows} rows per file.`);
  return records;
}
