import {
  badgeInput,
  createWorld,
  DID,
  ISSUED_AT,
  issue,
  LEARNER_NAME,
  VERIFY_AT,
} from './credentials.spec-helper';
import { buildOpenBadgeCredential } from './open-badge';
import { signCredential, verifyCredentialDocument } from './sign';

describe('Unicode normalisation around signing', () => {
  const nfd = LEARNER_NAME.normalize('NFD');

  it('stores an NFD-typed name as NFC, and the credential verifies', async () => {
    expect(nfd).not.toBe(LEARNER_NAME);
    const world = await createWorld();
    const signed = await issue(world, { recipientName: nfd });
    expect(signed.credentialSubject.identifier[0]!.identityHash).toBe(LEARNER_NAME.normalize('NFC'));
    const report = await verifyCredentialDocument(signed, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('valid');
  });

  it('normalises at signing too, for a document built by hand with NFD text', async () => {
    const world = await createWorld();
    const unsigned = buildOpenBadgeCredential(badgeInput(world));
    unsigned.name = 'Kỹ năng số cơ bản'.normalize('NFD');
    const signed = await signCredential(unsigned, world.key, world.loader, { now: ISSUED_AT });
    expect(signed.name).toBe('Kỹ năng số cơ bản'.normalize('NFC'));
    expect(
      (
        await verifyCredentialDocument(signed, {
          loader: world.loader,
          allowedIssuers: [DID],
          now: VERIFY_AT,
        })
      ).verdict,
    ).toBe('valid');
  });

  it('treats a signed credential re-encoded to NFD as tampered (canonicalisation does not normalise)', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    const reencoded = JSON.parse(JSON.stringify(signed).normalize('NFD'));
    const report = await verifyCredentialDocument(reencoded, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
  });
});
