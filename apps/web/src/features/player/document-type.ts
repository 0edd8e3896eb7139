/** Short names learners recognise for common document types. */
const KNOWN: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/epub+zip': 'EPUB',
  'text/plain': 'TXT',
  'text/html': 'HTML',
};

/**
 * The type of a document as shown on its button: "PDF", "Word", … for known media types, else the
 * file extension in capitals ("ZIP"), else undefined (the caller then names no type).
 */
export function documentTypeLabel(mediaType: string, src: string): string | undefined {
  const known = KNOWN[mediaType.split(';')[0]!.trim().toLowerCase()];
  if (known) return known;
  const ext = /\.([a-z0-9]{1,8})(?:[?#].*)?$/i.exec(src)?.[1];
  return ext ? ext.toUpperCase() : undefined;
}
