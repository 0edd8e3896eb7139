import { createHmac } from 'node:crypto';
import { signUnsubscribeToken } from '@hocvuso/domain';

/** The one-click unsubscribe address of a learner: `${PUBLIC_URL}/api/notifications/unsubscribe?token=…`. */
export function unsubscribeUrl(publicUrl: string, secret: string, userId: string): string {
  const token = signUnsubscribeToken(userId, (data) =>
    createHmac('sha256', secret).update(data).digest('base64url'),
  );
  return `${publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** RFC 2369 and RFC 8058 headers: mail clients show an "unsubscribe" button that POSTs to the link. */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
