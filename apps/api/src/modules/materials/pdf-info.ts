import { inflateSync } from 'node:zlib';

/**
 * Page count and searchable text of a PDF, without poppler (absent in production) or a PDF library (pdfjs-dist 5
 * and unpdf need Node 22; we run Node 20): pages are the `/Type /Page` objects; text is the strings shown by
 * `Tj`/`TJ`/`'`/`"` in the (Flate-decoded) content streams, read as Latin-1/WinAnsi. Text drawn with embedded
 * subset fonts (glyph ids) is not recoverable this way and is left out: search then has the title only.
 */
export function pdfInfo(bytes: Buffer): { pageCount: number; text: string } {
  const raw = bytes.toString('latin1');
  const parts: string[] = [raw];
  const stream = /(?<!end)stream\r?\n/g;
  for (let m = stream.exec(raw); m; m = stream.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dict = raw.slice(Math.max(0, raw.lastIndexOf('<<', m.index)), m.index);
    if (/\/FlateDecode/.test(dict)) {
      try {
        parts.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
      } catch {
        // A stream we cannot inflate (truncated, or another filter first) holds no text we can read.
      }
    }
    stream.lastIndex = end;
  }
  const all = parts.join('\n');
  const pageCount = (all.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const texts: string[] = [];
  for (const content of parts.slice(1).concat(parts[0]!)) {
    for (const block of content.match(/BT[\s\S]*?ET/g) ?? []) {
      let line = '';
      // Strings, the operators that move to a new line, and numbers (a TJ offset of -200 or less is a word gap).
      const token = /\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w*.])(?:T\*|Td|TD|-\d+(?:\.\d+)?)(?![\w*])/g;
      for (let t = token.exec(block); t; t = token.exec(block)) {
        const s = t[0];
        if (s.startsWith('(')) line += unescapeLiteral(s.slice(1, -1));
        else if (s.startsWith('<')) line += hexString(s.slice(1, -1));
        else if (s === 'T*' || s === 'Td' || s === 'TD' || Number(s) <= -200) line += ' ';
      }
      if (line.trim()) texts.push(line.replace(/\s+/g, ' ').trim());
    }
  }
  return { pageCount, text: texts.join('\n').normalize('NFC').slice(0, 200_000) };
}

function unescapeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) =>
    /^[0-7]/.test(c)
      ? String.fromCharCode(parseInt(c, 8))
      : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c),
  );
}

function hexString(h: string): string {
  const clean = h.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 1 < clean.length; i += 2)
    out += String.fromCharCode(parseInt(clean.slice(i, i + 2), 16));
  return out;
}
