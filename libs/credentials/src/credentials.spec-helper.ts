// A small, self-contained issuing world for the tests: one did:web, its keys, its status lists, and an offline loader
// over them. Each test builds its own.
import { didDocument, type DidKeyEntry } from './did';
import { createDocumentLoader, type DocumentLoader } from './document-loader';
import { generateIssuerKey, type IssuerKey } from './keys';
import { buildOpenBadgeCredential, type OpenBadgeInput } from './open-badge';
import { type PublishedStatusEntry, signCredential, signOpenBadge } from './sign';
import { buildStatusListCredential, createStatusList, setStatusBit, type StatusPurpose } from './status-list';

export const PUBLIC_URL = 'https://hocvuso.example.vn';
export const DID = 'did:web:hocvuso.example.vn';
export const ISSUED_AT = new Date('2026-11-20T03:00:00Z');
export const LEARNER_NAME = 'Nguyễn Thị Hương';

export const listUrl = (purpose: StatusPurpose) => `${PUBLIC_URL}/api/status-lists/${purpose}-1`;

export interface World {
  did: string;
  key: IssuerKey;
  keys: DidKeyEntry[];
  keySecrets: Map<string, IssuerKey>;
  statusLists: Map<string, object>;
  encoded: Map<StatusPurpose, string>;
  loader: DocumentLoader;
  /** Adds a key (rotation): the new one becomes active, the old ones stay listed. */
  rotate(keyId: string): IssuerKey;
  /** Sets a bit and publishes the re-signed status list credential. */
  setBit(purpose: StatusPurpose, index: number, value: boolean): Promise<void>;
  calls: { didDocuments: string[]; statusLists: string[] };
}

export async function createWorld(options: { did?: string } = {}): Promise<World> {
  const did = options.did ?? DID;
  const key = generateIssuerKey(did, 'key-1');
  const calls = { didDocuments: [] as string[], statusLists: [] as string[] };
  const world: World = {
    did,
    key,
    keys: [{ id: key.id, publicKeyMultibase: key.publicKeyMultibase, active: true }],
    keySecrets: new Map([[key.id, key]]),
    statusLists: new Map(),
    encoded: new Map(),
    loader: createDocumentLoader({
      didDocuments: (d) => {
        calls.didDocuments.push(d);
        return d === world.did ? didDocument(world.did, world.keys) : undefined;
      },
      statusLists: async (url) => {
        calls.statusLists.push(url);
        return world.statusLists.get(url);
      },
    }),
    rotate(keyId) {
      const next = generateIssuerKey(did, keyId);
      world.keys = [
        ...world.keys.map((k) => ({ ...k, active: false })),
        { id: next.id, publicKeyMultibase: next.publicKeyMultibase, active: true },
      ];
      world.keySecrets.set(next.id, next);
      world.key = next;
      return next;
    },
    async setBit(purpose, index, value) {
      const encodedList = await setStatusBit(world.encoded.get(purpose)!, index, value);
      world.encoded.set(purpose, encodedList);
      await publish(world, purpose);
    },
    calls,
  };
  for (const purpose of ['revocation', 'suspension'] as const) {
    world.encoded.set(purpose, await createStatusList());
    await publish(world, purpose);
  }
  return world;
}

async function publish(world: World, purpose: StatusPurpose): Promise<void> {
  const unsigned = buildStatusListCredential({
    id: listUrl(purpose),
    issuerDid: world.did,
    encodedList: world.encoded.get(purpose)!,
    statusPurpose: purpose,
    validFrom: new Date('2026-01-01T00:00:00Z'),
  });
  world.statusLists.set(
    listUrl(purpose),
    await signCredential(unsigned, world.key, world.loader, { now: new Date('2026-01-01T00:00:00Z') }),
  );
}

export function badgeInput(world: World, overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    id: 'urn:uuid:6f1d3c1e-8a55-4c1b-9a63-2b8d4a0f7e11',
    issuer: { did: world.did, name: { vi: 'Học vụ số', en: 'Hoc vu so' }, url: PUBLIC_URL },
    subjectId: 'urn:uuid:2b7e1c44-0f0e-4d55-b2b1-7a0c9e5d1f22',
    recipientName: LEARNER_NAME,
    achievement: {
      id: `${PUBLIC_URL}/courses/ky-nang-so-co-ban`,
      name: { vi: 'Kỹ năng số cơ bản', en: 'Basic digital skills' },
      description: {
        vi: 'Sử dụng điện thoại thông minh an toàn và hiệu quả.',
        en: 'Using a smartphone safely and well.',
      },
      criteriaNarrative: {
        vi: 'Hoàn thành mọi bài học và đạt bài kiểm tra cuối khóa.',
        en: 'Completed every lesson and passed the final quiz.',
      },
      alignments: [
        {
          framework: 'digcomp-2.2',
          frameworkName: 'DigComp 2.2',
          code: '1.1',
          name: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số',
          level: 2,
          url: `${PUBLIC_URL}/frameworks/digcomp-2.2#1.1`,
        },
        {
          framework: 'digcomp-2.2',
          frameworkName: 'DigComp 2.2',
          code: '4.2',
          name: 'Bảo vệ dữ liệu cá nhân và quyền riêng tư',
          level: null,
          url: `${PUBLIC_URL}/frameworks/digcomp-2.2#4.2`,
        },
      ],
    },
    validFrom: ISSUED_AT,
    status: {
      statusListCredential: listUrl('revocation'),
      statusListIndex: 4242,
      statusPurpose: 'revocation',
    },
    ...overrides,
  };
}

/** A credential as issued now: one revocation entry, `proof` an array of one. */
export async function issue(world: World, overrides: Partial<OpenBadgeInput> = {}) {
  return signOpenBadge(buildOpenBadgeCredential(badgeInput(world, overrides)), world.key, world.loader, {
    now: ISSUED_AT,
  });
}

/** The issuer's suspension entry for the test credential (index 4242), published beside the credential. */
export const publishedSuspension = async (): Promise<PublishedStatusEntry[]> => [
  { statusListCredential: listUrl('suspension'), statusListIndex: 4242, statusPurpose: 'suspension' },
];

/**
 * A credential as issued before the OB 3.0 schema fix: `credentialStatus` an array of the revocation and the
 * suspension entries, `proof` one object. Such credentials are in wallets and must keep verifying.
 */
export async function issueLegacy(world: World, overrides: Partial<OpenBadgeInput> = {}) {
  const unsigned = buildOpenBadgeCredential(badgeInput(world, overrides));
  const suspension = {
    id: `${listUrl('suspension')}#4242`,
    type: 'BitstringStatusListEntry' as const,
    statusPurpose: 'suspension' as const,
    statusListIndex: '4242',
    statusListCredential: listUrl('suspension'),
  };
  return signCredential(
    { ...unsigned, credentialStatus: [unsigned.credentialStatus, suspension] },
    world.key,
    world.loader,
    {
      now: ISSUED_AT,
    },
  );
}

/** "Now" for verification: a week after issuing. */
export const VERIFY_AT = new Date('2026-11-27T03:00:00Z');
