import {
  buildStatusListCredential,
  createDocumentLoader,
  createStatusList,
  decryptSecret,
  didDocument,
  didWebFor,
  encryptSecret,
  generateIssuerKey,
  signCredential,
  type IssuerKey,
} from '@hocvuso/credentials';
import {
  activeIssuerKey,
  allIssuerKeys,
  insertIssuerKey,
  insertStatusList,
  issuerDids,
  issuerKeyCount,
  issuerKeysOfDid,
  type IssuerKeyRow,
  issuerSigningState,
  lockStatusListCreation,
  type Queryable,
  retireActiveIssuerKey,
  statusListCredential,
  statusListIdOf,
  storeSignedStatusList,
} from '@hocvuso/db';

/** What the issuing side of the deployment is: its public URL, its did:web, the secret that guards its keys. */
export interface IssuerSettings {
  publicUrl: string;
  /** Encrypts the issuer's private keys at rest. */
  keySecret: string;
  name: { vi: string; en: string };
}

export interface ActiveIssuer {
  did: string;
  key: IssuerKey;
}

export const issuerDid = (s: IssuerSettings) => didWebFor(s.publicUrl);

/** Decrypting a key costs ~100 ms of scrypt; keep decrypted keys for the life of the process. */
const decrypted = new Map<string, string>();
function secretOf(row: KeyRow, passphrase: string): string {
  // Keyed by the passphrase too: a wrong ISSUER_KEY_SECRET must fail even after the right one decrypted the key.
  const cacheKey = `${row.id}\u0000${row.secret_encrypted}\u0000${passphrase}`;
  let secret = decrypted.get(cacheKey);
  if (!secret) {
    secret = decryptSecret(row.secret_encrypted, passphrase);
    decrypted.set(cacheKey, secret);
  }
  return secret;
}

type KeyRow = Pick<IssuerKeyRow, 'id' | 'did' | 'public_key_multibase' | 'secret_encrypted' | 'active'>;

/**
 * The active signing key of a did:web (by default this deployment's current one), generated on first use. Safe
 * under concurrency: a partial unique index allows one active key per DID, so a second process's insert does
 * nothing and it reads the winner's key. Keys of an earlier DID (PUBLIC_URL changed) stay active for it.
 */
export async function ensureIssuerKey(
  db: Queryable,
  s: IssuerSettings,
  did = issuerDid(s),
): Promise<ActiveIssuer> {
  for (let round = 0; round < 3; round++) {
    const active = await activeIssuerKey(db, did);
    if (active) {
      return {
        did,
        key: {
          id: active.id,
          publicKeyMultibase: active.public_key_multibase,
          secretKeyMultibase: secretOf(active, s.keySecret),
        },
      };
    }
    await insertKey(db, did, s.keySecret);
  }
  throw new Error('could not establish an active issuer key');
}

async function insertKey(db: Queryable, did: string, secret: string): Promise<void> {
  const n = await issuerKeyCount(db, did);
  const key = generateIssuerKey(did, `key-${n + 1}`);
  await insertIssuerKey(db, {
    id: key.id,
    did,
    publicKeyMultibase: key.publicKeyMultibase,
    secretEncrypted: encryptSecret(key.secretKeyMultibase, secret),
  });
}

/** Retires the active key and makes a new one; old keys stay in the DID document, so old credentials verify. */
export async function rotateIssuerKey(db: Queryable, s: IssuerSettings): Promise<string> {
  await retireActiveIssuerKey(db, issuerDid(s));
  await insertKey(db, issuerDid(s), s.keySecret);
  return (await ensureIssuerKey(db, s)).key.id;
}

/** The DID document of a did:web of this deployment (every key it ever had), or undefined. */
export async function didDocumentFor(
  db: Queryable,
  did: string,
): Promise<Record<string, unknown> | undefined> {
  const keys = await issuerKeysOfDid(db, did);
  return keys.length === 0 ? undefined : documentOf(did, keys);
}

