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

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in several languages; `vi` is always present. */
export type LocalizedText = { vi: string } & Partial<Record<Language, string>>;

/** Picks the text in the wanted language, falling back to Vietnamese. */
export function localize(text: LocalizedText, language: string): string {
  return (text as Record<string, string | undefined>)[language] ?? text.vi;
}
