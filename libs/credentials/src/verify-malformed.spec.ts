import { createWorld, DID, issue, VERIFY_AT } from './credentials.spec-helper';
import { verifyCredentialDocument } from './sign';

describe('documents that are not credentials we can verify', () => {
  const cases: Array<[string, (c: Record<string, unknown>) => unknown]> = [
    ['text that is not JSON', () => '{"@context": ['],
    ['a JSON array', () => []],
    ['no proof', (c) => ({ ...c, proof: undefined })],
    ['two proofs', (c) => ({ ...c, proof: [...(c.proof as object[]), ...(c.proof as object[])] })],
    ['an empty proof array', (c) => ({ ...c, proof: [] })],
    [
      'another cryptosuite',
      (c) => ({ ...c, proof: [{ ...(c.proof as object[])[0], cryptosuite: 'ecdsa-rdfc-2019' }] }),
    ],
    [
      'a VC 1.1 context',
      (c) => ({
        ...c,
        '@context': ['https://www.w3.org/2018/credentials/v1', ...(c['@context'] as string[]).slice(1)],
      }),
    ],
    [
      'a context we do not ship',
      (c) => ({ ...c, '@context': [...(c['@context'] as string[]), 'https://evil.example/context.json'] }),
    ],
    ['a date without a time zone', (c) => ({ ...c, validFrom: '2026-11-20T03:00:00' })],
    [
      'a status index out of the list',
      (c) => ({
        ...c,
        credentialStatus: { ...(c.credentialStatus as object), statusListIndex: '131072' },
      }),
    ],
    [
      'a numeric status index',
      (c) => ({ ...c, credentialStatus: { ...(c.credentialStatus as object), statusListIndex: 5 } }),
    ],
    [
      'another status mechanism',
      (c) => ({ ...c, credentialStatus: { id: 'https://x.example/1', type: 'StatusList2021Entry' } }),
    ],
  ];

  it.each(cases)('is malformed: %s', async (_name, mutate) => {
    const world = await createWorld();
    const signed = (await issue(world)) as unknown as Record<string, unknown>;
    const report = await verifyCredentialDocument(mutate(structuredClone(signed)), {
      loader: world.loader,
      allowedIssuers: [DID],
      now: VERIFY_AT,
    });
    expect(report.verdict).toBe('malformed');
    expect(report.errors.length).toBeGreaterThan(0);
    expect(world.calls.didDocuments).toEqual([]);
  });
});
