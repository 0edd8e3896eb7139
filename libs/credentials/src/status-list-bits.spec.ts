import {
  buildStatusListCredential,
  createStatusList,
  getStatusBit,
  randomStatusIndex,
  setStatusBit,
  STATUS_LIST_LENGTH,
} from './status-list';

describe('bitstring status lists', () => {
  it('starts empty: 131,072 clear bits in a short multibase string', async () => {
    const empty = await createStatusList();
    expect(STATUS_LIST_LENGTH).toBe(131_072);
    expect(empty).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(empty.length).toBeLessThan(100);
    for (const i of [0, 1, 4242, STATUS_LIST_LENGTH - 1]) expect(await getStatusBit(empty, i)).toBe(false);
  });

  it('sets and clears one bit without touching its neighbours', async () => {
    const empty = await createStatusList();
    const set = await setStatusBit(empty, 4242, true);
    expect(await getStatusBit(set, 4242)).toBe(true);
    expect(await getStatusBit(set, 4241)).toBe(false);
    expect(await getStatusBit(set, 4243)).toBe(false);
    expect(await setStatusBit(set, 4242, false)).toBe(empty);
  });

  it('is idempotent: setting a set bit gives the same encoded list', async () => {
    const once = await setStatusBit(await createStatusList(), 7, true);
    expect(await setStatusBit(once, 7, true)).toBe(once);
    expect(await setStatusBit(await createStatusList(), 7, false)).toBe(await createStatusList());
  });

  it('refuses indices outside the list and lists of another length', async () => {
    const empty = await createStatusList();
    await expect(setStatusBit(empty, STATUS_LIST_LENGTH, true)).rejects.toMatchObject({
      code: 'STATUS_INDEX_OUT_OF_RANGE',
    });
    await expect(getStatusBit(empty, -1)).rejects.toMatchObject({ code: 'STATUS_INDEX_OUT_OF_RANGE' });
    await expect(getStatusBit(empty, 1.5)).rejects.toMatchObject({ code: 'STATUS_INDEX_OUT_OF_RANGE' });
    await expect(getStatusBit('unot-gzip', 1)).rejects.toMatchObject({ code: 'STATUS_LIST_INVALID' });
    await expect(getStatusBit('H4sIAAAAAAAAA', 1)).rejects.toMatchObject({ code: 'STATUS_LIST_INVALID' });
  });

  it('builds the VC 2.0 BitstringStatusListCredential to sign', async () => {
    const encodedList = await createStatusList();
    expect(
      buildStatusListCredential({
        id: 'https://hocvuso.example.vn/api/status-lists/9',
        issuerDid: 'did:web:hocvuso.example.vn',
        encodedList,
        statusPurpose: 'suspension',
        validFrom: new Date('2026-11-28T10:11:12.345Z'),
      }),
    ).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://hocvuso.example.vn/api/status-lists/9',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:hocvuso.example.vn',
      validFrom: '2026-11-28T10:11:12Z',
      credentialSubject: {
        id: 'https://hocvuso.example.vn/api/status-lists/9#list',
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        encodedList,
        // Verifiers may cache the list for 60 s (milliseconds here), as the endpoint's Cache-Control says.
        ttl: 60_000,
      },
    });
  });
});

describe('random status indices', () => {
  it('draws uniformly over the whole list, not sequentially', () => {
    const drawn = Array.from({ length: 200 }, () => randomStatusIndex());
    expect(drawn.every((i) => Number.isInteger(i) && i >= 0 && i < STATUS_LIST_LENGTH)).toBe(true);
    expect(new Set(drawn).size).toBeGreaterThan(190);
    expect(Math.max(...drawn) - Math.min(...drawn)).toBeGreaterThan(STATUS_LIST_LENGTH / 2);
  });

  it('skips indices the caller knows are used (a Set or a predicate)', () => {
    const taken = new Set(Array.from({ length: STATUS_LIST_LENGTH - 1 }, (_, i) => i + 1)); // only 0 is free
    expect(randomStatusIndex(taken)).toBe(0);
    expect(randomStatusIndex((i) => i !== 77_777)).toBe(77_777);
  });

  it('says STATUS_LIST_FULL when nothing is free', () => {
    expect(() => randomStatusIndex(() => true)).toThrow(
      expect.objectContaining({ code: 'STATUS_LIST_FULL' }),
    );
  });
});
