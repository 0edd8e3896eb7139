import * as ed from '@noble/ed25519';
import {
  buildOpenBadgeCredential,
  buildStatusListCredential,
  createDocumentLoader,
  createStatusList,
  didDocument,
  generateIssuerKey,
  signCredential,
} from '../src';
import {
  base58btc,
  canonicalNQuads,
  ed25519PublicKey,
  sha256,
  verifyEddsaRdfc2022,
} from './independent-verifier';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function issueOne() {
  const did = 'did:web:localhost%3A3000';
  const key = generateIssuerKey(did, 'key-1');
  const doc = didDocument(did, [{ id: key.id, publicKeyMultibase: key.publicKeyMultibase, active: true }]);
  const lists = new Map<string, object>();
  const loader = createDocumentLoader({
    didDocuments: (d) => (d === did ? doc : undefined),
    statusLists: async (u) => lists.get(u),
  });
  const listUrl = 'http://localhost:3000/api/status-lists/7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const list = await signCredential(
    buildStatusListCredential({
      id: listUrl,
      issuerDid: did,
      encodedList: await createStatusList(),
      statusPurpose: 'revocation',
      validFrom: new Date('2026-11-01T00:00:00Z'),
    }),
    key,
    loader,
  );
  const credential = await signCredential(
    buildOpenBadgeCredential({
      id: 'urn:uuid:6f1d3c1e-8a55-4c1b-9a63-2b8d4a0f7e11',
      issuer: { did, name: { vi: 'Học vụ số', en: 'Hoc vu so' }, url: 'http://localhost:3000' },
      subjectId: 'urn:uuid:2b7e1c44-0f0e-4d55-b2b1-7a0c9e5d1f22',
      recipientName: 'Nguyễn Thị Hương',
      achievement: {
        id: 'http://localhost:3000/courses/ky-nang-so-co-ban',
        name: { vi: 'Kỹ năng số cơ bản' },
        description: { vi: 'Sử dụng điện thoại thông minh an toàn.' },
        criteriaNarrative: { vi: 'Hoàn thành mọi bài học và đạt bài kiểm tra cuối khóa.' },
        alignments: [
          {
            framework: 'digcomp-2.2',
            frameworkName: 'DigComp 2.2',
            code: '1.1',
            name: 'Duyệt, tìm kiếm và lọc dữ liệu',
            level: 2,
            url: 'http://localhost:3000/frameworks/digcomp-2.2#1.1',
          },
        ],
      },
      validFrom: new Date('2026-11-20T03:00:00Z'),
      status: { statusListCredential: listUrl, statusListIndex: 4242, statusPurpose: 'revocation' },
    }),
    key,
    loader,
  );
  return {
    did,
    doc,
    credential: credential as unknown as Record<string, unknown>,
    list: list as unknown as Record<string, unknown>,
  };
}

/** The public key the proof names, read from the DID document as any verifier would (assertionMethod included). */
function publicKeyFor(doc: ReturnType<typeof didDocument>, verificationMethod: string): string {
  expect(doc.assertionMethod).toContain(verificationMethod);
  const method = doc.verificationMethod.find((m) => m.id === verificationMethod);
  expect(method?.controller).toBe(doc.id);
  return method!.publicKeyMultibase;
}

