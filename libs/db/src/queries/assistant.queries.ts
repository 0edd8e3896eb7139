import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** A lesson revision of a published course's current version, as the indexer reads it. */
export interface AssistantRevisionRow {
  revision_id: string;
  course_id: string;
  lesson_key: string;
  kind: string;
  title: Record<string, string>;
  body_html: Record<string, string>;
  data: Record<string, unknown>;
  /** The course version's default language: a document's text is indexed in it (a file has one language). */
  default_language: string;
  /** A document lesson's studio material: its file name and the text read from it at upload (null otherwise). */
  document_name: string | null;
  document_text: string | null;
}

/** One passage to store (terms distinct, `term_count` the length with repeats, for BM25). */
export interface AssistantPassageInsert {
  lessonRevisionId: string;
  lang: string;
  position: number;
  heading: string;
  body: string;
  terms: string[];
  termCount: number;
  injection: boolean;
}

/** A passage that may be cited: of a lesson in the current version of a published course. */
export interface AssistantCandidateRow {
  course_id: string;
  lesson_id: string;
  lesson_key: string;
  lesson_title: Record<string, string>;
  lang: string;
  position: number;
  heading: string;
  body: string;
}

export interface AssistantStatsRow {
  passages: number;
  average_length: number;
  document_frequency: Record<string, number>;
}

/**
 * The searchable set: passages of the lessons of each published course's current version, in one language,
 * optionally of one course, never those marked as carrying instructions for an assistant.
 */
const CITABLE = `
  SELECT p.*, c.id AS course_id, r.lesson_id, r.lesson_key, r.title AS lesson_title
    FROM assistant_passages p
    JOIN course_version_lessons cvl ON cvl.lesson_revision_id = p.lesson_revision_id
    JOIN courses c ON c.current_version_id = cvl.course_version_id AND c.published
    JOIN lesson_revisions r ON r.id = p.lesson_revision_id
   WHERE p.lang = $1 AND NOT p.injection AND ($2::text IS NULL OR c.id = $2)`;

/**
 * Revisions of published courses' current versions that have no passages yet (all of them when `all`), of one
 * course or of every course.
 */
export function assistantRevisionsToIndex(
  db: Queryable,
  opts: { courseId?: string; all?: boolean },
): Promise<AssistantRevisionRow[]> {
  return selectRows<AssistantRevisionRow>(
    db,
    `SELECT DISTINCT r.id AS revision_id, c.id AS course_id, r.lesson_key, r.kind, r.title, r.body_html, r.data,
            cv.default_language, m.original_name AS document_name, m.extracted_text AS document_text
       FROM courses c
       JOIN course_versions cv ON cv.id = c.current_version_id
       JOIN course_version_lessons cvl ON cvl.course_version_id = c.current_version_id
       JOIN lesson_revisions r ON r.id = cvl.lesson_revision_id
       LEFT JOIN course_materials m
         ON r.kind = 'document' AND m.course_id = c.id AND 'materials/' || m.id::text = r.data->'document'->>'src'
      WHERE c.published AND ($1::text IS NULL OR c.id = $1)
        AND ($2::boolean OR NOT EXISTS (SELECT 1 FROM assistant_passages p WHERE p.lesson_revision_id = r.id))
      ORDER BY c.id, r.lesson_key, r.id`,
    [opts.courseId ?? null, opts.all ?? false],
  );
}

/** Replaces the passages of the given revisions (a rebuild) or adds them; concurrent indexers agree. */
export async function replaceAssistantPassages(
  db: Queryable,
  revisionIds: readonly string[],
  passages: readonly AssistantPassageInsert[],
): Promise<number> {
  await execute(db, `DELETE FROM assistant_passages WHERE lesson_revision_id = ANY($1::uuid[])`, [
    revisionIds,
  ]);
  if (passages.length === 0) return 0;
  return execute(
    db,
    `INSERT INTO assistant_passages (lesson_revision_id, lang, position, heading, body, terms, term_count, injection)
     SELECT r."lessonRevisionId", r.lang, r.position, r.heading, r.body, r.terms, r."termCount", r.injection
       FROM jsonb_to_recordset($1::jsonb) AS r("lessonRevisionId" uuid, lang text, position integer,
            heading text, body text, terms text[], "termCount" integer, injection boolean)
     ON CONFLICT (lesson_revision_id, lang, position) DO NOTHING`,
    [JSON.stringify(passages)],
  );
}

/** Empties the index (the CLI's full rebuild, before indexing every published revision again). */
export function clearAssistantPassages(db: Queryable): Promise<number> {
  return execute(db, `DELETE FROM assistant_passages`);
}

/**
 * Citable passages holding at least one of the terms (GIN on `terms`), those holding the most distinct terms
 * first, at most `limit`.
 */
export function assistantCandidates(
  db: Queryable,
  q: { lang: string; courseId?: string; terms: string[]; limit: number },
): Promise<AssistantCandidateRow[]> {
  return selectRows<AssistantCandidateRow>(
    db,
    `SELECT course_id, lesson_id, lesson_key, lesson_title, lang, position, heading, body
       FROM (${CITABLE}) s
      WHERE s.terms && $3::text[]
      ORDER BY cardinality(ARRAY(SELECT unnest(s.terms) INTERSECT SELECT unnest($3::text[]))) DESC,
               course_id, lesson_key, position
      LIMIT $4`,
    [q.lang, q.courseId ?? null, q.terms, q.limit],
  );
}

/** How many citable passages there are, their average length, and how many hold each term (for BM25). */
export async function assistantStats(
  db: Queryable,
  q: { lang: string; courseId?: string; terms: string[] },
): Promise<AssistantStatsRow> {
  const row = await selectOne<AssistantStatsRow>(
    db,
    `WITH s AS (${CITABLE})
     SELECT (SELECT count(*)::int FROM s) AS passages,
            (SELECT coalesce(avg(term_count), 0)::float8 FROM s) AS average_length,
            (SELECT coalesce(jsonb_object_agg(t.term, (SELECT count(*)::int FROM s WHERE s.terms @> ARRAY[t.term])), '{}')
               FROM unnest($3::text[]) AS t(term)) AS document_frequency`,
    [q.lang, q.courseId ?? null, [...new Set(q.terms)]],
  );
  return row ?? { passages: 0, average_length: 0, document_frequency: {} };
}

/**
 * The citable passage texts of lessons (by their lasting id) in one language: what an answer quoting them may
 * contain. The evaluation checks answers against these, not against what the answer says it cited.
 */
export function assistantLessonTexts(
  db: Queryable,
  lessonIds: readonly string[],
  lang: string,
): Promise<{ lesson_id: string; body: string }[]> {
  return selectRows<{ lesson_id: string; body: string }>(
    db,
    `SELECT s.lesson_id, s.body FROM (${CITABLE}) s WHERE s.lesson_id = ANY($3::uuid[]) ORDER BY s.lesson_id, s.position`,
    [lang, null, lessonIds],
  );
}
