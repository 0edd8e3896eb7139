/** The selection with `code` added (`on`) or removed, in the order of `all`, without duplicates. */
export function toggleCode<T extends string>(
  list: readonly string[],
  code: T,
  on: boolean,
  all: readonly T[],
): T[] {
  const chosen = new Set<string>(list);
  if (on) chosen.add(code);
  else chosen.delete(code);
  return all.filter((c) => chosen.has(c));
}
