import { describe, expect, it } from '@jest/globals';
import { canShareLink, shareLink, type ShareData } from './share-link';

const data: ShareData = {
  title: 'Chứng chỉ',
  text: 'Chứng chỉ của tôi',
  url: 'https://hocvuso.example/verify/1',
};

describe('shareLink', () => {
  it('opens the share sheet where the browser has one, and copies nothing', async () => {
    const shared: ShareData[] = [];
    const copied: string[] = [];
    const outcome = await shareLink(
      data,
      { share: async (d) => void shared.push(d), canShare: () => true },
      async (text) => (copied.push(text), true),
    );
    expect(outcome).toBe('shared');
    expect(shared).toEqual([data]);
    expect(copied).toEqual([]);
  });

  it('treats closing the sheet as a choice, not a failure: nothing is copied', async () => {
    const copied: string[] = [];
    const abort = Object.assign(new Error('closed'), { name: 'AbortError' });
    const outcome = await shareLink(
      data,
      { share: () => Promise.reject(abort) },
      async (t) => (copied.push(t), true),
    );
    expect(outcome).toBe('cancelled');
    expect(copied).toEqual([]);
  });

  it('copies the link when sharing is refused for another reason, or there is no share sheet', async () => {
    const denied = Object.assign(new Error('no'), { name: 'NotAllowedError' });
    expect(await shareLink(data, { share: () => Promise.reject(denied) }, async () => true)).toBe('copied');
    expect(await shareLink(data, {}, async () => true)).toBe('copied');
    expect(await shareLink(data, undefined, async () => false)).toBe('failed');
  });

  it('does not offer the sheet when the browser says it cannot share this', () => {
    expect(canShareLink({ share: async () => undefined, canShare: () => false }, data)).toBe(false);
    expect(canShareLink({ share: async () => undefined }, data)).toBe(true);
    expect(canShareLink({}, data)).toBe(false);
  });
});
