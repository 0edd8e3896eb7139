import { didDocument, didWebDocumentUrl, didWebFor } from './did';

describe('did:web of the deployment', () => {
  it.each([
    ['http://localhost:3000', 'did:web:localhost%3A3000'],
    ['https://hocvuso.gov.vn', 'did:web:hocvuso.gov.vn'],
    ['https://hocvuso.gov.vn/', 'did:web:hocvuso.gov.vn'],
    ['https://HocVuSo.gov.vn:8443/app/', 'did:web:hocvuso.gov.vn%3A8443:app'],
    ['https://example.vn/a/b', 'did:web:example.vn:a:b'],
  ])('%s → %s', (url, did) => {
    expect(didWebFor(url)).toBe(did);
  });

  it('rejects what cannot be a did:web', () => {
    expect(() => didWebFor('not a url')).toThrow(expect.objectContaining({ code: 'PUBLIC_URL_INVALID' }));
    expect(() => didWebFor('ftp://example.vn')).toThrow(
      expect.objectContaining({ code: 'PUBLIC_URL_INVALID' }),
    );
  });

  it('says where the DID document is published', () => {
    expect(didWebDocumentUrl('did:web:hocvuso.gov.vn')).toBe('https://hocvuso.gov.vn/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:localhost%3A3000')).toBe('http://localhost:3000/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:example.vn%3A8443:app')).toBe('https://example.vn:8443/app/did.json');
  });

  it('lists every key, active first, as verification and assertion methods', () => {
    const did = 'did:web:localhost%3A3000';
    const doc = didDocument(did, [
      { id: `${did}#key-1`, publicKeyMultibase: 'z6MkOld', active: false },
      { id: `${did}#key-2`, publicKeyMultibase: 'z6MkNew', active: true },
    ]);
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#key-2`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkNew' },
        { id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkOld' },
      ],
      assertionMethod: [`${did}#key-2`, `${did}#key-1`],
    });
  });

  it('refuses keys of another DID, duplicates and an empty key list', () => {
    expect(() =>
      didDocument('did:web:a', [{ id: 'did:web:b#key-1', publicKeyMultibase: 'z', active: true }]),
    ).toThrow(expect.objectContaining({ code: 'ISSUER_KEY_ID_INVALID' }));
    const k = { id: 'did:web:a#key-1', publicKeyMultibase: 'z', active: true };
    expect(() => didDocument('did:web:a', [k, k])).toThrow(
      expect.objectContaining({ code: 'ISSUER_KEY_ID_INVALID' }),
    );
    expect(() => didDocument('did:web:a', [])).toThrow(
      expect.objectContaining({ code: 'ISSUER_KEY_MISSING' }),
    );
  });
});
