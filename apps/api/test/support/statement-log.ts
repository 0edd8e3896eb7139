import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

interface PgClientLike {
  query: (...args: unknown[]) => unknown;
}
interface PgPoolLike {
  on(event: 'acquire', listener: (client: PgClientLike) => void): void;
}

const WRAPPED = Symbol('statement-log');

/**
 * Counts the SQL statements the api sends to Postgres: every client its pool hands out gets its `query` wrapped,
 * so BEGIN and COMMIT count as statements like any other. `during` answers the statements sent while `work` ran
 * (run it alone: nothing else should use the api meanwhile).
 */
export function statementLog(t: TestApp): { during(work: () => Promise<unknown>): Promise<string[]> } {
  const ds = t.app.get<DataSource>(getDataSourceToken());
  const pool = (ds.driver as unknown as { master: PgPoolLike }).master;
  const seen: string[] = [];
  let recording = false;
  pool.on('acquire', (client) => {
    const marked = client as PgClientLike & { [WRAPPED]?: true };
    if (marked[WRAPPED]) return;
    marked[WRAPPED] = true;
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      if (recording) {
        const first = args[0];
        seen.push(typeof first === 'string' ? first : String((first as { text?: string })?.text));
      }
      return query(...args);
    };
  });
  return {
    async during(work) {
      seen.length = 0;
      recording = true;
      try {
        await work();
      } finally {
        recording = false;
      }
      return seen.map((s) => s.replace(/\s+/g, ' ').trim());
    },
  };
}
