import type { VerificationResponse } from '@hocvuso/contracts';
import { escapeHtml, type PageLang } from '../../common/http/public-page';

/** The server-rendered `/verify/<id>` page (the web app replaces it when scripts run). */

// The wording of the web app's verify page (apps/web/src/i18n/sections/account.*.json, `verify`).
const TEXT = {
  vi: {
    title: 'Xác minh chứng chỉ',
    verdict: {
      valid: 'Chứng chỉ hợp lệ',
      revoked: 'Chứng chỉ đã bị thu hồi',
      suspended: 'Chứng chỉ đang bị tạm đình chỉ',
      tampered: 'Chứng chỉ đã bị sửa đổi',
      unknown_issuer: 'Không xác định được đơn vị cấp',
      expired: 'Chứng chỉ đã hết hạn',
      not_yet_valid: 'Chứng chỉ chưa có hiệu lực',
      malformed: 'Đây không phải tệp chứng chỉ hợp lệ',
    },
    recipient: 'Người được cấp',
    achievement: 'Khóa học, thành tích',
    issuer: 'Đơn vị cấp',
    issuedOn: 'Có hiệu lực từ',
    competencies: 'Năng lực số đạt được',
    pdf: 'Tải chứng chỉ (PDF)',
    json: 'Tải tệp chứng chỉ (JSON, Open Badges 3.0)',
    notFoundTitle: 'Không tìm thấy chứng chỉ',
    notFoundBody:
      'Không có chứng chỉ nào ứng với đường liên kết này. Hãy kiểm tra lại đường liên kết hoặc mã QR.',
    issuingTitle: 'Chứng chỉ đang được cấp',
    issuingBody: 'Chứng chỉ này vừa được tạo và sẽ sẵn sàng sau ít phút. Hãy thử lại sau.',
    other: 'Kiểm tra bằng tệp chứng chỉ',
  },
  en: {
    title: 'Verify a certificate',
    verdict: {
      valid: 'This certificate is valid',
      revoked: 'This certificate has been revoked',
      suspended: 'This certificate is suspended',
      tampered: 'This certificate has been changed',
      unknown_issuer: 'The issuer is not recognised',
      expired: 'This certificate has expired',
      not_yet_valid: 'This certificate is not valid yet',
      malformed: 'This is not a valid certificate file',
    },
    recipient: 'Awarded to',
    achievement: 'Course or achievement',
    issuer: 'Issuer',
    issuedOn: 'Valid from',
    competencies: 'Digital competences achieved',
    pdf: 'Download the certificate (PDF)',
    json: 'Download the certificate file (JSON, Open Badges 3.0)',
    notFoundTitle: 'Certificate not found',
    notFoundBody: 'No certificate matches this link. Check the link or QR code again.',
    issuingTitle: 'This certificate is being issued',
    issuingBody: 'It was just created and will be ready in a few minutes. Please try again later.',
    other: 'Check a certificate file',
  },
} as const;

export const verifyPageTitle = (lang: PageLang) => TEXT[lang].title;

const date = (iso: string | null, lang: PageLang) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(d);
};

/** Same-origin links to the framework pages the credential's alignments name (nothing else is linked). */
function alignmentUrls(
  credential: Record<string, unknown> | undefined,
  publicUrl: string,
): Map<string, string> {
  const urls = new Map<string, string>();
  const achievement = (credential?.credentialSubject as { achievement?: { alignment?: unknown } } | undefined)
    ?.achievement;
  const alignment = Array.isArray(achievement?.alignment) ? achievement.alignment : [];
  for (const a of alignment as Array<Record<string, unknown>>) {
    const url = typeof a.targetUrl === 'string' ? a.targetUrl : '';
    const code = typeof a.targetCode === 'string' ? a.targetCode : '';
    if (code && url.startsWith(`${publicUrl}/frameworks/`)) urls.set(code, url.slice(publicUrl.length));
  }
  return urls;
}

export function verifyPageBody(input: {
  lang: PageLang;
  id: string;
  result: VerificationResponse;
  credential?: Record<string, unknown>;
  publicUrl: string;
}): string {
  const t = TEXT[input.lang];
  const { result, lang } = input;
  const claims = result.claims;
  const id = encodeURIComponent(input.id);
  const links = alignmentUrls(input.credential, input.publicUrl);
  const rows: string[] = [];
  if (claims) {
    if (claims.recipientName)
      rows.push(`<dt>${t.recipient}</dt><dd>${escapeHtml(claims.recipientName)}</dd>`);
    rows.push(`<dt>${t.achievement}</dt><dd>${escapeHtml(claims.achievement)}</dd>`);
    rows.push(`<dt>${t.issuer}</dt><dd>${escapeHtml(claims.issuer.name)}</dd>`);
    if (claims.validFrom)
      rows.push(`<dt>${t.issuedOn}</dt><dd>${escapeHtml(date(claims.validFrom, lang))}</dd>`);
  }
  const competencies = claims?.competencies.length
    ? `<h2>${t.competencies}</h2><ul>${claims.competencies
        .map((c) => {
          const label = `${escapeHtml(c.code)} ${escapeHtml(c.name)}${c.level ? ` (${escapeHtml(c.level)})` : ''}`;
          const href = links.get(c.code);
          return `<li>${href ? `<a href="${escapeHtml(href)}">${label}</a>` : label} <span class="muted">· ${escapeHtml(c.framework)}</span></li>`;
        })
        .join('')}</ul>`
    : '';
  return `<h1>${t.title}</h1>
<p role="status"><strong data-verdict="${result.verdict}">${t.verdict[result.verdict]}</strong></p>
${rows.length ? `<dl>${rows.join('')}</dl>` : ''}
${competencies}
<p><a href="/api/credentials/${id}/pdf">${t.pdf}</a></p>
<p><a href="/api/credentials/${id}?download=1">${t.json}</a></p>
<p><a href="/verify">${t.other}</a></p>`;
}

export function verifyMissingBody(lang: PageLang, reason: 'not_found' | 'issuing'): string {
  const t = TEXT[lang];
  return reason === 'issuing'
    ? `<h1>${t.issuingTitle}</h1><p>${t.issuingBody}</p>`
    : `<h1>${t.notFoundTitle}</h1><p>${t.notFoundBody}</p><p><a href="/verify">${t.other}</a></p>`;
}
