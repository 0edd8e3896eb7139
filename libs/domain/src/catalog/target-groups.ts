/** The four target groups of Decision 757/QĐ-BKHCN. Values are stored and reported: never rename them. */
export const TARGET_GROUPS = ['students', 'citizens', 'public-servants', 'enterprise-workers'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Sub-groups that need extra support; a learner may belong to several. */
export const SUB_GROUPS = [
  'older-adults',
  'people-with-disabilities',
  'ethnic-minorities',
  'small-traders-farmers',
] as const;
export type SubGroup = (typeof SUB_GROUPS)[number];

/** A text in several configured languages (docs/languages.md); `vi` is always present, the fallback. */
export type LocalizedText = { vi: string; [language: string]: string | undefined };

/**
 * Picks the text in the wanted language; where it has none (or an empty one), the text in `fallback` (a course's
 * own language) when given, else in Vietnamese. Field by field: a course translated in part shows what it has.
 */
export function localize(text: LocalizedText, language: string, fallback?: string): string {
  const byLanguage = text as Record<string, string | undefined>;
  return byLanguage[language] || (fallback !== undefined ? byLanguage[fallback] : undefined) || text.vi;
}