/** The DID document of `did` listing all its keys, old ones too (credentials they signed keep verifying). */
const documentOf = (did: string, keys: KeyRow[]) =>
  didDocument(
    did,
    keys.map((k) => ({ id: k.id, publicKeyMultibase: k.public_key_multibase, active: k.active })),
  );

export const statusListUrl = (s: IssuerSettings, id: string) => `${s.publicUrl}/api/status-lists/${id}`;

/** A document loader that resolves only our own DIDs and status lists, from the database. Never the network. */
export function issuerDocumentLoader(db: Queryable, didDocs: Map<string, Record<string, unknown>>) {
  return createDocumentLoader({
    didDocuments: (did: string) => didDocs.get(did),
    statusLists: async (url: string) => {
      const id = /\/api\/status-lists\/([0-9a-f-]{36})$/.exec(url)?.[1];
      if (!id) return undefined;
      return statusListCredential(db, id);
    },
  });
}

/**
 * What verifying or signing needs to trust this deployment's issuers, from one read of `issuer_keys`: a loader
 * for their DID documents (and the status lists) and the list of those DIDs.
 */
export async function issuerTrust(
  db: Queryable,
): Promise<{ loader: ReturnType<typeof createDocumentLoader>; dids: string[] }> {
  return trustOf(db, await allIssuerKeys(db));
}

/** The trust of `issuerTrust` from the keys already read. */
function trustOf(
  db: Queryable,
  keys: KeyRow[],
): { loader: ReturnType<typeof createDocumentLoader>; dids: string[] } {
  const byDid = new Map<string, KeyRow[]>();
  for (const k of keys) byDid.set(k.did, [...(byDid.get(k.did) ?? []), k]);
  const docs = new Map([...byDid].map(([did, rows]) => [did, documentOf(did, rows)]));
  return { loader: issuerDocumentLoader(db, docs), dids: [...byDid.keys()] };
}

/** Everything signing one credential needs: the active key, the status lists and the trust loader. */
export interface SigningContext {
  issuer: ActiveIssuer;
  lists: StatusListIds;
  loader: ReturnType<typeof createDocumentLoader>;
}

/**
 * The signing context of an issuance in one read (`issuerSigningState`) once the key and the lists exist, which is
 * every time but the first: no transaction and no lock. The first time (or after the key was retired without a
 * new one) they are made as before (`ensureIssuerKey`, `ensureStatusLists`, each in its transaction) and read again.
 * The key and lists are read for each issuance, never kept: a rotation takes effect at the next certificate.
 */
export async function signingContext(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  s: IssuerSettings,
): Promise<SigningContext> {
  const did = issuerDid(s);
  for (let round = 0; round < 2; round++) {
    const state = await issuerSigningState(db, did);
    const active = state.keys.find((k) => k.did === did && k.active);
    if (active && state.revocation && state.suspension) {
      return {
        issuer: {
          did,
          key: {
            id: active.id,
            publicKeyMultibase: active.public_key_multibase,
            secretKeyMultibase: secretOf(active, s.keySecret),
          },
        },
        lists: { revocation: state.revocation, suspension: state.suspension },
        loader: trustOf(db, state.keys).loader,
      };
    }
    const issuer = await db.transaction((tx) => ensureIssuerKey(tx, s));
    await db.transaction((tx) => ensureStatusLists(tx, s, issuer));
  }
  throw new Error('could not establish the issuer key and status lists');
}

export async function loaderFor(db: Queryable): Promise<ReturnType<typeof createDocumentLoader>> {
  return (await issuerTrust(db)).loader;
}

export interface StatusListIds {
  revocation: string;
  suspension: string;
}

/** Creates the revocation and suspension lists (signed) of the issuer's DID if it has none yet. */
export async function ensureStatusLists(
  db: Queryable,
  s: IssuerSettings,
  issuer: ActiveIssuer,
): Promise<StatusListIds> {
  await lockStatusListCreation(db);
  const ids: Partial<StatusListIds> = {};
  for (const purpose of ['revocation', 'suspension'] as const) {
    const existing = await statusListIdOf(db, purpose, issuer.did);
    if (existing) {
      ids[purpose] = existing;
      continue;
    }
    const encoded = await createStatusList();
    const created = await insertStatusList(db, issuer.did, purpose, encoded);
    await signStatusList(db, s, issuer, created, purpose, encoded);
    ids[purpose] = created;
  }
  return ids as StatusListIds;
}

