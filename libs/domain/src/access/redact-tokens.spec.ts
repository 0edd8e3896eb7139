import { redactLinkTokens } from './redact-tokens';

describe('redactLinkTokens', () => {
  it('replaces the token of reset, invitation and unsubscribe links, in text, HTML and headers', () => {
    const token = 'Ab3_-xYz'.repeat(5);
    expect(redactLinkTokens(`Mở https://hocvuso.example/reset-password?token=${token}\nrồi`)).toBe(
      'Mở https://hocvuso.example/reset-password?token=REDACTED\nrồi',
    );
    expect(
      redactLinkTokens(
        `<a href="https://x.example/api/notifications/unsubscribe?lang=vi&amp;token=${token}">`,
      ),
    ).toBe('<a href="https://x.example/api/notifications/unsubscribe?lang=vi&amp;token=REDACTED">');
    expect(redactLinkTokens(`<https://x.example/u?TOKEN=${token}&lang=en>`)).toBe(
      '<https://x.example/u?TOKEN=REDACTED&lang=en>',
    );
  });

  it('leaves text without such parameters alone (a word "token=" outside a link is not a link parameter)', () => {
    expect(redactLinkTokens('Xin chào, token= is a word here; https://x.example/me/invitations')).toBe(
      'Xin chào, token= is a word here; https://x.example/me/invitations',
    );
  });
});
