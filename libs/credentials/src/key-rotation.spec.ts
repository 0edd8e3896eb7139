import { createWorld, DID, issue, listUrl, VERIFY_AT } from './credentials.spec-helper';
import { didDocument } from './did';
import { verifyCredentialDocument } from './sign';

describe('issuer key rotation', () => {
  it('keeps credentials signed with a retired key valid while the DID document lists it', async () => {
    const world = await createWorld();
    const before = await issue(world);
    world.rotate('key-2');
    const after = await issue(world, { id: 'urn:uuid:0e5e0a57-54f3-4d7e-9d4a-1c1f0d7b2a33' });

    expect(before.proof[0]!.verificationMethod).toBe(`${DID}#key-1`);
    expect(after.proof[0]!.verificationMethod).toBe(`${DID}#key-2`);
    const doc = didDocument(world.did, world.keys);
    expect(doc.assertionMethod).toEqual([`${DID}#key-2`, `${DID}#key-1`]);

    const opts = { loader: world.loader, allowedIssuers: [DID], now: VERIFY_AT };
    expect((await verifyCredentialDocument(before, opts)).verdict).toBe('valid');
    expect((await verifyCredentialDocument(after, opts)).verdict).toBe('valid');
  });

  it('stops verifying what the old key signed once the key is removed from the DID document', async () => {
    const world = await createWorld();
    const before = await issue(world);
    world.rotate('key-2');
    // Status lists are re-signed with the active key after a rotation, so they survive the removal.
    await world.setBit('revocation', 1, false);
    await world.setBit('suspension', 1, false);
    expect(
      (world.statusLists.get(listUrl('revocation')) as { proof: { verificationMethod: string } }).proof
        .verificationMethod,
    ).toBe(`${DID}#key-2`);
    const after = await issue(world, { id: 'urn:uuid:0e5e0a57-54f3-4d7e-9d4a-1c1f0d7b2a33' });

    world.keys = world.keys.filter((k) => k.id !== `${DID}#key-1`);

    const opts = { loader: world.loader, allowedIssuers: [DID], now: VERIFY_AT };
    const old = await verifyCredentialDocument(before, opts);
    expect(old.verdict).toBe('tampered');
    expect(old.errors.join(' ')).toMatch(/key-1/);
    expect((await verifyCredentialDocument(after, opts)).verdict).toBe('valid');
  });
});
