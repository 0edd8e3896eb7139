/**
 * The pure parts of read-aloud (docs/read-aloud.md): which way a lesson can be read aloud on this device, the
 * lesson's text in pieces a speech synthesiser reads reliably, and the clock shown beside the narration.
 */

/** A voice as `speechSynthesis.getVoices()` lists it (only what the choice needs). */
export interface VoiceLike {
  lang: string;
  name: string;
  localService?: boolean;
  default?: boolean;
}

/**
 * The voice for a lesson's language: its tag matches the language as a prefix (`vi` finds `vi-VN`, `vi_VN`),
 * a voice on the device before a network one (it works offline and costs no data), the default voice first.
 */
export function voiceFor<V extends VoiceLike>(voices: readonly V[], language: string): V | undefined {
  const want = language.toLowerCase();
  const matching = voices.filter((v) => {
    const tag = v.lang.toLowerCase().replace(/_/g, '-');
    return tag === want || tag.startsWith(`${want}-`);
  });
  const rank = (v: V) => (v.localService === false ? 2 : 0) + (v.default ? 0 : 1);
  return [...matching].sort((a, b) => rank(a) - rank(b))[0];
}

/** Control characters (but tab and line breaks), zero-width and bidi marks, BOM: never read out. */
const UNSPOKEN = (c: number) =>
  (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
  c === 0x7f ||
  (c >= 0x200b && c <= 0x200f) ||
  (c >= 0x2028 && c <= 0x202e) ||
  c === 0x2060 ||
  c === 0xfeff;

/** Longest piece given to one utterance: Chrome stops long utterances after about 15 s. */
export const SPEECH_CHUNK_MAX = 220;

/**
 * The lesson's text in pieces for speech: one sentence each where it fits (split after . ! ? … ; : and line
 * breaks), long sentences cut at a comma or a space, never inside a word; no empty pieces; zero-width and
 * control characters dropped (they make some voices read odd sounds).
 */
export function speechChunks(text: string, max = SPEECH_CHUNK_MAX): string[] {
  const clean = [...text.normalize('NFC')]
    .filter((ch) => !UNSPOKEN(ch.codePointAt(0)!))
    .join('')
    .replace(/[ \t]+/g, ' ');
  const sentences = clean
    .split(/(?<=[.!?…;:])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  const chunks: string[] = [];
  for (const sentence of sentences) {
    let rest = sentence;
    while (rest.length > max) {
      const head = rest.slice(0, max);
      const comma = head.lastIndexOf(', ');
      const space = head.lastIndexOf(' ');
      const cut = comma > max / 2 ? comma + 1 : space > 0 ? space : max;
      chunks.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (rest) chunks.push(rest);
  }
  return chunks;
}

/** The text a speech synthesiser reads from the lesson's sanitised HTML: block by block, no markup. */
export function lessonSpeechText(html: string): string {
  if (typeof DOMParser === 'undefined') return html.replace(/<[^>]*>/g, ' ');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Each block on its own line, so a heading or a list item is never read as one sentence with the next.
  doc.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, td, th, br, blockquote').forEach((el) => {
    el.append(doc.createTextNode('\n'));
  });
  return doc.body.textContent ?? '';
}

/** `m:ss` (or `h:mm:ss`) of a time in seconds, for the narration clock. */
export function clock(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The speeds offered for the narration and for the synthesised voice. */
export const READ_ALOUD_SPEEDS = [0.75, 1, 1.25, 1.5] as const;
