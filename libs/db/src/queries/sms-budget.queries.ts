import { execute, type Queryable, selectOne } from './queryable';

/**
 * The daily SMS caps (docs/sms.md, "Cost caps"): one counter per scope (`user:<id>`, `phone:<E.164>`,
 * `global`) and Vietnam calendar day. Taking budget is one conditional upsert per scope inside the caller's
 * transaction: the row lock of the upsert serialises parallel requests, and the `WHERE count < cap` is checked
 * against the latest committed count, so N parallel requests never take more than the cap. When one scope is
 * full the caller throws and its transaction (counters and outbox row together) rolls back.
 */

/** The Vietnam calendar day the caps count on (UTC+7, no daylight saving). */
const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

export interface SmsScopeCap {
  scope: string;
  cap: number;
}

/**
 * Takes one SMS from each scope's daily budget, in the order given (always the same order of kinds, so two
 * transactions never wait for each other in a cycle). Answers the first full scope, or undefined when every
 * scope had room (and now counts one more).
 */
export async function takeSmsBudget(tx: Queryable, scopes: SmsScopeCap[]): Promise<string | undefined> {
  for (const { scope, cap } of scopes) {
    const row = await selectOne<{ count: number }>(
      tx,
      `INSERT INTO sms_daily_counts (day, scope, count) SELECT ${TODAY}, $1, 1 WHERE $2::int > 0
       ON CONFLICT (day, scope) DO UPDATE SET count = sms_daily_counts.count + 1
         WHERE sms_daily_counts.count < $2::int
       RETURNING count`,
      [scope, cap],
    );
    if (!row) return scope;
  }
  return undefined;
}

/** Whether the scope has room today, without taking any (a reset asked for an unknown number). */
export async function smsBudgetLeft(db: Queryable, scope: string, cap: number): Promise<boolean> {
  const row = await selectOne<{ count: number }>(
    db,
    `SELECT count FROM sms_daily_counts WHERE day = ${TODAY} AND scope = $1`,
    [scope],
  );
  return (row?.count ?? 0) < cap;
}

/** Whole seconds until the next Vietnam midnight, when every daily budget starts again (database clock). */
export async function secondsUntilSmsDayEnds(db: Queryable): Promise<number> {
  const row = await selectOne<{ seconds: number }>(
    db,
    `SELECT ceil(extract(epoch FROM (((${TODAY} + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') - now())))::int AS seconds`,
  );
  return Math.max(1, row!.seconds);
}

/** Today's count of one scope (tests, an administrator's look). */
export async function smsCountToday(db: Queryable, scope: string): Promise<number> {
  const row = await selectOne<{ count: number }>(
    db,
    `SELECT count FROM sms_daily_counts WHERE day = ${TODAY} AND scope = $1`,
    [scope],
  );
  return row?.count ?? 0;
}

/** Drops the counters of days older than `days` (the daily purge). */
export function purgeOldSmsCounts(db: Queryable, days: number): Promise<number> {
  return execute(db, `DELETE FROM sms_daily_counts WHERE day < ${TODAY} - $1::int`, [days]);
}
