import type { MessageLanguage } from '../catalog';
import type { MandateEvent } from '../mandates/mandate-changes';
import { emailHtml, type RenderedEmail } from './reminder-templates';

/**
 * What the people a mandate assigns are told at once when it is created, extended or cancelled (and when an
 * edit changes what they must do): in the inbox (both languages), by e-mail (their language) and by SMS (in
 * Vietnamese, short, to people with only a phone). One text for everyone (no name in it): the fan-out writes
 * the rows with one INSERT … SELECT per channel.
 */
export interface MandateNoticeVars {
  title: string;
  /** YYYY-MM-DD, a date in Vietnam. */
  dueOn: string;
  /** Where the learner sees their mandates, e.g. https://hocvuso.example/me/learning. */
  url: string;
}

/** 2026-12-15 → 15/12/2026, the way dates are written in Vietnam. */
export const vietnameseDate = (date: string) =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const WORDING = {
  vi: {
    created: {
      title: 'Bạn có khóa học bắt buộc mới',
      body: (t: string, d: string) => `“${t}”: hoàn thành trước hết ngày ${d}.`,
    },
    edited: {
      title: 'Yêu cầu học bắt buộc đã thay đổi',
      body: (t: string, d: string) => `“${t}” đã được cập nhật; hạn hoàn thành: hết ngày ${d}.`,
    },
    extended: {
      title: 'Hạn học bắt buộc được gia hạn',
      body: (t: string, d: string) => `“${t}”: hạn mới là hết ngày ${d}.`,
    },
    cancelled: {
      title: 'Yêu cầu học bắt buộc đã được hủy',
      body: (t: string) => `“${t}” đã được hủy; bạn không còn phải hoàn thành theo yêu cầu này.`,
    },
    open: 'Xem các khóa học bắt buộc',
    footer: 'Bạn nhận thư này vì cơ quan, đơn vị của bạn giao khóa học cho bạn trên Học vụ số.',
  },
  en: {
    created: {
      title: 'You have a new required course set',
      body: (t: string, d: string) => `“${t}”: complete it by the end of ${d}.`,
    },
    edited: {
      title: 'A required course set changed',
      body: (t: string, d: string) => `“${t}” was updated; due by the end of ${d}.`,
    },
    extended: {
      title: 'A required course set was extended',
      body: (t: string, d: string) => `“${t}”: the new due date is the end of ${d}.`,
    },
    cancelled: {
      title: 'A required course set was cancelled',
      body: (t: string) => `“${t}” was cancelled; you no longer need to complete it.`,
    },
    open: 'See your required courses',
    footer: 'You receive this because your agency or unit assigned you courses on Học vụ số.',
  },
} satisfies Record<MessageLanguage, unknown>;

const line = (language: MessageLanguage, event: MandateEvent, v: MandateNoticeVars) => {
  const w = WORDING[language][event];
  return {
    title: w.title.normalize('NFC'),
    body: w.body(v.title, vietnameseDate(v.dueOn)).normalize('NFC'),
  };
};

/** The inbox notification, both languages (the inbox shows the reader's). */
export function mandateNotification(event: MandateEvent, v: MandateNoticeVars) {
  const vi = line('vi', event, v);
  const en = line('en', event, v);
  return { title: { vi: vi.title, en: en.title }, body: { vi: vi.body, en: en.body }, link: '/me/learning' };
}

/** The e-mail, in one language. */
export function mandateEmail(
  language: MessageLanguage,
  event: MandateEvent,
  v: MandateNoticeVars,
): RenderedEmail {
  const w = WORDING[language];
  const l = line(language, event, v);
  const text = [l.title, '', l.body, '', `${w.open}: ${v.url}`, '', '—', w.footer, ''].join('\n');
  return {
    language,
    subject: l.title,
    text: text.normalize('NFC'),
    html: emailHtml({
      language,
      title: l.title,
      paragraphs: [l.body],
      action: { href: v.url, label: w.open },
      footer: w.footer,
    }),
  };
}

/** The SMS, in Vietnamese: "Học vụ số: <title>. <body> <url>". Split into parts by the sender (splitSmsText). */
export function mandateSms(event: MandateEvent, v: MandateNoticeVars): string {
  const l = line('vi', event, v);
  return `Học vụ số: ${l.title}. ${l.body} ${v.url}`.normalize('NFC');
}
