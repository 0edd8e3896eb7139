/**
 * At most `slots` calls of the returned runner do their work at once in this process; the others wait their turn,
 * first come, first served. For CPU- or memory-heavy work (probing videos, unpacking course archives) that only
 * gets slower, for everyone, when more of it runs at once.
 */
export function concurrencyLimit(slots: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
