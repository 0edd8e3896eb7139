import { copyText } from './copy-text';

/** What sharing a link did: the phone's share sheet sent it, the person closed the sheet, it was copied, or neither. */
export type ShareOutcome = 'shared' | 'cancelled' | 'copied' | 'failed';

export interface ShareData {
  title: string;
  text: string;
  url: string;
}

/** The part of `navigator` that sharing uses (a parameter, so the rule is tested without a browser). */
export interface ShareCapable {
  share?: (data: ShareData) => Promise<void>;
  canShare?: (data: ShareData) => boolean;
}

/** Whether this browser has a share sheet (Web Share API: phones, most desktop systems but Linux). */
export function canShareLink(nav: ShareCapable | undefined, data: ShareData): boolean {
  if (typeof nav?.share !== 'function') return false;
  return typeof nav.canShare !== 'function' || nav.canShare(data);
}

/**
 * Shares a link the way a phone user expects: the system's share sheet (Zalo, Messenger, SMS…) where there is one,
 * else the clipboard. Closing the sheet is not a failure; any other refusal falls back to copying.
 */
export async function shareLink(
  data: ShareData,
  nav: ShareCapable | undefined = typeof navigator === 'undefined' ? undefined : navigator,
  copy: (text: string) => Promise<boolean> = copyText,
): Promise<ShareOutcome> {
  if (canShareLink(nav, data)) {
    try {
      await nav!.share!(data);
      return 'shared';
    } catch (e) {
      if ((e as { name?: string } | null)?.name === 'AbortError') return 'cancelled';
    }
  }
  return (await copy(data.url)) ? 'copied' : 'failed';
}
