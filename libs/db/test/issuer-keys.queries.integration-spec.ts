// The issuer_keys queries against the run's real Postgres, each test in a transaction rolled back at its end.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  activeIssuerKey,
  allIssuerKeys,
  insertIssuerKey,
  issuerDids,
  issuerKeyCount,
  issuerKeysOfDid,
  issuerSigningState,
  retireActiveIssuerKey,
} from '../src';
import { newStatusList, rolledBack, token } from './support/world';

describe('issuer-keys queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const key = (did: string, n: number) => ({
    id: `${did}#key-${n}`,
    did,
    publicKeyMultibase: `z6Mk${token()}`,
    secretEncrypted: `enc:${token()}`,
  });

  it('keeps one active key per DID, counts and lists them, and retires the active one', async () => {
    const did = `did:web:keys-${token()}.test`;
    await rolledBack(db, async (tx) => {
      expect(await activeIssuerKey(tx, did)).toBeUndefined();
      expect(await issuerKeyCount(tx, did)).toBe(0);
      const first = key(did, 1);
      expect(await insertIssuerKey(tx, first)).toBe(true);
      // A second active key for the same DID does nothing (the partial unique index).
      expect(await insertIssuerKey(tx, key(did, 2))).toBe(false);
      const active = await activeIssuerKey(tx, did);
      expect(active).toEqual({
        id: first.id,
        did,
        public_key_multibase: first.publicKeyMultibase,
        secret_encrypted: first.secretEncrypted,
        active: true,
        created_at: expect.any(Date),
        retired_at: null,
      });
      expect(await issuerKeyCount(tx, did)).toBe(1);

      expect(await retireActiveIssuerKey(tx, did)).toBe(1);
      expect(await activeIssuerKey(tx, did)).toBeUndefined();
      expect(await insertIssuerKey(tx, key(did, 2))).toBe(true);
      const keys = await issuerKeysOfDid(tx, did);
      expect(keys.map((k) => [k.id, k.active])).toEqual([
        [`${did}#key-1`, false],
        [`${did}#key-2`, true],
      ]);
      expect(keys[0]!.retired_at).toBeInstanceOf(Date);
      expect(await issuerKeyCount(tx, did)).toBe(2);
      expect(await retireActiveIssuerKey(tx, `did:web:none-${token()}.test`)).toBe(0);
    });
  });

  it('lists every key by DID and tells a DID from the other DIDs of the database', async () => {
    const a = `did:web:a-${token()}.test`;
    const b = `did:web:b-${token()}.test`;
    await rolledBack(db, async (tx) => {
      const before = await issuerDids(tx, a);
      expect(before.mine).toBe(0);
      await insertIssuerKey(tx, key(a, 1));
      await insertIssuerKey(tx, key(b, 1));
      const all = await allIssuerKeys(tx);
      const ours = all.filter((k) => k.did === a || k.did === b).map((k) => k.did);
      expect(ours).toEqual([a, b].sort());
      const seen = await issuerDids(tx, a);
      expect(seen.mine).toBe(1);
      expect(seen.others).toContain(b);
      expect(seen.others).not.toContain(a);
      expect(seen.others).toEqual(expect.arrayContaining(before.others));
    });
  });

  it("reads what signing needs in one statement: every key, and the DID's status lists once they exist", async () => {
    const did = `did:web:sign-${token()}.test`;
    await rolledBack(db, async (tx) => {
      const empty = await issuerSigningState(tx, did);
      expect(empty).toMatchObject({ revocation: null, suspension: null });
      expect(empty.keys.filter((k) => k.did === did)).toEqual([]);
      const first = key(did, 1);
      await insertIssuerKey(tx, first);
      await retireActiveIssuerKey(tx, did);
      const second = key(did, 2);
      await insertIssuerKey(tx, second);
      const revocation = await newStatusList(tx, did, 'revocation');
      expect(await issuerSigningState(tx, did)).toMatchObject({ revocation, suspension: null });
      const suspension = await newStatusList(tx, did, 'suspension');
      // Another DID's list is not this one's.
      await newStatusList(tx, `did:web:other-${token()}.test`, 'suspension');
      const state = await issuerSigningState(tx, did);
      expect(state).toMatchObject({ revocation, suspension });
      // (created in one transaction: the same created_at, so by id here)
      const mine = state.keys.filter((k) => k.did === did).sort((x, y) => x.id.localeCompare(y.id));
      expect(mine).toEqual([
        {
          id: first.id,
          did,
          public_key_multibase: first.publicKeyMultibase,
          secret_encrypted: first.secretEncrypted,
          active: false,
        },
        {
          id: second.id,
          did,
          public_key_multibase: second.publicKeyMultibase,
          secret_encrypted: second.secretEncrypted,
          active: true,
        },
      ]);
      // The same keys as allIssuerKeys.
      expect(state.keys.map((k) => k.id).sort()).toEqual((await allIssuerKeys(tx)).map((k) => k.id).sort());
    });
  });
});
