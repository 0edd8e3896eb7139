import { createHmac } from 'node:crypto';
import type { Mac } from '@hocvuso/domain';

/**
 * The MAC of person-to-person invitation links (ambassadors, households): HMAC-SHA256 under a key derived from
 * the cookie secret for this one purpose, so an invitation token never verifies as anything else.
 */
export function invitationLinkMac(cookieSecret: string): Mac {
  const key = createHmac('sha256', cookieSecret).update('hocvuso:invitation-link:v1').digest();
  return (data) => createHmac('sha256', key).update(data).digest('base64url');
}
