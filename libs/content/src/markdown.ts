import MarkdownIt from 'markdown-it';

/**
 * Markdown to safe HTML: raw HTML in the source is escaped (never passed through), links are limited to
 * http(s), mailto and tel and relative paths, and external links open without a referrer.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SAFE_LINK = /^(https?:|mailto:|tel:|\/|#|\.\/|[a-z0-9-]+(\/|$))/i;
md.validateLink = (url: string) =>
  SAFE_LINK.test(url.trim()) && !/^(javascript|vbscript|data|file):/i.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^(https?:|\/\/)/i.test(href)) {
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    tokens[idx]!.attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source.normalize('NFC')).normalize('NFC');
}

/** The plain text of a Markdown body, for word counts and search. */
export function markdownText(source: string): string {
  return source
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]/g, ' ');
}
