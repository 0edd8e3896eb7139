import { createWorld, DID, issue, VERIFY_AT } from './credentials.spec-helper';
import { verifyCredentialDocument } from './sign';

describe('a credential changed after signing', () => {
  it('is tampered when one character of the recipient name changes ("Hương" → "Hưong")', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    const forged = structuredClone(signed);
    forged.credentialSubject.identifier[0]!.identityHash = 'Nguyễn Thị Hưong';

    const report = await verifyCredentialDocument(forged, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
    expect(report.checks).toMatchObject({ signature: false, issuerAllowed: true, status: 'unknown' });
    expect(report.errors.join(' ')).toMatch(/Invalid signature/);
  });

  it('is tampered when a competence level is raised', async () => {
    const world = await createWorld();
    const forged = structuredClone(await issue(world));
    const alignment = forged.credentialSubject.achievement.alignment as Array<Record<string, string>>;
    alignment[0]!.targetDescription = 'Mức thành thạo 8';
    const report = await verifyCredentialDocument(forged, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
  });

  it('is tampered when validUntil is pushed back to revive an expired credential', async () => {
    const world = await createWorld();
    const forged = structuredClone(await issue(world, { validUntil: new Date('2026-11-21T00:00:00Z') }));
    forged.validUntil = '2036-11-21T00:00:00Z';
    const report = await verifyCredentialDocument(forged, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
  });

  it('is tampered when the proof points at a key the DID document does not list', async () => {
    const world = await createWorld();
    const forged = structuredClone(await issue(world));
    forged.proof[0]!.verificationMethod = `${DID}#key-9`;
    const report = await verifyCredentialDocument(forged, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
    expect(report.errors.join(' ')).toMatch(/key-9/);
  });

  it('is tampered when the status entry is moved to another index', async () => {
    const world = await createWorld();
    const forged = structuredClone(await issue(world));
    const revocation = forged.credentialStatus as { statusListIndex: string; id: string };
    revocation!.statusListIndex = '7';
    revocation!.id = revocation!.id.replace(/#\d+$/, '#7');
    const report = await verifyCredentialDocument(forged, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('tampered');
  });
});
