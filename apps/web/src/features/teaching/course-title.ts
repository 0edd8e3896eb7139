export interface ShownTitle {
  text: string;
  /** The language the title is in (for `lang` on its element); undefined for a bare course id. */
  lang?: 'vi' | 'en';
}

type Titles = { vi?: string | null; en?: string | null };

/**
 * The title to show a teacher: the English one in the English interface when there is one, else the
 * Vietnamese one; else the next source (the draft first, then the published version), and the id last.
 */
export function shownTitle(
  lang: 'vi' | 'en',
  fallbackId: string,
  ...sources: Array<Titles | undefined>
): ShownTitle {
  for (const titles of sources) {
    if (!titles) continue;
    if (lang === 'en' && titles.en?.trim()) return { text: titles.en.trim(), lang: 'en' };
    if (titles.vi?.trim()) return { text: titles.vi.trim(), lang: 'vi' };
  }
  return { text: fallbackId };
}
