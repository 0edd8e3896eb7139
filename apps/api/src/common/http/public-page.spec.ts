import { escapeHtml, prefersJson } from './public-page';

describe('content negotiation of the public pages (/verify/<id>, /frameworks/<id>)', () => {
  it.each([
    [undefined],
    [''],
    ['*/*'],
    ['text/html'],
    ['text/*'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'],
    ['image/avif,image/webp,*/*'],
    ['application/json;q=0.5, text/html'],
    ['application/json, text/html'],
    ['application/json;q=0'],
    ['application/json;q=abc'],
    ['APPLICATION/XML'],
  ])('answers HTML for Accept %p', (accept) => {
    expect(prefersJson(accept)).toBe(false);
  });

  it.each([
    ['application/json'],
    ['application/ld+json'],
    ['application/vc+json'],
    ['application/json, text/plain, */*'],
    ['text/html;q=0.5, application/json'],
    [' Application/JSON ; charset=utf-8'],
  ])('answers JSON for Accept %p', (accept) => {
    expect(prefersJson(accept)).toBe(true);
  });

  it('escapes everything a hostile value could use to break out of the page', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
  });
});
