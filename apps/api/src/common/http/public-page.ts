import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '@hocvuso/domain';

/**
 * Public pages the api answers outside /api (a certificate's QR link `/verify/<id>`, a competency's
 * `alignment.targetUrl` `/frameworks/<id>#<code>`): the same URL serves a person's browser, a phone's camera app
 * and a machine.
 */

export type PageLang = 'vi' | 'en';

const JSON_TYPES = new Set(['application/json', 'application/ld+json']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Whether a request asks for JSON explicitly: `application/json` (or `ld+json`, or any `+json` type) is listed with
 * a q above 0 and above every HTML type listed. A missing header, `*∕*`, `text/*` or a browser's usual header all
 * mean HTML, so a camera app or a link preview never gets a 406 or a JSON error.
 */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let json = 0;
  let html = -1;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.trim().toLowerCase().split(';');
    const type = rawType?.trim() ?? '';
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (JSON_TYPES.has(type) || /^application\/[a-z0-9.+-]+\+json$/.test(type)) json = Math.max(json, q);
    else if (HTML_TYPES.has(type)) html = Math.max(html, q);
  }
  return json > 0 && json > html;
}

/** `?lang=en`, else the first of Accept-Language that we have; Vietnamese by default. */
export function pageLang(request: FastifyRequest): PageLang {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (query === 'en' || query === 'vi') return query;
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  for (const part of header.split(',')) {
    const tag = part.trim().split(/[;-]/)[0];
    if (tag === 'vi' || tag === 'en') return tag;
  }
  return 'vi';
}

export { escapeHtml } from '@hocvuso/domain';

const shells = new Map<string, string | null>();

/** The built web app's index.html, when there is one (read once). */
function spaShell(webDist: string | undefined): string | null {
  const dir = resolve(webDist ?? 'dist/apps/web');
  if (!shells.has(dir)) {
    const file = join(dir, 'index.html');
    shells.set(dir, existsSync(file) ? readFileSync(file, 'utf8') : null);
  }
  return shells.get(dir)!;
}

const STANDALONE_STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:48rem;padding:1rem;color:#1a1a1a}
a{color:#0b4f8a}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.5rem}li{margin:.25rem 0}
:target{outline:3px solid #0b4f8a;outline-offset:2px}.muted{color:#555}`;

export interface PublicPage {
  lang: PageLang;
  title: string;
  /** Trusted HTML (every value in it escaped by the caller). */
  body: string;
  status?: number;
  cacheControl: string;
}

/**
 * Sends a server-rendered page. With the web app built, its index.html carries the page inside `#root`, so a browser
 * with JavaScript gets the full app at the same URL (React replaces the content) and anything without it (a
 * crawler, a link preview, a phone with scripts off) still reads the page; without the web app, a small standalone
 * document.
 */
export function sendPublicPage(reply: FastifyReply, page: PublicPage, webDist: string | undefined): void {
  void reply
    .status(page.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', page.cacheControl)
    .header('vary', 'accept, accept-language')
    .send(publicPageHtml(page, spaShell(webDist)));
}

/** The page's document: inside the web app's index.html when there is one, else a small standalone document. */
export function publicPageHtml(
  page: Pick<PublicPage, 'lang' | 'title' | 'body'>,
  shell: string | null,
): string {
  const title = escapeHtml(page.title);
  return shell
    ? shell
        // Replacer functions: a replacement string would read `$&`, `$'` or `` $` `` in a learner's name or a
        // course title as patterns and garble the page.
        .replace(/<html lang="[^"]*"/, () => `<html lang="${page.lang}"`)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>`)
        .replace('<div id="root"></div>', () => `<div id="root"><main>${page.body}</main></div>`)
    : `<!doctype html>
<html lang="${page.lang}" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}</title>
<style>${STANDALONE_STYLE}</style>
</head>
<body>
<main>${page.body}</main>
</body>
</html>
`;
}
