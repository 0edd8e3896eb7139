import { type Queryable, selectRows } from './queryable';

/**
 * Jobs as Postgres notifications (deployments without Redis): the api notifies a channel, the worker listens
 * on it with a dedicated connection. Channel names are identifiers (LISTEN cannot take a parameter), so only
 * plain lower-case names are accepted.
 */

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkedChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`not a notification channel name: ${JSON.stringify(channel)}`);
  return channel;
}

/** Sends `payload` on a notification channel (delivered when the surrounding transaction, if any, commits). */
export async function notifyChannel(db: Queryable, channel: string, payload: string): Promise<void> {
  await selectRows(db, `SELECT pg_notify($1, $2)`, [checkedChannel(channel), payload]);
}

/** Starts listening on a notification channel (on a dedicated connection: a pooled one would lose it). */
export async function listenOnChannel(db: Queryable, channel: string): Promise<void> {
  await selectRows(db, `LISTEN ${checkedChannel(channel)}`);
}
