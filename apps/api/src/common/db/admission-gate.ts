/**
 * At most `limit` pieces of work at once; the others wait their turn in arrival order, without a deadline. Put in
 * front of a transaction that a crowd runs at once (a quiz burst), it keeps the crowd from holding every pooled
 * connection: the rest of the api (session checks, reads) still finds free ones, and the crowd waits here, in order,
 * instead of failing after the pool's acquire timeout (`DB_POOL_ACQUIRE_TIMEOUT_MS`) with a 503.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new Error('AdmissionGate: the limit must be at least 1');
  }

  /** Work running now, and work waiting for its turn. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((admit) => this.waiting.push(admit));
    else this.running++;
    try {
      return await work();
    } finally {
      // The slot passes to the next in line (running stays the same), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The gate's limit for a pool of `poolMax` connections: half of it, so the other half stays for everything else. */
export const admissionLimit = (poolMax: number): number => Math.max(1, Math.floor(poolMax / 2));
