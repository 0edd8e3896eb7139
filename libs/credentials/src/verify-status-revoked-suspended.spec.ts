import { isDomainError } from '@hocvuso/domain';
import {
  createWorld,
  DID,
  issue,
  issueLegacy,
  listUrl,
  publishedSuspension,
  VERIFY_AT,
} from './credentials.spec-helper';
import { generateIssuerKey } from './keys';
import { signCredential, verifyCredentialDocument } from './sign';

// The suspension entry is published by the issuer beside the credential (OB 3.0 embeds one status entry).
const verify = (world: Awaited<ReturnType<typeof createWorld>>, credential: unknown, now = VERIFY_AT) =>
  verifyCredentialDocument(credential, {
    loader: world.loader,
    allowedIssuers: [DID],
    now,
    publishedStatus: publishedSuspension,
  });

describe('revocation and suspension through the status lists', () => {
  it('reports revoked once the bit is set, although the signature still verifies', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    await world.setBit('revocation', 4242, true);

    const report = await verify(world, signed);
    expect(report.verdict).toBe('revoked');
    expect(report.checks).toEqual({
      signature: true,
      issuerAllowed: true,
      validity: 'ok',
      status: 'revoked',
    });
  });

  it('reports suspended, and valid again when the suspension is lifted', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    await world.setBit('suspension', 4242, true);
    expect((await verify(world, signed)).verdict).toBe('suspended');

    await world.setBit('suspension', 4242, false);
    expect((await verify(world, signed)).verdict).toBe('valid');
  });

  it('embeds only the revocation entry; without the published suspension entry a verifier sees revocation only', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    expect(signed.credentialStatus).toMatchObject({ statusPurpose: 'revocation', statusListIndex: '4242' });
    await world.setBit('suspension', 4242, true);
    const outsider = await verifyCredentialDocument(signed, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(outsider.verdict).toBe('valid');
    expect((await verify(world, signed)).verdict).toBe('suspended');
    await world.setBit('revocation', 4242, true);
    expect(
      (
        await verifyCredentialDocument(signed, {
          loader: world.loader,
          allowedIssuers: [DID],
          now: VERIFY_AT,
        })
      ).verdict,
    ).toBe('revoked');
  });

  it('keeps verifying credentials issued before the fix (status array, proof object), suspension included', async () => {
    const world = await createWorld();
    const legacy = await issueLegacy(world);
    expect(Array.isArray(legacy.credentialStatus)).toBe(true);
    expect(Array.isArray(legacy.proof)).toBe(false);
    const plain = (now = VERIFY_AT) =>
      verifyCredentialDocument(legacy, { loader: world.loader, allowedIssuers: [DID], now });
    expect((await plain()).verdict).toBe('valid');
    await world.setBit('suspension', 4242, true);
    expect((await plain()).verdict).toBe('suspended');
    expect((await verify(world, legacy)).verdict).toBe('suspended');
    await world.setBit('suspension', 4242, false);
    await world.setBit('revocation', 4242, true);
    expect((await plain()).verdict).toBe('revoked');
  });

  it('is not affected by the bits of other credentials', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    await world.setBit('revocation', 4241, true);
    await world.setBit('revocation', 4243, true);
    expect((await verify(world, signed)).verdict).toBe('valid');
  });

  it('puts revocation before expiry, and revocation before suspension', async () => {
    const world = await createWorld();
    const signed = await issue(world, { validUntil: new Date('2026-11-21T00:00:00Z') });
    await world.setBit('suspension', 4242, true);
    expect((await verify(world, signed)).verdict).toBe('suspended');
    await world.setBit('revocation', 4242, true);
    const report = await verify(world, signed);
    expect(report.verdict).toBe('revoked');
    expect(report.checks.validity).toBe('expired');
  });

  it('refuses to guess when our status list is missing: CREDENTIAL_STATUS_UNAVAILABLE', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    world.statusLists.delete(listUrl('revocation'));
    await expect(verify(world, signed)).rejects.toMatchObject({
      code: 'CREDENTIAL_STATUS_UNAVAILABLE',
      kind: 'unavailable',
    });
  });

  it('refuses a status list whose signature does not verify (a cleared bit cannot be forged)', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    await world.setBit('revocation', 4242, true);
    const published = world.statusLists.get(listUrl('revocation')) as {
      credentialSubject: { encodedList: string };
    };
    const emptyList = world.statusLists.get(listUrl('suspension')) as {
      credentialSubject: { encodedList: string };
    };
    published.credentialSubject.encodedList = emptyList.credentialSubject.encodedList;

    const error = await verify(world, signed).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('CREDENTIAL_STATUS_UNAVAILABLE');
    expect(JSON.stringify((error as { details: unknown }).details)).toMatch(/not verified/);
  });

  it('refuses a status list signed by another issuer', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    const other = generateIssuerKey('did:web:other.example', 'key-1');
    const foreign = structuredClone(world.statusLists.get(listUrl('revocation'))) as Record<string, unknown>;
    delete foreign.proof;
    foreign.issuer = 'did:web:other.example';
    await expect(signCredential(foreign, other, world.loader)).resolves.toBeDefined();
    world.statusLists.set(listUrl('revocation'), await signCredential(foreign, other, world.loader));
    await expect(verify(world, signed)).rejects.toMatchObject({ code: 'CREDENTIAL_STATUS_UNAVAILABLE' });
  });
});
