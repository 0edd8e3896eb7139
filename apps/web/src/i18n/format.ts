import type { TFunction } from 'i18next';

/**
 * A text the content gives in Vietnamese and maybe in other languages (frameworks, competencies, levels): the
 * one in the interface's language when there is one, the Vietnamese one otherwise; nothing for no text.
 */
export function localizedText(
  text: { vi: string; [language: string]: string | undefined } | null | undefined,
  lang: string,
): string {
  if (!text) return '';
  return text[lang] || text.vi;
}

/** "55 phút", "1 giờ 5 phút", "2 hours". */
export function formatMinutes(t: TFunction, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('duration.minutes', { count: minutes });
  if (rest === 0) return t('duration.hours', { count: hours });
  return t('duration.hoursMinutes', {
    hours: t('duration.hours', { count: hours }),
    minutes: t('duration.minutes', { count: rest }),
  });
}

/** "45 giây", "1 phút 20 giây": how long a learner still has to wait. */
export function formatSeconds(t: TFunction, seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return t('duration.seconds', { count: whole });
  if (rest === 0) return t('duration.minutes', { count: minutes });
  return t('duration.minutesSeconds', {
    minutes: t('duration.minutes', { count: minutes }),
    seconds: t('duration.seconds', { count: rest }),
  });
}

/** A date in the interface language, e.g. "28 tháng 11, 2026" or "28 November 2026". */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'long' }).format(date);
}

/** Joins names into a readable list in the interface language ("A, B và C"). */
export function formatList(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}

/** A calendar date of the api ("2026-12-28") as local midnight, so it never shifts a day by time zone. */
export function parseDateOnly(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A due date, short: "28/12/2026" in Vietnamese, "28 Dec 2026" in English. */
export function formatDueDate(value: string, lang: string): string {
  const date = parseDateOnly(value);
  if (!date) return value;
  return lang === 'en'
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(date)
    : new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/**
 * A moment with its time, in the person's time zone: "14:05 ngày 28/11/2026" in Vietnamese (as offices write it)
 * and "14:05, 28 November 2026" in English. No "lúc"/"at" inside: the sentences around it say "lúc {{time}}" or
 * "at {{time}}" themselves (ICU's own long form starts with "lúc", which read "lúc lúc 14:05").
 */
export function formatDateTime(iso: string, lang: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
  if (lang === 'en')
    return `${time}, ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(date)}`;
  const day = new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  }).format(date);
  return `${time} ngày ${day}`;
}

const numberLocale = (lang: string) => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** A share as a percentage with at most one decimal (82,5 % in Vietnamese); an em dash when there is none. */
export function formatShare(share: number | null | undefined, lang: string): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );
}

/** A count with the language's thousands separator (170.000 in Vietnamese); an em dash when there is none. */
export function formatCount(value: number | null | undefined, lang: string): string {
  if (value == null) return '—';
  return new Intl.NumberFormat(numberLocale(lang)).format(value);
}

/** A date YYYY-MM-DD (or a timestamp starting with one) as Vietnamese offices write it (31/12/2025). */
export function formatDay(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
