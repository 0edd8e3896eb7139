import type { TFunction } from 'i18next';

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
