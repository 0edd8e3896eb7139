import { describe, expect, it } from '@jest/globals';
import { competencyLink } from './competency-link';

const ORIGIN = 'https://hocvuso.example';

describe('the competency links of a verified certificate', () => {
  it("opens this platform's framework page on the competency", () => {
    expect(competencyLink(`${ORIGIN}/frameworks/tt02-2025#4.2`, ORIGIN)).toBe('/frameworks/tt02-2025#4.2');
  });

  it('gives no link to another host, another scheme or another path', () => {
    for (const url of [
      'https://evil.example/frameworks/tt02-2025#4.2',
      'javascript:alert(1)',
      `${ORIGIN}/admin#4.2`,
      `${ORIGIN}/frameworks/../admin#1`,
      `${ORIGIN}/frameworks/tt02-2025?next=//evil.example#1`,
      `http://hocvuso.example/frameworks/tt02-2025#1`,
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(competencyLink(url, ORIGIN)).toBeNull();
    }
  });

  it('follows the path of a credential this platform signed, whatever address it was issued under', () => {
    expect(competencyLink('http://localhost:3000/frameworks/digcomp-2.2#4.2', ORIGIN, true)).toBe(
      '/frameworks/digcomp-2.2#4.2',
    );
    expect(competencyLink('http://localhost:3000/frameworks/digcomp-2.2#4.2', ORIGIN)).toBeNull();
    expect(competencyLink('javascript:alert(1)//frameworks/x', ORIGIN, true)).toBeNull();
    expect(competencyLink('https://hocvuso.example/admin', ORIGIN, true)).toBeNull();
  });
});
