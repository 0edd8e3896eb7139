import { didDocument } from './did';
import { BUNDLED_CONTEXTS, createDocumentLoader } from './document-loader';

const did = 'did:web:hocvuso.example.vn';
const doc = didDocument(did, [
  {
    id: `${did}#key-1`,
    publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    active: true,
  },
]);
const statusList = {
  id: 'https://hocvuso.example.vn/api/status-lists/1',
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
};

const loader = createDocumentLoader({
  didDocuments: (d) => (d === did ? doc : undefined),
  statusLists: async (url) => (url === statusList.id ? statusList : undefined),
});

describe('the offline document loader', () => {
  it('ships every context our credentials, DID documents and status lists use', async () => {
    for (const url of [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/did/v1',
      'https://www.w3.org/ns/credentials/status/v1',
    ]) {
      expect(BUNDLED_CONTEXTS.has(url)).toBe(true);
      expect(await loader(url)).toMatchObject({
        contextUrl: null,
        documentUrl: url,
        document: { '@context': expect.anything() },
      });
    }
  });

  it('resolves our DID and its key fragment, the key with the Multikey context', async () => {
    expect((await loader(did)).document).toEqual(doc);
    expect((await loader(`${did}#key-1`)).document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${did}#key-1`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: doc.verificationMethod[0]!.publicKeyMultibase,
    });
  });

  it('resolves our status list credentials', async () => {
    expect((await loader(statusList.id)).document).toEqual(statusList);
  });

  it('throws for anything else instead of going to the network', async () => {
    await expect(loader('https://example.com/context.json')).rejects.toThrow(/not available offline/);
    await expect(loader('did:web:other.example')).rejects.toThrow(/Unknown DID/);
    await expect(loader(`${did}#key-2`)).rejects.toThrow(/Unknown verification method/);
    await expect(loader('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).rejects.toThrow(
      /Unknown DID/,
    );
  });

  it('hands out clones, so a library that mutates a document cannot poison the next lookup', async () => {
    const first = (await loader('https://www.w3.org/ns/credentials/v2')).document as Record<string, unknown>;
    first['@context'] = 'poisoned';
    const second = (await loader('https://www.w3.org/ns/credentials/v2')).document as Record<string, unknown>;
    expect(second['@context']).not.toBe('poisoned');
    ((await loader(did)).document as { id: string }).id = 'did:web:evil';
    expect(((await loader(did)).document as { id: string }).id).toBe(did);
  });
});
