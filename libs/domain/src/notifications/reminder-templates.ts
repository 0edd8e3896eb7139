import { localize, type LocalizedText, type MessageLanguage } from '../catalog';
import type { ReminderKind } from './reminder-keys';

/** The language a learner gets messages in: their own when we have it, otherwise Vietnamese. */
export { messageLanguage } from '../catalog';

export interface ReminderVars {
  displayName: string;
  courseTitle: LocalizedText;
  /** For inactivity: the number of days without activity that triggered the reminder. */
  days: number;
}

export interface EmailLinks {
  /** `${PUBLIC_URL}/courses/<courseId>` */
  continueUrl: string;
  /** `${PUBLIC_URL}/api/notifications/unsubscribe?token=…` */
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  language: MessageLanguage;
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: (course: string) => string;
  greeting: (name: string) => string;
  lead: (course: string, days: number) => string;
  nudge: string;
  action: string;
  why: string;
  stop: string;
  inAppTitle: (course: string) => string;
  inAppBody: (course: string, days: number) => string;
}

const WORDING: Record<ReminderKind, Record<MessageLanguage, Wording>> = {
  deadline: {
    vi: {
      subject: (c) => `Còn ít ngày để hoàn thành “${c}”`,
      greeting: (n) => `Chào ${n},`,
      lead: (c, d) => `Chỉ còn ${d} ngày nữa là đến hạn hoàn thành các khóa học bắt buộc của “${c}”.`,
      nudge: 'Bạn hãy dành thời gian học tiếp để kịp hạn.',
      action: 'Xem các khóa học bắt buộc',
      why: 'Bạn nhận được thư này vì cơ quan, đơn vị của bạn giao các khóa học này trên Học vụ số.',
      stop: 'Ngừng nhận thư nhắc học',
      inAppTitle: (c) => `Sắp đến hạn: “${c}”`,
      inAppBody: (c, d) => `Còn ${d} ngày để hoàn thành các khóa học bắt buộc của “${c}”.`,
    },
    en: {
      subject: (c) => `A few days left to complete “${c}”`,
      greeting: (n) => `Hello ${n},`,
      lead: (c, d) => `Only ${d} days are left to complete the required courses of “${c}”.`,
      nudge: 'Please set aside some time to finish them before the deadline.',
      action: 'See your required courses',
      why: 'You receive this email because your agency or unit assigned these courses on Học vụ số.',
      stop: 'Stop these reminders',
      inAppTitle: (c) => `Due soon: “${c}”`,
      inAppBody: (c, d) => `${d} days are left to complete the required courses of “${c}”.`,
    },
  },
  inactive: {
    vi: {
      subject: (c) => `Tiếp tục khóa học “${c}”`,
      greeting: (n) => `Chào ${n},`,
      lead: (c, d) => `Đã ${d} ngày bạn chưa học tiếp khóa học “${c}”.`,
      nudge: 'Chỉ cần vài phút hôm nay là bạn đã tiến thêm một bước.',
      action: 'Học tiếp',
      why: 'Bạn nhận được thư này vì đang tham gia một khóa học trên Học vụ số.',
      stop: 'Ngừng nhận thư nhắc học',
      inAppTitle: (c) => `Tiếp tục học “${c}”`,
      inAppBody: (c, d) =>
        `Đã ${d} ngày bạn chưa học tiếp khóa học “${c}”. Dành vài phút hôm nay để học tiếp nhé.`,
    },
    en: {
      subject: (c) => `Continue your course “${c}”`,
      greeting: (n) => `Hello ${n},`,
      lead: (c, d) => `It has been ${d} days since you last studied “${c}”.`,
      nudge: 'A few minutes today is enough to take the next step.',
      action: 'Continue learning',
      why: 'You receive this email because you are taking a course on Học vụ số.',
      stop: 'Stop these reminders',
      inAppTitle: (c) => `Continue “${c}”`,
      inAppBody: (c, d) =>
        `It has been ${d} days since you last studied “${c}”. Take a few minutes today to continue.`,
    },
  },
};

/** Escapes text for HTML e-mail bodies and attributes. */
export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A link in an e-mail: where it goes and what it says. */
export interface EmailLink {
  href: string;
  label: string;
}

/**
 * The HTML of every e-mail the platform sends: the same words as the plain text, one paragraph each, the main
 * action as a large button, and a smaller footer (why the mail came, with an optional link such as
 * "unsubscribe"). Inline styles only, as mail clients need; all text escaped.
 */
export function emailHtml(mail: {
  language: MessageLanguage;
  title: string;
  paragraphs: string[];
  action: EmailLink;
  footer: string;
  footerLink?: EmailLink;
}): string {
  const e = escapeHtml;
  const footerLink = mail.footerLink
    ? ` <a href="${e(mail.footerLink.href)}" style="color:#0b5cad">${e(mail.footerLink.label)}</a>`
    : '';
  return `<!doctype html>
<html lang="${mail.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(mail.title)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
${mail.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}
<p><a href="${e(mail.action.href)}" style="display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px">${e(mail.action.label)}</a></p>
<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0">
<p style="font-size:14px;color:#444444">${e(mail.footer)}${footerLink}</p>
</body>
</html>
`.normalize('NFC');
}

/** The in-app notification of a reminder, in both languages (the inbox shows the reader's language). */
export function reminderNotification(
  kind: ReminderKind,
  vars: ReminderVars,
): { title: LocalizedText & { en: string }; body: LocalizedText & { en: string } } {
  const w = WORDING[kind];
  const course = (lang: MessageLanguage) => localize(vars.courseTitle, lang);
  return {
    title: {
      vi: w.vi.inAppTitle(course('vi')).normalize('NFC'),
      en: w.en.inAppTitle(course('en')).normalize('NFC'),
    },
    body: {
      vi: w.vi.inAppBody(course('vi'), vars.days).normalize('NFC'),
      en: w.en.inAppBody(course('en'), vars.days).normalize('NFC'),
    },
  };
}

/** The reminder e-mail in the learner's language: plain text and simple HTML with the same content. */
export function reminderEmail(
  kind: ReminderKind,
  language: MessageLanguage,
  vars: ReminderVars,
  links: EmailLinks,
): RenderedEmail {
  const w = WORDING[kind][language];
  const course = localize(vars.courseTitle, language);
  const text = [
    w.greeting(vars.displayName),
    '',
    `${w.lead(course, vars.days)} ${w.nudge}`,
    '',
    `${w.action}: ${links.continueUrl}`,
    '',
    '—',
    w.why,
    `${w.stop}: ${links.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = emailHtml({
    language,
    title: w.subject(course),
    paragraphs: [w.greeting(vars.displayName), `${w.lead(course, vars.days)} ${w.nudge}`],
    action: { href: links.continueUrl, label: w.action },
    footer: w.why,
    footerLink: { href: links.unsubscribeUrl, label: w.stop },
  });
  return {
    language,
    subject: w.subject(course).normalize('NFC'),
    text: text.normalize('NFC'),
    html,
  };
}

/**
 * The reminder SMS (docs/sms.md), for people with a confirmed phone and no e-mail address: the in-app text in
 * their language and the link, no name (a phone's lock screen shows it to whoever holds the phone). Sent as one
 * UCS-2 message or a few concatenated parts.
 */
export function reminderSms(
  kind: ReminderKind,
  language: MessageLanguage,
  vars: ReminderVars,
  continueUrl: string,
): string {
  const w = WORDING[kind][language];
  return `Học vụ số: ${w.inAppBody(localize(vars.courseTitle, language), vars.days)} ${continueUrl}`.normalize(
    'NFC',
  );
}
