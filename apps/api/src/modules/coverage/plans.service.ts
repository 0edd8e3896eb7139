import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CoveragePlanRow, plan, plans, type Queryable } from '@hocvuso/db';
import type { CoveragePlanDefinition } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';

/** How long a read of coverage_plans is reused (plans change only with `npm run content:import`). */
export const PLANS_CACHE_MS = 60_000;

/**
 * The coverage plans in force (content/indicators/, imported into coverage_plans), cached in process for a
 * minute: dashboards and the `trained` rule read them on every request. `refresh()` forgets the cache (tests,
 * after an import in the same process).
 */
@Injectable()
export class PlansService {
  private cached: { at: number; rows: Promise<CoveragePlanRow[]> } | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every plan in force, by id. Inside a transaction pass its manager: a cache miss is then read on it (never on
   * a second pooled connection).
   */
  async all(db: Queryable = this.db): Promise<CoveragePlanDefinition[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > PLANS_CACHE_MS) {
      const rows = plans(db);
      this.cached = { at: now, rows };
      // a failed read is not cached
      rows.catch(() => {
        if (this.cached?.rows === rows) this.cached = null;
      });
    }
    return (await this.cached.rows).map((r) => r.definition);
  }

  /**
   * The plans in force as imported right now, read past the cache (a report freezes exactly the imported plan
   * and its version); the cache takes the fresh read.
   */
  async current(): Promise<CoveragePlanRow[]> {
    const rows = plans(this.db);
    const read = await rows;
    this.cached = { at: Date.now(), rows };
    return read;
  }

  /** A plan in force by id; absent id: the first plan (by id). Undefined when there is none. */
  async get(id?: string): Promise<CoveragePlanDefinition | undefined> {
    const all = await this.all();
    return id === undefined ? all[0] : all.find((p) => p.id === id);
  }

  /** A plan by id, retired plans included (a report of an old period names its plan). Not cached. */
  async anyById(id: string): Promise<CoveragePlanDefinition | undefined> {
    return (await plan(this.db, id))?.definition;
  }

  refresh(): void {
    this.cached = null;
  }
}