describe('independent verification of our eddsa-rdfc-2022 proofs (no @digitalbazaar/vc, no data-integrity suite)', () => {
  it('verifies an issued Open Badge credential from the spec algorithm alone', async () => {
    const { doc, credential } = await issueOne();
    const proof = credential.proof as { verificationMethod: string };
    const result = await verifyEddsaRdfc2022(credential, publicKeyFor(doc, proof.verificationMethod));
    expect(result.verified).toBe(true);
    expect(result.proofConfigHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the signed status list credential too', async () => {
    const { doc, list } = await issueOne();
    const proof = list.proof as { verificationMethod: string };
    expect((await verifyEddsaRdfc2022(list, publicKeyFor(doc, proof.verificationMethod))).verified).toBe(
      true,
    );
  });

  it('verifies the OB 3.0 form too: the same proof, written as an array of one', async () => {
    const { doc, credential } = await issueOne();
    const { proof, ...unsigned } = credential as { proof: { verificationMethod: string; created: string } };
    const key = publicKeyFor(doc, proof.verificationMethod);
    const asSet = { ...unsigned, proof: [proof] };
    expect((await verifyEddsaRdfc2022(asSet, key)).verified).toBe(true);
    expect(
      (await verifyEddsaRdfc2022({ ...unsigned, proof: [proof, proof] }, key).catch(() => null))?.verified,
    ).not.toBe(true);
  });

  it('detects a one-character change to the recipient name ("Hương" → "Hưong")', async () => {
    const { doc, credential } = await issueOne();
    const forged = structuredClone(credential) as {
      credentialSubject: { identifier: Array<{ identityHash: string }> };
      proof: { verificationMethod: string };
    };
    forged.credentialSubject.identifier[0]!.identityHash = 'Nguyễn Thị Hưong';
    const original = await verifyEddsaRdfc2022(
      credential,
      publicKeyFor(doc, forged.proof.verificationMethod),
    );
    const result = await verifyEddsaRdfc2022(
      forged as unknown as Record<string, unknown>,
      publicKeyFor(doc, forged.proof.verificationMethod),
    );
    expect(result.verified).toBe(false);
    expect(result.proofConfigHash).toBe(original.proofConfigHash);
    expect(result.documentHash).not.toBe(original.documentHash);
  });

  it('detects a change to the proof options (the created time)', async () => {
    const { doc, credential } = await issueOne();
    const forged = structuredClone(credential) as { proof: { created: string; verificationMethod: string } };
    forged.proof.created = '2020-01-01T00:00:00Z';
    expect(
      (
        await verifyEddsaRdfc2022(
          forged as unknown as Record<string, unknown>,
          publicKeyFor(doc, forged.proof.verificationMethod),
        )
      ).verified,
    ).toBe(false);
  });

  it('rejects the proof under another issuer key', async () => {
    const { credential } = await issueOne();
    const stranger = generateIssuerKey('did:web:localhost%3A3000', 'key-2');
    expect((await verifyEddsaRdfc2022(credential, stranger.publicKeyMultibase)).verified).toBe(false);
  });
});

// The 1EdTech Open Badges 3.0 "Linked Data Proof Test Vector" (ob_v3p0/impl/linked-data-proof-ob.md in
// 1EdTech/openbadges-specification): a published key, canonical N-Quads, hashes and signature. It checks the
// hashing and signature steps above against numbers we did not compute; its credential uses a draft OB context that
// is not on npm, so only the proof configuration (whose terms come from the Data Integrity context) is re-canonicalised.
describe('the 1EdTech eddsa-rdfc-2022 test vector', () => {
  const publicKeyMultibase = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  const proofNQuads = [
    '_:c14n0 <http://purl.org/dc/terms/created> "2010-01-01T19:23:24Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .',
    '_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .',
    '_:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022" .',
    '_:c14n0 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> .',
    '_:c14n0 <https://w3id.org/security#verificationMethod> <https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi> .',
    '',
  ].join('\n');
  const xsd = '<https://www.w3.org/2001/XMLSchema#string>';
  const ob = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
  const documentNQuads = [
    `<did:example:ebfeb1f712ebc6f1c276e12ec21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ob}AchievementSubject> .`,
    `<did:example:ebfeb1f712ebc6f1c276e12ec21> <${ob}Achievement> <https://example.com/achievements/21st-century-skills/teamwork> .`,
    `<http://example.com/credentials/3527> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ob}OpenBadgeCredential> .`,
    '<http://example.com/credentials/3527> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .',
    `<http://example.com/credentials/3527> <https://schema.org/name> "Teamwork Badge"^^${xsd} .`,
    '<http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:ebfeb1f712ebc6f1c276e12ec21> .',
    '<http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#issuanceDate> "2010-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .',
    '<http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#issuer> <https://example.edu/issuers/565049> .',
    `<https://example.com/achievements/21st-century-skills/teamwork> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ob}Achievement> .`,
    `<https://example.com/achievements/21st-century-skills/teamwork> <${ob}Criteria> _:c14n0 .`,
    `<https://example.com/achievements/21st-century-skills/teamwork> <https://schema.org/description> "This badge recognizes the development of the capacity to collaborate within a group environment."^^${xsd} .`,
    `<https://example.com/achievements/21st-century-skills/teamwork> <https://schema.org/name> "Teamwork"^^${xsd} .`,
    `<https://example.edu/issuers/565049> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ob}Profile> .`,
    `<https://example.edu/issuers/565049> <https://schema.org/name> "Example Corp"^^${xsd} .`,
    '<https://example.edu/issuers/565049> <https://schema.org/url> "https://www.imsglobal.org"^^<https://www.w3.org/2001/XMLSchema#anyURI> .',
    `_:c14n0 <${ob}narrative> "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."^^${xsd} .`,
    '',
  ].join('\n');

  it('reproduces the canonical proof configuration from the proof options', async () => {
    const proofConfig = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v1'],
      type: 'DataIntegrityProof',
      created: '2010-01-01T19:23:24Z',
      verificationMethod:
        'https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    };
    expect(await canonicalNQuads(proofConfig)).toBe(proofNQuads);
  });

  it('matches the published hashes and verifies the published signature', async () => {
    expect(hex(sha256(proofNQuads))).toBe('3cf3c265b6c8ebb29b4d5ea310b87d2f31c79b633eff8af561d2e8c97a85c8cb');
    expect(hex(sha256(documentNQuads))).toBe(
      'd994aebd5e53f4af4495dbe9e1155410bae683811107c26acf83671075c163b3',
    );
    const publicKey = ed25519PublicKey(publicKeyMultibase);
    expect(hex(publicKey)).toBe('4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5');
    const signature = base58btc(
      'USD5bjo6mYV1n9i9E6ZwUiHuj4JyZDjCDfDqoJcPi9XJrc9LYstik9mdBvutdwBdquWXjWrwJDVGJrAarvRs8uD',
    );
    expect(hex(signature)).toBe(
      '17a898a91832fa58bd66433e18dc8256522bcf84382994c395c23c26cba71ff8060a2587390e5ed20c4decec45c0c0c9eec1f7d2d1ce91e1ffc992983a74a300',
    );
    const hashData = new Uint8Array([...sha256(proofNQuads), ...sha256(documentNQuads)]);
    expect(await ed.verify(signature, hashData, publicKey)).toBe(true);
    hashData[40]! ^= 1;
    expect(await ed.verify(signature, hashData, publicKey)).toBe(false);
  });
});
