import http from 'node:http';
import https from 'node:https';
import { createWorld, DID, issue, VERIFY_AT } from './credentials.spec-helper';
import { verifyCredentialDocument } from './sign';

describe('a credential from an issuer that is not this deployment', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is unknown_issuer, decided without resolving or fetching anything', async () => {
    const elsewhere = await createWorld({ did: 'did:web:lookalike.example.vn' });
    const foreign = await issue(elsewhere);
    const ours = await createWorld();
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const httpSpy = jest.spyOn(http, 'request');
    const httpsSpy = jest.spyOn(https, 'request');

    const report = await verifyCredentialDocument(foreign, {
      loader: ours.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });

    expect(report.verdict).toBe('unknown_issuer');
    expect(report.checks).toMatchObject({ signature: false, issuerAllowed: false, status: 'unknown' });
    expect(ours.calls).toEqual({ didDocuments: [], statusLists: [] });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
  });

  it('is tampered when our DID is swapped in for theirs (the proof is still theirs)', async () => {
    const elsewhere = await createWorld({ did: 'did:web:lookalike.example.vn' });
    const forged = structuredClone(await issue(elsewhere)) as Record<string, unknown> & {
      issuer: { id: string };
    };
    forged.issuer.id = DID;
    const ours = await createWorld();
    const report = await verifyCredentialDocument(forged, {
      loader: ours.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    // The issuer now claims to be us, so the signature decides: it was made by a key we never published.
    expect(report.verdict).toBe('tampered');
    expect(ours.calls.didDocuments.every((d) => d === DID || d === 'did:web:lookalike.example.vn')).toBe(
      true,
    );
  });
});
