import { type Queryable, selectOne, selectRows } from './queryable';
import type { FrameworkTree } from '@hocvuso/contracts';

export interface CourseListFilter {
  /** Folded search terms ([\p{L}\p{N}]+ only, from searchTerms()); empty for no search. */
  terms: string[];
  targetGroup?: string;
  subGroup?: string;
  framework?: string;
  competencyCode?: string;
  domainCode?: string;
  level?: number;
  language?: string;
  maxMinutes?: number;
  sort: 'relevance' | 'title' | 'duration' | 'newest';
  lang: string;
  limit: number;
  offset: number;
}

export interface CourseListRow {
  id: string;
  version_id: string;
  title: Record<string, string>;
  summary: Record<string, string>;
  default_language: string;
  languages: string[];
  target_groups: string[];
  sub_groups: string[];
  estimated_minutes: number;
  certificate: boolean;
  lesson_count: number;
  /** The search rank (0 without search terms). */
  rank: number;
  /** Count of every match, for paging. */
  total: number;
  /** The language the titles were sorted in (echoed). */
  lang: string;
}

const ORDER: Record<CourseListFilter['sort'], string> = {
  relevance: 'rank DESC, lower(v.title->>$12) ASC, c.id ASC',
  title: "lower(coalesce(v.title->>$12, v.title->>'vi')) ASC, c.id ASC",
  duration: 'v.estimated_minutes ASC, c.id ASC',
  newest: 'c.created_at DESC, c.id ASC',
};

/**
 * The catalogue: published courses at their current version, filtered, searched and paged in one round trip.
 * Search matches every term as a prefix on the diacritics-folded document; an exact phrase in a title ranks
 * above a match in a summary, which ranks above a match in the outline.
 */
export async function listCourses(db: Queryable, f: CourseListFilter): Promise<CourseListRow[]> {
  const tsquery = f.terms.length > 0 ? f.terms.map((t) => `${t}:*`).join(' & ') : null;
  const phrase = f.terms.join(' ');
  const order = ORDER[f.terms.length === 0 && f.sort === 'relevance' ? 'title' : f.sort];
  return selectRows<CourseListRow>(
    db,
    `WITH q AS (SELECT CASE WHEN $1::text IS NULL THEN NULL ELSE to_tsquery('simple', $1::text) END AS query)
     SELECT c.id, v.id AS version_id, v.title, v.summary, v.default_language, v.languages, v.target_groups,
            v.sub_groups, v.estimated_minutes, v.certificate,
            (SELECT count(*)::int FROM course_version_lessons l WHERE l.course_version_id = v.id) AS lesson_count,
            CASE WHEN q.query IS NULL THEN 0
                 ELSE ts_rank_cd(v.search_document, q.query, 1)
                      + CASE WHEN $2::text <> '' AND position($2::text IN v.search_title) > 0 THEN 1 ELSE 0 END
            END AS rank,
            count(*) OVER ()::int AS total, $12::text AS lang
       FROM courses c
       JOIN course_versions v ON v.id = c.current_version_id
      CROSS JOIN q
      WHERE c.published
        AND (q.query IS NULL OR v.search_document @@ q.query)
        AND ($3::text IS NULL OR $3::text = ANY (v.target_groups))
        AND ($4::text IS NULL OR $4::text = ANY (v.sub_groups))
        AND ($5::text IS NULL OR $5::text = ANY (v.languages))
        AND ($6::int IS NULL OR v.estimated_minutes <= $6::int)
        AND ($7::text IS NULL OR EXISTS (
              SELECT 1 FROM course_version_competencies cc
                JOIN framework_competencies fc ON fc.framework_id = cc.framework_id AND fc.code = cc.code
               WHERE cc.course_version_id = v.id AND cc.framework_id = $7::text
                 AND ($8::text IS NULL OR cc.code = $8::text)
                 AND ($9::text IS NULL OR fc.domain_code = $9::text)
                 AND ($10::int IS NULL OR cc.level = $10::int)))
        AND ($7::text IS NOT NULL OR $10::int IS NULL OR EXISTS (
              SELECT 1 FROM course_version_competencies cc WHERE cc.course_version_id = v.id AND cc.level = $10::int))
      ORDER BY ${order}
      LIMIT $11::int OFFSET $13::int`,
    [
      tsquery,
      phrase,
      f.targetGroup ?? null,
      f.subGroup ?? null,
      f.language ?? null,
      f.maxMinutes ?? null,
      f.framework ?? null,
      f.competencyCode ?? null,
      f.domainCode ?? null,
      f.level ?? null,
      f.limit,
      f.lang,
      f.offset,
    ],
  );
}

