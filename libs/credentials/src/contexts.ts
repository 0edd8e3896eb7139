/** Context URLs of the credentials this library writes; all of them are bundled (see document-loader.ts). */
export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_URL = 'https://w3id.org/security/multikey/v1';
