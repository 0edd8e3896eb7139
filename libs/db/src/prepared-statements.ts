import { createHash } from 'node:crypto';

/**
 * Hot statements that run as named prepared statements on each pooled connection.
 *
 * node-postgres sends every parameterised query as an unnamed statement, so Postgres parses and plans it at every
 * execution. For the long statements of the learner's hot paths, planning cost more than running: in a quiz burst
 * of 2,000 learners, opening a lesson spent 4.9 ms planning against 0.4 ms executing, and a submission 2.5 ms
 * against 4.1 ms (pg_stat_statements with `track_planning`; docs/performance.md). A named statement is parsed once
 * per connection, and after five executions Postgres keeps its generic plan when that is no worse than the custom
 * ones, so planning stops.
 *
 * A query module marks such a statement with `prepared(name, text)` once, as a module constant beside the function
 * that runs it (so a call does no more than pass the string); the pool's client
 * (`ResilientClient`) looks each query's text up here and sends a marked one by name. Nothing else changes for the
 * caller: a TypeORM manager, a DataSource and a transaction all run the same text.
 *
 * Rules for a marked statement:
 * - its text is built only from constants (every value a parameter), so it has a fixed set of variants;
 * - its top-level result columns are named, never `*` or `t.*`: a migration that adds a column to a table
 *   while the api runs would otherwise fail a prepared statement with "cached plan must not change result type"
 *   (Postgres re-plans a prepared statement after DDL by itself; only the row type of its result must not change).
 *
 * `DB_PREPARED_STATEMENTS=off` sends every statement unnamed again (for a transaction-mode pgbouncer older than
 * 1.21, which cannot carry named statements; 1.21 and later can with `max_prepared_statements`).
 */
const byText = new Map<string, string>();

/** At most this many marked texts (a guard against a text built from values, which would grow without end). */
const MAX_MARKED = 500;

/** Marks `text` as a hot statement to prepare, under a name made of `name` and the text's digest; gives `text`. */
export function prepared(name: string, text: string): string {
  if (!byText.has(text) && byText.size < MAX_MARKED) {
    const digest = createHash('sha1').update(text).digest('hex').slice(0, 12);
    byText.set(text, `hvs_${name}_${digest}`);
  }
  return text;
}

/** The statement name of a marked text, or undefined for any other query. */
export function preparedNameOf(text: string): string | undefined {
  return byText.get(text);
}
