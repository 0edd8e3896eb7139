import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** Bitstring status lists (revocation and suspension) of each issuer DID, and their signed credentials. */

export type StatusListPurpose = 'revocation' | 'suspension';

/** The signed status list credential served at /api/status-lists/<id>, or undefined (no such list, or unsigned). */
export async function statusListCredential(
  db: Queryable,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await selectOne<{ credential: Record<string, unknown> | null }>(
    db,
    `SELECT credential FROM status_lists WHERE id = $1`,
    [id],
  );
  return row?.credential ?? undefined;
}

/** Serialises creating status lists (transaction-scoped advisory lock: call inside a transaction). */
export async function lockStatusListCreation(db: Queryable): Promise<void> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(hashtext('hvs:status-lists'))`);
}

/** The id of the (first) list of one purpose of an issuer DID, or undefined. */
export async function statusListIdOf(
  db: Queryable,
  purpose: StatusListPurpose,
  issuerDid: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT id FROM status_lists WHERE purpose = $1 AND issuer_did = $2 ORDER BY id LIMIT 1`,
    [purpose, issuerDid],
  );
  return row?.id;
}

/** Creates an (unsigned) status list and gives its id. */
export async function insertStatusList(
  db: Queryable,
  issuerDid: string,
  purpose: StatusListPurpose,
  encodedList: string,
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO status_lists (issuer_did, purpose, encoded_list) VALUES ($1, $2, $3) RETURNING id`,
    [issuerDid, purpose, encodedList],
  );
  return row!.id;
}

/** Stores a list's new bits and their signed credential, bumping its version. Returns the rows updated. */
export function storeSignedStatusList(
  db: Queryable,
  id: string,
  encodedList: string,
  credential: object,
): Promise<number> {
  return execute(
    db,
    `UPDATE status_lists SET encoded_list = $2, credential = $3, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, encodedList, JSON.stringify(credential)],
  );
}

export interface LockedStatusListRow {
  encoded_list: string;
  issuer_did: string;
}

/** A list's bits and DID, locked until the transaction ends (flipping a bit), or undefined. */
export function lockStatusList(db: Queryable, id: string): Promise<LockedStatusListRow | undefined> {
  return selectOne<LockedStatusListRow>(
    db,
    `SELECT encoded_list, issuer_did FROM status_lists WHERE id = $1 FOR UPDATE`,
    [id],
  );
}

export interface IssuerStatusListRow {
  id: string;
  purpose: StatusListPurpose;
  encoded_list: string;
}

/** Every list of an issuer DID (re-signing them after a key rotation). */
export function statusListsOfIssuer(db: Queryable, issuerDid: string): Promise<IssuerStatusListRow[]> {
  return selectRows<IssuerStatusListRow>(
    db,
    `SELECT id, purpose, encoded_list FROM status_lists WHERE issuer_did = $1`,
    [issuerDid],
  );
}
