import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a unit's campaign award (docs/campaigns.md): a unit is not a person the Open Badges pipeline
 * issues to, so its award is a record whose SHA-256 digest is signed with HMAC-SHA256 under a key derived from the
 * cookie secret for this one purpose. Only the platform can check it (it is not a public credential).
 */
export class AwardSignature {
  private readonly key: Buffer;

  constructor(cookieSecret: string) {
    this.key = createHmac('sha256', cookieSecret).update('hocvuso:campaign-unit-award:v1').digest();
  }

  digest(record: string): string {
    return createHash('sha256').update(record).digest('hex');
  }

  sign(digest: string): string {
    return createHmac('sha256', this.key).update(digest).digest('base64url');
  }

  /** Whether a stored record, digest and signature still belong together. */
  valid(record: string, digest: string, signature: string): boolean {
    if (this.digest(record) !== digest) return false;
    const expected = Buffer.from(this.sign(digest));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
