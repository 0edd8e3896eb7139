import type { FrameworkTree } from '@hocvuso/contracts';
import { localize, type LocalizedText } from '@hocvuso/domain';
import { escapeHtml, type PageLang } from '../../common/http/public-page';

/**
 * The server-rendered public page of a skills framework, `/frameworks/<id>`: every competency is an element whose id
 * is its code, so a credential's `alignment[].targetUrl` (`/frameworks/<id>#<code>`) lands on it.
 */

const TEXT = {
  vi: {
    kind: 'Khung năng lực',
    version: 'Phiên bản',
    levels: 'Các mức thành thạo',
    provisional: 'tạm thời: nội dung chưa được đối chiếu với văn bản chính thức',
    notFoundTitle: 'Không tìm thấy khung năng lực',
    notFoundBody: 'Đường dẫn này không trỏ tới khung năng lực nào trên nền tảng Học vụ số.',
    courses: (n: number) => `${n} khóa học`,
  },
  en: {
    kind: 'Skills framework',
    version: 'Version',
    levels: 'Proficiency levels',
    provisional: 'provisional: wording not yet checked against the official text',
    notFoundTitle: 'Framework not found',
    notFoundBody: 'This link does not point to a skills framework of the Học vụ số platform.',
    courses: (n: number) => `${n} course${n === 1 ? '' : 's'}`,
  },
} as const;

const text = (value: LocalizedText | null | undefined, lang: PageLang) =>
  value ? escapeHtml(localize(value as never, lang)) : '';

export const frameworkPageTitle = (framework: FrameworkTree, lang: PageLang) =>
  `${localize(framework.name as never, lang)} · ${TEXT[lang].kind}`;

export function frameworkPageBody(framework: FrameworkTree, lang: PageLang): string {
  const t = TEXT[lang];
  const levels = framework.levels?.length
    ? `<h2>${t.levels}</h2><ol>${framework.levels
        .map(
          (l) =>
            `<li value="${Number(l.code)}">${text(l.name, lang)}${l.band ? ` <span class="muted">(${text(l.band, lang)})</span>` : ''}</li>`,
        )
        .join('')}</ol>`
    : '';
  const domains = framework.domains
    .map(
      (d) => `<section aria-labelledby="domain-${escapeHtml(d.code)}">
<h2 id="domain-${escapeHtml(d.code)}">${escapeHtml(d.code)}. ${text(d.name, lang)}${d.provisional ? ` <span class="muted">(${t.provisional})</span>` : ''}</h2>
<ul>${d.competencies
        .map(
          (c) =>
            `<li id="${escapeHtml(c.code)}"><strong>${escapeHtml(c.code)}</strong> ${text(c.name, lang)}${
              c.provisional ? ` <span class="muted">(${t.provisional})</span>` : ''
            }${c.description ? `<br />${text(c.description, lang)}` : ''}${
              c.courses ? ` <span class="muted">· ${t.courses(c.courses)}</span>` : ''
            }</li>`,
        )
        .join('')}</ul>
</section>`,
    )
    .join('\n');
  return `<p class="muted">${t.kind} · ${t.version} ${escapeHtml(framework.version)}</p>
<h1>${text(framework.name, lang)}</h1>
${framework.notes ? `<p>${text(framework.notes, lang)}</p>` : ''}
${levels}
${domains}`;
}

export const frameworkNotFound = (lang: PageLang) => ({
  title: TEXT[lang].notFoundTitle,
  body: `<h1>${TEXT[lang].notFoundTitle}</h1><p>${TEXT[lang].notFoundBody}</p>`,
});
