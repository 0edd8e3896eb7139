import { stripInvisible } from './question';
/** A piece of a lesson the assistant may quote: the heading it sits under and its plain text. */
export interface LessonPassage {
  heading: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of sanitised lesson HTML: block ends become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h[1-6]|blockquote|pre|tr|div|ul|ol)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n')
    .normalize('NFC');
}

/** The lines under each heading of sanitised lesson HTML (`<h2>`/`<h3>` start a section). */
function sections(title: string, html: string): LessonPassage[] {
  const out: LessonPassage[] = [];
  const parts = html.split(/(<h[1-4][^>]*>[\s\S]*?<\/h[1-4]>)/i);
  let heading = title;
  for (const part of parts) {
    if (/^<h[1-4]/i.test(part)) {
      heading = htmlToText(part) || title;
      continue;
    }
    const text = htmlToText(part);
    if (text) out.push({ heading, text });
  }
  return out;
}

/**
 * A lesson split into passages of at most about `maxChars` characters, cut between lines (paragraphs, list items)
 * and, for a longer line, between sentences; each passage keeps its section heading. A lesson without text still
 * has one passage, its title, so a question naming the lesson finds it.
 */
export function splitLesson(
  lesson: {
    title: string;
    html: string;
    items?: readonly string[];
    /** The text read from a document lesson's file (plain text), searched under the file's name. */
    document?: { name: string; text: string };
  },
  maxChars = 700,
): LessonPassage[] {
  const parts = sections(lesson.title, lesson.html);
  if (lesson.items && lesson.items.length > 0)
    parts.push({
      heading: lesson.title,
      text: lesson.items.map((i) => `• ${i.normalize('NFC')}`).join('\n'),
    });
  const documentText = lesson.document ? documentLines(lesson.document.text) : '';
  if (documentText)
    parts.push({ heading: `${lesson.title}: ${lesson.document!.name.normalize('NFC')}`, text: documentText });
  const out: LessonPassage[] = [];
  for (const { heading, text } of parts) {
    let current = '';
    const flush = () => {
      if (current.trim()) out.push({ heading, text: current.trim() });
      current = '';
    };
    for (const line of text.split('\n')) {
      const pieces = line.length > maxChars ? splitSentences(line) : [line];
      for (const piece of pieces) {
        if (current && current.length + piece.length + 1 > maxChars) flush();
        current = current ? `${current}${pieces.length > 1 ? ' ' : '\n'}${piece}` : piece;
      }
    }
    flush();
  }
  return out.length > 0 ? out : [{ heading: lesson.title, text: lesson.title }];
}

/** Sentences of a passage: cut after `. ! ? …` followed by a space, and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.!?…])\s+(?=\S)/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** At most this much of a document's text is indexed (about a hundred passages). */
export const DOCUMENT_TEXT_MAX_CHARS = 60_000;

/**
 * A document's extracted text as passage lines: NFC, control, zero-width and direction characters removed, spaces
 * collapsed, blank lines dropped, cut at {@link DOCUMENT_TEXT_MAX_CHARS}.
 */
function documentLines(text: string): string {
  return stripInvisible(text.slice(0, DOCUMENT_TEXT_MAX_CHARS).normalize('NFC'))
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
