import { escapeHtml, prefersJson, publicPageHtml } from './public-page';

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
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });
});

describe('the public page inside the web app shell', () => {
  const shell =
    '<!doctype html><html lang="vi"><head><title>Học vụ số</title></head><body><div id="root"></div></body></html>';

  it("keeps `$&`, `$'` and `` $` `` in a name or title as typed (they are not replacement patterns)", () => {
    const name = escapeHtml("Lê $& $' $` $$ Hà");
    const html = publicPageHtml(
      { lang: 'en', title: 'Chứng chỉ của $& Hà', body: `<h1>${name}</h1>` },
      shell,
    );
    expect(html).toContain(`<main><h1>Lê $&amp; $&#39; $\` $$ Hà</h1></main>`);
    expect(html).toContain('<title>Chứng chỉ của $&amp; Hà</title>');
    expect(html).toContain('<html lang="en"');
    expect(html.match(/<div id="root">/g)).toHaveLength(1);
  });
});
