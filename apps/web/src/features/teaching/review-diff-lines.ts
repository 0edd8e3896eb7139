import type { StudioReview } from '../../api/teaching-api';

type DiffLine = NonNullable<StudioReview['diff'][number]['lines']>[number];

/** What the reviewer's page shows of one lesson's line diff: changed lines, a little context, and gaps. */
export type ShownLine = { kind: 'line'; op: DiffLine['op']; text: string } | { kind: 'gap'; count: number };

/**
 * Keeps the added and removed lines and `context` unchanged lines on each side of them; every longer run of
 * unchanged lines becomes one gap ("12 unchanged lines"). A changed lesson's diff is its whole pretty-printed
 * JSON, so without this a one-word fix in a long lesson would bury the change in a phone-length scroll.
 */
export function shownLines(lines: readonly DiffLine[], context = 2): ShownLine[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.op === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) near[j] = true;
  });
  const out: ShownLine[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (gap > 0) out.push({ kind: 'gap', count: gap });
      gap = 0;
      out.push({ kind: 'line', op: line.op, text: line.text });
    } else gap += 1;
  });
  if (gap > 0) out.push({ kind: 'gap', count: gap });
  return out;
}
