import { badgeInput, createWorld, DID, issue, LEARNER_NAME, VERIFY_AT } from './credentials.spec-helper';
import { buildOpenBadgeCredential, recipientNameOf } from './open-badge';
import { signCredential, verifyCredentialDocument } from './sign';

describe('signing and verifying an Open Badge', () => {
  it('verifies a freshly issued credential as valid, with every check passing', async () => {
    const world = await createWorld();
    const signed = await issue(world);

    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${DID}#key-1`,
      created: '2026-11-20T03:00:00Z',
    });
    expect(signed.proof[0]!.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);

    const report = await verifyCredentialDocument(signed, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report).toEqual({
      verdict: 'valid',
      checks: { signature: true, issuerAllowed: true, validity: 'ok', status: 'ok' },
      errors: [],
    });
    expect(recipientNameOf(signed)).toBe(LEARNER_NAME);
  });

  it('accepts the credential as JSON text, as stored and as pasted on the verify page', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    const report = await verifyCredentialDocument(JSON.stringify(signed), {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('valid');
  });

  it('does not change the credential it is given when signing (vc.issue mutates its input)', async () => {
    const world = await createWorld();
    const unsigned = buildOpenBadgeCredential(badgeInput(world));
    const before = JSON.stringify(unsigned);
    await signCredential(unsigned, world.key, world.loader);
    expect(JSON.stringify(unsigned)).toBe(before);
    expect(unsigned).not.toHaveProperty('proof');
  });
});
