/**
 * The difference between the published version of a studio course and its draft, lesson by lesson (matched by
 * their stable key), with a line diff of each changed lesson's text for the reviewer. A small LCS line diff
 * (the `diff` package is only a transitive dependency here): lessons are bounded by the draft schema, and a
 * lesson whose line product is too large is reported as changed without line detail.
 */
export interface DiffLine {
  readonly op: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface LessonDiff {
  readonly key: string;
  readonly title: string;
  readonly change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** For added, removed and changed lessons; undefined when too large to diff line by line. */
  readonly lines?: readonly DiffLine[];
}

export interface DiffableLesson {
  readonly key: string;
  readonly title: { readonly vi?: string; readonly en?: string };
}

/** The most line pairs compared for one lesson (keeps the diff O(1 MB) per lesson). */
export const MAX_DIFF_CELLS = 1_000_000;

/** One lesson as lines of text: its fields in a stable order, pretty-printed. */
export function lessonLines(lesson: unknown): string[] {
  return JSON.stringify(lesson, null, 2).split('\n');
}

/** A line diff of two texts (longest common subsequence); undefined when too large. */
export function lineDiff(before: readonly string[], after: readonly string[]): DiffLine[] | undefined {
  const n = before.length;
  const m = after.length;
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return undefined;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  const at = (i: number, j: number): number => lcs[i * w + j] ?? 0;
  const b = (i: number): string => before[i] ?? '';
  const a = (j: number): string => after[j] ?? '';
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * w + j] = b(i) === a(j) ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (b(i) === a(j)) {
      out.push({ op: 'same', text: b(i) });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) out.push({ op: 'removed', text: b(i++) });
    else out.push({ op: 'added', text: a(j++) });
  }
  while (i < n) out.push({ op: 'removed', text: b(i++) });
  while (j < m) out.push({ op: 'added', text: a(j++) });
  return out;
}

const titleOf = (l: DiffableLesson) => l.title.vi || l.title.en || l.key;

/** Lessons of the draft in order, then the published lessons the draft removed. */
export function draftDiff(
  published: readonly DiffableLesson[],
  draft: readonly DiffableLesson[],
): LessonDiff[] {
  const before = new Map(published.map((l) => [l.key, l]));
  const draftKeys = new Set(draft.map((l) => l.key));
  const out: LessonDiff[] = [];
  for (const lesson of draft) {
    const old = before.get(lesson.key);
    const after = lessonLines(lesson);
    if (!old) {
      out.push({ key: lesson.key, title: titleOf(lesson), change: 'added', lines: lineDiff([], after) });
      continue;
    }
    const was = lessonLines(old);
    const same = was.length === after.length && was.every((line, i) => line === after[i]);
    out.push(
      same
        ? { key: lesson.key, title: titleOf(lesson), change: 'unchanged' }
        : { key: lesson.key, title: titleOf(lesson), change: 'changed', lines: lineDiff(was, after) },
    );
  }
  for (const old of published)
    if (!draftKeys.has(old.key))
      out.push({
        key: old.key,
        title: titleOf(old),
        change: 'removed',
        lines: lineDiff(lessonLines(old), []),
      });
  return out;
}
