/**
 * The element id a link's fragment names (`#D1.2` → `D1.2`), percent-decoded. A fragment that is not valid
 * percent-encoding (`#%E0`, a hand-edited or truncated link) names nothing rather than throwing while the page renders.
 */
export function fragmentTarget(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}
