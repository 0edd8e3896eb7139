import { createHmac } from 'node:crypto';
import { invitationLinkExpired, readInvitationLink, signInvitationLink } from './invitation-link';

const mac = (secret: string) => (data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url');
const ID = '0b7f4f0e-5d2a-4c57-9a39-2f4f8a0d6c11';

describe('invitation links: signed, of one kind, expiring', () => {
  const token = signInvitationLink({ kind: 'mentor', invitationId: ID, expiresAt: 2_000_000_000 }, mac('s'));

  it('reads back a genuine token of its kind', () => {
    expect(readInvitationLink(token, 'mentor', mac('s'))).toEqual({
      kind: 'mentor',
      invitationId: ID,
      expiresAt: 2_000_000_000,
    });
  });

  it('refuses another kind, another secret, an altered payload or signature, and junk', () => {
    expect(readInvitationLink(token, 'household', mac('s'))).toBeNull();
    expect(readInvitationLink(token, 'mentor', mac('other'))).toBeNull();
    const [body, sig] = token.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ k: 'mentor', i: ID, e: 9_999_999_999 })).toString(
      'base64url',
    );
    expect(readInvitationLink(`${altered}.${sig}`, 'mentor', mac('s'))).toBeNull();
    expect(readInvitationLink(`${body}.${sig.slice(1)}A`, 'mentor', mac('s'))).toBeNull();
    for (const junk of ['', '.', 'a.b.c', `${token}\u0000`, `\u202e${token}`, 'x'.repeat(5000), 42, null])
      expect(readInvitationLink(junk, 'mentor', mac('s'))).toBeNull();
  });

  it('refuses a well-signed payload that is not an invitation', () => {
    const sign = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac('s')(body)}`;
    };
    expect(readInvitationLink(sign({ k: 'mentor', i: 'not-a-uuid', e: 1 }), 'mentor', mac('s'))).toBeNull();
    expect(readInvitationLink(sign({ k: 'mentor', i: ID, e: '1' }), 'mentor', mac('s'))).toBeNull();
    expect(readInvitationLink(sign({ k: 'mentor', i: ID, e: 1.5 }), 'mentor', mac('s'))).toBeNull();
  });

  it('expires at its second', () => {
    expect(invitationLinkExpired({ expiresAt: 100 }, new Date(99_999))).toBe(false);
    expect(invitationLinkExpired({ expiresAt: 100 }, new Date(100_000))).toBe(true);
  });
});
