export interface ShownTitle {
  text: string;
  /** The language the title is in (for `lang` on its element); undefined for a bare course id. */
  lang?: string;
}

type Titles = { vi?: string | null; [language: string]: string | null | undefined };

/**
 * The title to show a teacher: the one in the interface's language when there is one, else the Vietnamese
 * one; else the next source (the draft first, then the published version), and the id last.
 */
export function shownTitle(
  lang: string,
  fallbackId: string,
  ...sources: Array<Titles | undefined>
): ShownTitle {
  for (const titles of sources) {
    if (!titles) continue;
    const own = lang !== 'vi' ? titles[lang]?.trim() : undefined;
    if (own) return { text: own, lang };
    if (titles.vi?.trim()) return { text: titles.vi.trim(), lang: 'vi' };
  }
  return { text: fallbackId };
}
