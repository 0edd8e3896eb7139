import { randomInt } from 'node:crypto';
import { createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { DomainError, ValidationError } from '@hocvuso/domain';
import { VC_V2_CONTEXT_URL } from './contexts';
import { xsdDateTime } from './normalize';

/**
 * Bits per status list: 131,072 (16 KiB), the Bitstring Status List minimum for herd privacy. An empty list
 * encodes (gzip + base64url, multibase `u`) to well under 100 characters.
 */
export const STATUS_LIST_LENGTH = 131_072;

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * How long a verifier (or any cache between it and us) may use a status list before fetching it again: 60 s. The
 * status list endpoint sends `Cache-Control: public, max-age=60, must-revalidate` (no stale-while-revalidate, an
 * ETag for cheap revalidation) and the list credential says `ttl: 60000` (milliseconds, Bitstring Status List
 * v1.0), so a revocation or suspension is visible to every verifier within 60 seconds of the change.
 */
export const STATUS_LIST_TTL_SECONDS = 60;

export type StatusListCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
    /** Milliseconds a verifier may cache the list (`STATUS_LIST_TTL_SECONDS`). */
    ttl: number;
  };
};

function assertIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= STATUS_LIST_LENGTH) {
    throw new ValidationError(
      'STATUS_INDEX_OUT_OF_RANGE',
      `A status list index is an integer in [0, ${STATUS_LIST_LENGTH}).`,
      { index },
    );
  }
}

async function decode(encodedList: string) {
  let list;
  try {
    list = await decodeList({ encodedList });
  } catch (err) {
    throw new ValidationError('STATUS_LIST_INVALID', 'The encoded status list cannot be decoded.', {
      reason: (err as Error).message,
    });
  }
  if (list.length !== STATUS_LIST_LENGTH) {
    throw new ValidationError(
      'STATUS_LIST_INVALID',
      `A status list has ${STATUS_LIST_LENGTH} entries, this one has ${list.length}.`,
    );
  }
  return list;
}

/** The encoded form (`u…`) of a list with every bit clear. */
export async function createStatusList(): Promise<string> {
  return (await createList({ length: STATUS_LIST_LENGTH })).encode();
}

/** The list with one bit set or cleared, as a new encoded list (setting a bit twice changes nothing). */
export async function setStatusBit(encodedList: string, index: number, value: boolean): Promise<string> {
  assertIndex(index);
  const list = await decode(encodedList);
  list.setStatus(index, value);
  return list.encode();
}

export async function getStatusBit(encodedList: string, index: number): Promise<boolean> {
  assertIndex(index);
  return (await decode(encodedList)).getStatus(index);
}

/**
 * The unsigned VC 2.0 `BitstringStatusListCredential` for a list; sign it with `signCredential` and the same issuer
 * key family as the credentials it covers (verification requires the two issuers to match). Re-sign on every
 * change, and after a key rotation.
 */
export function buildStatusListCredential(input: {
  id: string;
  issuerDid: string;
  encodedList: string;
  statusPurpose: StatusPurpose;
  validFrom: Date;
}): StatusListCredential {
  if (!/^https?:\/\//.test(input.id) || input.id.includes('#')) {
    throw new ValidationError(
      'STATUS_LIST_URL_INVALID',
      `A status list credential id is an http(s) URL without a fragment: ${input.id}`,
    );
  }
  if (!input.encodedList.startsWith('u'))
    throw new ValidationError('STATUS_LIST_INVALID', 'An encoded status list starts with "u".');
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuerDid,
    validFrom: xsdDateTime(input.validFrom),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose,
      encodedList: input.encodedList,
      ttl: STATUS_LIST_TTL_SECONDS * 1000,
    },
  };
}

/**
 * A uniformly random index in [0, STATUS_LIST_LENGTH) (indices are random, never sequential, so a list's bits say
 * nothing about issuing order). `used` (a predicate or a Set) lets the caller skip indices it knows are taken; it
 * is optional because the real guarantee is the caller's: a unique constraint on (list, index) in the database, and
 * a fresh draw when an insert collides. Throws `STATUS_LIST_FULL` when no free index can be found.
 */
export function randomStatusIndex(used?: ((index: number) => boolean) | Set<number>): number {
  const isUsed = used === undefined ? () => false : used instanceof Set ? (i: number) => used.has(i) : used;
  for (let attempt = 0; attempt < 64; attempt++) {
    const index = randomInt(STATUS_LIST_LENGTH);
    if (!isUsed(index)) return index;
  }
  // Nearly full: walk from a random start so a free index is still found if there is one.
  const start = randomInt(STATUS_LIST_LENGTH);
  for (let step = 0; step < STATUS_LIST_LENGTH; step++) {
    const index = (start + step) % STATUS_LIST_LENGTH;
    if (!isUsed(index)) return index;
  }
  throw new DomainError(
    'STATUS_LIST_FULL',
    'conflict',
    'Every index of this status list is in use; start a new list.',
  );
}
