import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * The deployment's signing keys (`issuer_keys`): one active key per did:web (a partial unique index), retired
 * keys kept so credentials they signed keep verifying.
 */

export interface IssuerKeyRow {
  id: string;
  did: string;
  public_key_multibase: string;
  secret_encrypted: string;
  active: boolean;
  created_at: Date;
  retired_at: Date | null;
}

/** The active key of a did:web, or undefined. */
export function activeIssuerKey(db: Queryable, did: string): Promise<IssuerKeyRow | undefined> {
  return selectOne<IssuerKeyRow>(db, `SELECT * FROM issuer_keys WHERE active AND did = $1`, [did]);
}

/** How many keys a did:web ever had (active and retired). */
export async function issuerKeyCount(db: Queryable, did: string): Promise<number> {
  const row = await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM issuer_keys WHERE did = $1`,
    [did],
  );
  return row?.n ?? 0;
}

/** Inserts an active key; false (nothing inserted) when the DID already has an active key or the id is taken. */
export async function insertIssuerKey(
  db: Queryable,
  key: { id: string; did: string; publicKeyMultibase: string; secretEncrypted: string },
): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `INSERT INTO issuer_keys (id, did, public_key_multibase, secret_encrypted, active) VALUES ($1, $2, $3, $4, true)
     ON CONFLICT DO NOTHING RETURNING id`,
    [key.id, key.did, key.publicKeyMultibase, key.secretEncrypted],
  );
  return rows.length > 0;
}

/** Retires the active key of a did:web (kept for verifying); returns how many keys it retired. */
export function retireActiveIssuerKey(db: Queryable, did: string): Promise<number> {
  return execute(db, `UPDATE issuer_keys SET active = false, retired_at = now() WHERE active AND did = $1`, [
    did,
  ]);
}

/** Every key of one did:web, oldest first. */
export function issuerKeysOfDid(db: Queryable, did: string): Promise<IssuerKeyRow[]> {
  return selectRows<IssuerKeyRow>(db, `SELECT * FROM issuer_keys WHERE did = $1 ORDER BY created_at`, [did]);
}

/** Every key of every did:web this database issues under, by DID then oldest first. */
export function allIssuerKeys(db: Queryable): Promise<IssuerKeyRow[]> {
  return selectRows<IssuerKeyRow>(db, `SELECT * FROM issuer_keys ORDER BY did, created_at`);
}

export interface IssuerDidsRow {
  /** Keys of the given DID. */
  mine: number;
  /** The other DIDs this database issues under. */
  others: string[];
}

/** How many keys `did` has, and the other DIDs this database issues under, in one read. */
export async function issuerDids(db: Queryable, did: string): Promise<IssuerDidsRow> {
  const row = await selectOne<IssuerDidsRow>(
    db,
    `SELECT count(*) FILTER (WHERE did = $1)::int AS mine,
            coalesce(array_agg(DISTINCT did) FILTER (WHERE did <> $1), '{}') AS others
       FROM issuer_keys`,
    [did],
  );
  return { mine: row?.mine ?? 0, others: row?.others ?? [] };
}

/** What signing a credential under a did:web needs, read at once (see `issuerSigningState`). */
export interface IssuerSigningStateRow {
  /** Every key of every did:web, by DID then oldest first (as `allIssuerKeys`; times as text). */
  keys: Array<Pick<IssuerKeyRow, 'id' | 'did' | 'public_key_multibase' | 'secret_encrypted' | 'active'>>;
  /** The (first) revocation and suspension lists of the DID (as `statusListIdOf`), or null. */
  revocation: string | null;
  suspension: string | null;
}

/**
 * One read for an issuance: every issuer key (the active one of `did` signs, all of them make the trust loader)
 * and the DID's revocation and suspension list ids. Nothing is created here: when the key or a list is missing
 * the caller makes them (`ensureIssuerKey`, `ensureStatusLists`).
 */
export async function issuerSigningState(db: Queryable, did: string): Promise<IssuerSigningStateRow> {
  const row = await selectOne<IssuerSigningStateRow>(
    db,
    `SELECT coalesce((SELECT json_agg(json_build_object('id', k.id, 'did', k.did,
                        'public_key_multibase', k.public_key_multibase, 'secret_encrypted', k.secret_encrypted,
                        'active', k.active) ORDER BY k.did, k.created_at) FROM issuer_keys k), '[]'::json) AS keys,
            (SELECT id FROM status_lists WHERE purpose = 'revocation' AND issuer_did = $1 ORDER BY id LIMIT 1) AS revocation,
            (SELECT id FROM status_lists WHERE purpose = 'suspension' AND issuer_did = $1 ORDER BY id LIMIT 1) AS suspension`,
    [did],
  );
  return row ?? { keys: [], revocation: null, suspension: null };
}