/** Signs and stores the status list credential for the list's current bits. */
export async function signStatusList(
  db: Queryable,
  s: IssuerSettings,
  issuer: ActiveIssuer,
  id: string,
  purpose: 'revocation' | 'suspension',
  encodedList: string,
): Promise<void> {
  const loader = await loaderFor(db);
  const unsigned = buildStatusListCredential({
    id: statusListUrl(s, id),
    issuerDid: issuer.did,
    encodedList,
    statusPurpose: purpose,
    validFrom: new Date(),
  });
  const signed = await signCredential(unsigned, issuer.key, loader);
  await storeSignedStatusList(db, id, encodedList, signed);
}

/** Why the api or the worker refuses to start with these issuer settings (printed, then exit). */
export class IssuerStartupError extends Error {
  constructor(
    readonly code: 'ISSUER_URL_CHANGED' | 'ISSUER_KEY_UNREADABLE',
    message: string,
  ) {
    super(message);
    this.name = 'IssuerStartupError';
  }
}

/** The documented command that makes a new PUBLIC_URL the issuer's identity (see docs). */
export const MOVE_URL_COMMAND = 'node dist/tools/cli.cjs issuer:move-url';

/**
 * Checked by the api and the worker before they do anything else:
 * - PUBLIC_URL is the issuer's identity (its did:web). If this database already issues under other DIDs and
 *   has no key for this one, PUBLIC_URL changed: every new credential would carry a new identity, silently.
 *   Refused unless `allowNewUrl` (tests) or the operator ran `issuer:move-url` (which creates the new DID's key).
 * - The issuer key must decrypt with ISSUER_KEY_SECRET (a wrong secret would fail every certificate).
 * On a fresh database the first key is created here.
 */
export async function checkIssuerIdentity(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  s: IssuerSettings,
  options: { allowNewUrl?: boolean } = {},
): Promise<ActiveIssuer> {
  const did = issuerDid(s);
  const { mine, others } = await issuerDids(db, did);
  if (!options.allowNewUrl && mine === 0 && others.length > 0) {
    throw new IssuerStartupError(
      'ISSUER_URL_CHANGED',
      `PUBLIC_URL (${s.publicUrl}) is not the address this platform issues certificates from (${others.join(', ')}). ` +
        `A new PUBLIC_URL gives every new certificate a new issuer identity (${did}). If that is intended ` +
        `(the platform moved), run \`${MOVE_URL_COMMAND}\` with the new PUBLIC_URL once, then start again; ` +
        `otherwise set PUBLIC_URL back.`,
    );
  }
  try {
    return await db.transaction((tx) => ensureIssuerKey(tx, s));
  } catch (err) {
    if ((err as { code?: string }).code === 'ISSUER_KEY_UNREADABLE')
      throw new IssuerStartupError(
        'ISSUER_KEY_UNREADABLE',
        'ISSUER_KEY_SECRET cannot decrypt the issuer key stored in the database: it is not the secret the key was made with. ' +
          'Start with the original ISSUER_KEY_SECRET (the api and the worker must share it).',
      );
    throw err;
  }
}

/**
 * Makes PUBLIC_URL's did:web the issuer's identity after the platform moved: creates its key and status lists.
 * Keys and lists of the earlier DIDs stay (credentials issued under them keep verifying here). Returns the
 * new DID and the earlier ones.
 */
export async function moveIssuerUrl(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  s: IssuerSettings,
): Promise<{ did: string; previous: string[]; created: boolean }> {
  const did = issuerDid(s);
  return db.transaction(async (tx) => {
    const { mine, others } = await issuerDids(tx, did);
    const issuer = await ensureIssuerKey(tx, s);
    await ensureStatusLists(tx, s, issuer);
    return { did, previous: others, created: mine === 0 };
  });
}
