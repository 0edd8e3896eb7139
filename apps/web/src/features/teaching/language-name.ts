import type { TFunction } from 'i18next';

/**
 * A language's name inside the studio's sentences: "tiếng Việt" / "Vietnamese", "tiếng Anh" / "English", else the
 * name `other` gives (a configured language's, see useLanguageName), else its code.
 */
export function studioLanguageName(
  t: TFunction,
  code: string,
  other: (code: string) => string = (c) => c,
): string {
  return code === 'vi' || code === 'en' ? t(`teaching.lang.${code}`) : other(code);
}