export interface CompetencyRow {
  course_version_id: string;
  framework_id: string;
  code: string;
  level: number | null;
  name: Record<string, string>;
  provisional: boolean;
}

/** The competencies (with their framework names) of several course versions at once. */
export async function competenciesOfVersions(db: Queryable, versionIds: string[]): Promise<CompetencyRow[]> {
  if (versionIds.length === 0) return [];
  return selectRows<CompetencyRow>(
    db,
    `SELECT cc.course_version_id, cc.framework_id, cc.code, cc.level, fc.name, fc.provisional
       FROM course_version_competencies cc
       JOIN framework_competencies fc ON fc.framework_id = cc.framework_id AND fc.code = cc.code
      WHERE cc.course_version_id = ANY ($1::uuid[])
      ORDER BY cc.framework_id, cc.code`,
    [versionIds],
  );
}

export interface OutlineRow {
  lesson_id: string;
  lesson_key: string;
  module_key: string;
  position: number;
  kind: string;
  title: Record<string, string>;
  minutes: number;
}

/** The ordered lessons of a course version, each by its address for life (lesson_revisions.lesson_id). */
export async function outlineOfVersion(db: Queryable, versionId: string): Promise<OutlineRow[]> {
  return selectRows<OutlineRow>(
    db,
    `SELECT r.lesson_id, r.lesson_key, l.module_key, l.position, r.kind, r.title, r.minutes
       FROM course_version_lessons l JOIN lesson_revisions r ON r.id = l.lesson_revision_id
      WHERE l.course_version_id = $1 ORDER BY l.position`,
    [versionId],
  );
}

/** Every framework with its domains and competencies (provisional flags included) and how many courses teach each. */
export async function frameworkTrees(db: Queryable): Promise<FrameworkTree[]> {
  return selectRows<FrameworkTree>(
    db,
    `SELECT f.id, f.version, f.name, f.source, f.notes, f.levels,
            coalesce((SELECT json_agg(json_build_object(
                       'code', d.code, 'name', d.name, 'provisional', d.provisional,
                       'competencies', coalesce((SELECT json_agg(json_build_object(
                           'code', c.code, 'name', c.name, 'description', c.description, 'provisional', c.provisional,
                           'courses', (SELECT count(DISTINCT co.id)::int FROM courses co
                                         JOIN course_version_competencies cc ON cc.course_version_id = co.current_version_id
                                        WHERE co.published AND cc.framework_id = c.framework_id AND cc.code = c.code))
                         ORDER BY c.position) FROM framework_competencies c WHERE c.framework_id = f.id AND c.domain_code = d.code), '[]'))
                     ORDER BY d.position) FROM framework_domains d WHERE d.framework_id = f.id), '[]') AS domains
       FROM frameworks f ORDER BY f.id`,
  );
}

export interface CourseDetailRow extends Omit<CourseListRow, 'rank' | 'total' | 'lang'> {
  version_no: number;
  description_html: Record<string, string>;
  modules: Array<{ key: string; title: Record<string, string>; lessons: string[] }>;
}

/**
 * A published course at its current version, or at `versionId` when given (an earlier version of this course,
 * the one a learner in progress is on), with its modules and lesson count; undefined when the course is not
 * published or the version is not one of its versions.
 */
export async function publishedCourseDetail(
  db: Queryable,
  courseId: string,
  versionId?: string,
): Promise<CourseDetailRow | undefined> {
  return selectOne<CourseDetailRow>(
    db,
    `SELECT c.id, v.id AS version_id, v.version_no, v.title, v.summary, v.description_html, v.default_language,
            v.languages, v.target_groups, v.sub_groups, v.estimated_minutes, v.certificate, v.modules,
            (SELECT count(*)::int FROM course_version_lessons l WHERE l.course_version_id = v.id) AS lesson_count
       FROM courses c JOIN course_versions v ON v.id = coalesce($2::uuid, c.current_version_id) AND v.course_id = c.id
      WHERE c.id = $1 AND c.published`,
    [courseId, versionId ?? null],
  );
}
