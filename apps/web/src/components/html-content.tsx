interface HtmlContentProps {
  /** HTML the api already sanitised (rendered from reviewed Markdown). */
  html: string;
  /** The language of the content, when it may differ from the interface language. */
  lang?: string;
  className?: string;
}

/** Shows server-sanitised HTML (course descriptions, lessons) with readable typography. */
export function HtmlContent({ html, lang, className }: HtmlContentProps) {
  return (
    <div
      className={['prose', className].filter(Boolean).join(' ')}
      lang={lang}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
