import { markdownText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('## Khóa màn hình\n\nĐặt **mã PIN**.')).toBe(
      '<h2>Khóa màn hình</h2>\n<p>Đặt <strong>mã PIN</strong>.</p>\n',
    );
  });

  describe('raw HTML is escaped, never passed through', () => {
    it.each([
      ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
      ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
      ['<iframe src="https://evil.example"></iframe>', '&lt;iframe'],
      ['<div onclick="steal()">Bấm vào đây</div>', '&lt;div onclick=&quot;steal()&quot;&gt;'],
    ])('%s', (source, escaped) => {
      const html = renderMarkdown(source);
      expect(html).toContain(escaped);
      expect(html).not.toMatch(/<(script|img|iframe|div)\b/);
    });

    it('escapes a raw HTML block inside a longer lesson', () => {
      const html = renderMarkdown('Đoạn một.\n\n<script>\nfetch("/steal")\n</script>\n\nĐoạn hai.');
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;');
      expect(html).toContain('<p>Đoạn hai.</p>');
    });
  });

  describe('dangerous link targets are dropped', () => {
    it.each([
      '[Bấm](javascript:alert(1))',
      '[Bấm](JavaScript:alert(1))',
      '[Bấm](javascript&colon;alert(1))',
      '[Bấm](&#106;avascript:alert(1))',
      '[Bấm](vbscript:msgbox(1))',
      '[Bấm](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[Bấm](file:///etc/passwd)',
      '![ảnh](javascript:alert(1))',
      '![ảnh](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
      '<javascript:alert(1)>',
    ])('%s', (source) => {
      const html = renderMarkdown(source);
      expect(html).not.toMatch(/<a\s|<img\s/);
      expect(html).not.toMatch(/href=|src=/);
    });
  });

  describe('external links open without a referrer', () => {
    it.each([
      ['[Cổng dịch vụ công](https://dichvucong.gov.vn)', 'https://dichvucong.gov.vn'],
      ['[site](http://example.com/a?b=1)', 'http://example.com/a?b=1'],
      ['Xem https://example.com/huong-dan nhé', 'https://example.com/huong-dan'],
      ['[protocol-relative](//example.com/page)', '//example.com/page'],
    ])('%s', (source, href) => {
      const html = renderMarkdown(source);
      expect(html).toContain(`href="${href}"`);
      expect(html).toContain('rel="noopener noreferrer"');
      expect(html).toContain('target="_blank"');
    });

    it.each([
      ['[bài sau](./next-lesson)', './next-lesson'],
      ['[khóa học](/courses/phone-safety)', '/courses/phone-safety'],
      ['[đầu trang](#top)', '#top'],
      ['[thư](mailto:hotro@example.com)', 'mailto:hotro@example.com'],
      ['[gọi](tel:+84000000000)', 'tel:+84000000000'],
    ])('internal and contact link %s is kept without target or rel', (source, href) => {
      const html = renderMarkdown(source);
      expect(html).toContain(`<a href="${href}">`);
      expect(html).not.toContain('rel=');
      expect(html).not.toContain('target=');
    });
  });

  it('a link title cannot break out of its attribute', () => {
    const html = renderMarkdown('[x](https://example.com "a\\" onmouseover=\\"alert(1)")');
    expect(html).toContain('title="a&quot; onmouseover=&quot;alert(1)"');
    expect(html).not.toMatch(/onmouseover="/);
  });

  it('keeps Vietnamese text NFC even when the source is decomposed (NFD)', () => {
    const nfd = 'Dùng điện thoại thông minh an toàn'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const html = renderMarkdown(`# ${nfd}\n\n**${nfd}**`);
    expect(html).toBe(html.normalize('NFC'));
    expect(html).toContain('<h1>Dùng điện thoại thông minh an toàn</h1>'.normalize('NFC'));
  });
});

describe('markdownText', () => {
  it('keeps link text and drops URLs and Markdown punctuation', () => {
    const text = markdownText('## Tiêu đề\n\n[Cổng](https://example.com) và **đậm**\n\n```\ncode\n```');
    expect(text).toContain('Cổng');
    expect(text).not.toContain('https://');
    expect(text).not.toContain('code');
    expect(text).not.toMatch(/[#*]/);
  });
});
