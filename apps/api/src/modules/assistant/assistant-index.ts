import {
  assistantTerms,
  containsInjection,
  distinctTerms,
  passageSearchText,
  splitLesson,
} from '@hocvuso/domain';
import {
  type AssistantPassageInsert,
  type AssistantRevisionRow,
  assistantRevisionsToIndex,
  clearAssistantPassages,
  replaceAssistantPassages,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';

/** The passages of one lesson revision in each of its languages (docs/assistant.md "Index"). */
export function passagesOfRevision(row: AssistantRevisionRow): AssistantPassageInsert[] {
  const langs = Object.keys(row.title).filter((l) => /^[a-z]{2}$/.test(l));
  const items = Array.isArray(row.data['items'])
    ? (row.data['items'] as Record<string, string>[])
    : undefined;
  return langs.flatMap((lang) => {
    const title = row.title[lang] ?? row.title['vi'] ?? row.lesson_key;
    const html = row.body_html[lang] ?? '';
    const localItems = items?.map((i) => i[lang] ?? i['vi'] ?? '').filter((i) => i.length > 0);
    const document =
      row.document_text && lang === row.default_language
        ? { name: row.document_name ?? row.lesson_key, text: row.document_text }
        : undefined;
    return splitLesson({ title, html, items: localItems, document }).map((p, position) => {
      const terms = assistantTerms(passageSearchText(title, p.heading, p.text));
      return {
        lessonRevisionId: row.revision_id,
        lang,
        position,
        heading: p.heading,
        body: p.text,
        terms: distinctTerms(terms),
        termCount: terms.length,
        injection: containsInjection(`${p.heading}\n${p.text}`),
      };
    });
  });
}

export interface IndexOutcome {
  revisions: number;
  passages: number;
  flagged: number;
}

/**
 * Indexes the lessons of published courses' current versions that are not indexed yet (one course, or all), or
 * everything again (`rebuild`). Called after a studio publish, after content:import, and by `assistant:reindex`.
 */
export async function indexAssistantPassages(
  db: DataSource,
  opts: { courseId?: string; rebuild?: boolean } = {},
): Promise<IndexOutcome> {
  return db.transaction(async (tx) => {
    if (opts.rebuild) await clearAssistantPassages(tx);
    const rows = await assistantRevisionsToIndex(tx, { courseId: opts.courseId });
    const passages = rows.flatMap(passagesOfRevision);
    await replaceAssistantPassages(
      tx,
      rows.map((r) => r.revision_id),
      passages,
    );
    return {
      revisions: rows.length,
      passages: passages.length,
      flagged: passages.filter((p) => p.injection).length,
    };
  });
}
