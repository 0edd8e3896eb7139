import { createWorld, DID, issue, VERIFY_AT } from './credentials.spec-helper';
import { verifyCredentialDocument } from './sign';

describe('the validity window', () => {
  it('is expired after validUntil, with the signature still good', async () => {
    const world = await createWorld();
    const signed = await issue(world, { validUntil: new Date('2026-11-25T00:00:00Z') });
    const report = await verifyCredentialDocument(signed, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('expired');
    expect(report.checks).toEqual({
      signature: true,
      issuerAllowed: true,
      validity: 'expired',
      status: 'ok',
    });
  });

  it('is not_yet_valid before validFrom', async () => {
    const world = await createWorld();
    const signed = await issue(world);
    const report = await verifyCredentialDocument(signed, {
      loader: world.loader,
      allowedIssuers: [DID],
      now: new Date('2026-11-19T00:00:00Z'),
    });
    expect(report.verdict).toBe('not_yet_valid');
  });

  it('tolerates five minutes of clock skew at either end', async () => {
    const world = await createWorld();
    const signed = await issue(world, { validUntil: new Date('2026-11-25T00:00:00Z') });
    const opts = { loader: world.loader, allowedIssuers: [DID] };
    expect(
      (await verifyCredentialDocument(signed, { ...opts, now: new Date('2026-11-20T02:56:00Z') })).verdict,
    ).toBe('valid');
    expect(
      (await verifyCredentialDocument(signed, { ...opts, now: new Date('2026-11-25T00:04:00Z') })).verdict,
    ).toBe('valid');
    expect(
      (await verifyCredentialDocument(signed, { ...opts, now: new Date('2026-11-25T00:06:00Z') })).verdict,
    ).toBe('expired');
  });
});
