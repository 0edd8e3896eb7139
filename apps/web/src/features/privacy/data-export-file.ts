/**
 * The downloaded file's name, `hocvuso-data-2026-11-28.json`: the day the export was made, as the api names
 * it in its Content-Disposition (so a saved link and the page's button give the same name).
 */
export function dataExportFileName(generatedAt: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(generatedAt)?.[1];
  return day ? `hocvuso-data-${day}.json` : 'hocvuso-data.json';
}

/** The file's text: the export exactly as the api sent it, indented so a person can read it, UTF-8. */
export function dataExportFileText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
