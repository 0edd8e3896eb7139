// @hocvuso/credentials: Open Badges 3.0 credentials on VC 2.0 (eddsa-rdfc-2022 Data Integrity proofs, did:web,
// Bitstring Status Lists) and the PDF certificate. Pure functions and small helpers: no database, no HTTP, no
// process.env; the offline document loader is fed by callbacks.
export * from './contexts';
export * from './keys';
export * from './did';
export * from './document-loader';
export * from './open-badge';
export * from './sign';
export * from './status-list';
export * from './pdf';
export * from './jws';
