/**
 * The name a teacher's video file is shown under (metadata only: storage keys are made by the server). The
 * folder part is dropped, control, zero-width and bidi-override characters are removed, the text is NFC and at
 * most 200 characters; an empty result becomes `video`.
 */
export function cleanVideoName(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu, '')
    .replace(/^\.+/, '')
    .trim();
  return [...clean].slice(0, 200).join('').trim() || 'video';
}
