/** One sample of the Prometheus text exposition format (version 0.0.4). */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export class ExpositionError extends Error {}

function parseValue(raw: string, line: number): number {
  // As Prometheus reads them (Go's ParseFloat): NaN and Inf in any case (prom-client writes `Nan`).
  if (/^nan$/i.test(raw)) return NaN;
  if (/^\+?inf$/i.test(raw)) return Infinity;
  if (/^-inf$/i.test(raw)) return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw))
    throw new ExpositionError(`line ${line}: "${raw}" is not a sample value`);
  return Number(raw);
}

/** `{a="1",b="x\"y"}` from position `i` (at the brace); returns the labels and the position after `}`. */
function parseLabels(text: string, i: number, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  i++;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new ExpositionError(`line ${line}: a label without "="`);
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new ExpositionError(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new ExpositionError(`line ${line}: label "${name}" twice`);
    if (text[eq + 1] !== '"') throw new ExpositionError(`line ${line}: label "${name}" is not quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new ExpositionError(`line ${line}: bad escape in label "${name}"`);
      } else value += text[j];
    }
    if (j >= text.length) throw new ExpositionError(`line ${line}: label "${name}" is not closed`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new ExpositionError(`line ${line}: expected "," or "}" after a label`);
  }
  return [labels, i + 1];
}

/**
 * A strict reader of the text format: every line must be a HELP, a TYPE, a comment, blank, or a sample of a
 * family whose TYPE came first (with the suffixes its type allows); the text ends with a newline. Throws
 * ExpositionError naming the line otherwise. For tests and tools; Prometheus itself is the real reader.
 */
export function parseExposition(text: string): Sample[] {
  if (text.length > 0 && !text.endsWith('\n')) throw new ExpositionError('the text must end with a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new ExpositionError(`line ${line}: bad metric name "${name}"`);
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new ExpositionError(`line ${line}: unknown type "${rest}"`);
        if (types.has(name)) throw new ExpositionError(`line ${line}: a second TYPE for ${name}`);
        types.set(name, rest);
      }
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) throw new ExpositionError(`line ${line}: not a sample: "${raw.slice(0, 80)}"`);
    const name = raw.slice(0, nameEnd);
    if (!NAME.test(name)) throw new ExpositionError(`line ${line}: bad metric name "${name}"`);
    let [labels, i]: [Record<string, string>, number] = [{}, nameEnd];
    if (raw[i] === '{') [labels, i] = parseLabels(raw, i, line);
    if (raw[i] !== ' ') throw new ExpositionError(`line ${line}: expected a space before the value`);
    const parts = raw.slice(i + 1).split(' ');
    if (parts.length > 2 || parts[0] === '')
      throw new ExpositionError(`line ${line}: expected "value [timestamp]"`);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1]))
      throw new ExpositionError(`line ${line}: bad timestamp "${parts[1]}"`);
    const family = [...types.entries()].find(([f, type]) =>
      (SUFFIXES[type] ?? ['']).some((s) => f + s === name),
    );
    if (!family) throw new ExpositionError(`line ${line}: sample ${name} has no TYPE before it`);
    samples.push({ name, labels, value: parseValue(parts[0]!, line) });
  });
  return samples;
}
