import { createHmac } from 'node:crypto';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const USER = '2f1e4c9a-7b1d-4c2e-9a51-3d0c6f2b8e11';
const macWith = (secret: string) => (data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url');
const mac = macWith('unsubscribe-secret-0123456789abcdefghijkl');

describe('one-click unsubscribe tokens', () => {
  it('round-trips: base64url(payload).base64url(HMAC-SHA256)', () => {
    const token = signUnsubscribeToken(USER, mac);
    const [body, sig] = token.split('.');
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'))).toEqual({
      userId: USER,
      purpose: 'reminders',
    });
    expect(sig).toBe(
      createHmac('sha256', 'unsubscribe-secret-0123456789abcdefghijkl').update(body!).digest('base64url'),
    );
    expect(verifyUnsubscribeToken(token, mac)).toEqual({ userId: USER, purpose: 'reminders' });
  });

  it('refuses a token signed with another secret', () => {
    expect(
      verifyUnsubscribeToken(
        signUnsubscribeToken(USER, macWith('another-secret-0123456789abcdefghijklm')),
        mac,
      ),
    ).toBeNull();
  });

  it('refuses a token whose payload was changed to another user', () => {
    const [, sig] = signUnsubscribeToken(USER, mac).split('.');
    const other = Buffer.from(
      JSON.stringify({ userId: '00000000-0000-4000-8000-000000000000', purpose: 'reminders' }),
    ).toString('base64url');
    expect(verifyUnsubscribeToken(`${other}.${sig}`, mac)).toBeNull();
  });

  it('refuses well-signed payloads with the wrong purpose or a malformed user id', () => {
    const sign = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body)}`;
    };
    expect(verifyUnsubscribeToken(sign({ userId: USER, purpose: 'all' }), mac)).toBeNull();
    expect(verifyUnsubscribeToken(sign({ userId: "x' OR 1=1", purpose: 'reminders' }), mac)).toBeNull();
    expect(
      verifyUnsubscribeToken(
        `${Buffer.from('not json').toString('base64url')}.${mac(Buffer.from('not json').toString('base64url'))}`,
        mac,
      ),
    ).toBeNull();
  });

  it('refuses garbage', () => {
    for (const t of ['', 'abc', 'a.b.c', 'a b.c', '.', `${'a'.repeat(600)}.b`])
      expect(verifyUnsubscribeToken(t, mac)).toBeNull();
  });
});
