// The status_lists queries against the run's real Postgres, each test in a transaction rolled back at its end.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  insertStatusList,
  lockStatusList,
  lockStatusListCreation,
  statusListCredential,
  statusListIdOf,
  statusListsOfIssuer,
  storeSignedStatusList,
} from '../src';
import { rolledBack, token } from './support/world';

describe('status-lists queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates, finds, signs, locks and lists the lists of a DID', async () => {
    const did = `did:web:lists-${token()}.test`;
    await rolledBack(db, async (tx) => {
      await lockStatusListCreation(tx);
      expect(await statusListIdOf(tx, 'revocation', did)).toBeUndefined();
      const revocation = await insertStatusList(tx, did, 'revocation', 'H4sIrev');
      const suspension = await insertStatusList(tx, did, 'suspension', 'H4sIsus');
      expect(revocation).toMatch(/^[0-9a-f-]{36}$/);
      expect(await statusListIdOf(tx, 'revocation', did)).toBe(revocation);
      expect(await statusListIdOf(tx, 'suspension', did)).toBe(suspension);

      // Unsigned: no credential to serve yet.
      expect(await statusListCredential(tx, revocation)).toBeUndefined();
      const credential = {
        id: `https://x.test/api/status-lists/${revocation}`,
        proof: { type: 'DataIntegrityProof' },
      };
      expect(await storeSignedStatusList(tx, revocation, 'H4sIrev2', credential)).toBe(1);
      expect(await statusListCredential(tx, revocation)).toEqual(credential);
      const [version] = await tx.query(`SELECT version FROM status_lists WHERE id = $1`, [revocation]);
      expect(version.version).toBe(1);

      expect(await lockStatusList(tx, revocation)).toEqual({ encoded_list: 'H4sIrev2', issuer_did: did });
      expect(await lockStatusList(tx, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await statusListCredential(tx, '00000000-0000-4000-8000-000000000000')).toBeUndefined();

      const lists = await statusListsOfIssuer(tx, did);
      expect(lists.sort((x, y) => x.purpose.localeCompare(y.purpose))).toEqual([
        { id: revocation, purpose: 'revocation', encoded_list: 'H4sIrev2' },
        { id: suspension, purpose: 'suspension', encoded_list: 'H4sIsus' },
      ]);
      expect(await statusListsOfIssuer(tx, `did:web:none-${token()}.test`)).toEqual([]);
    });
  });
});
