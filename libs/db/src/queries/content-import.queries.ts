import type { ContentBundle, CourseData } from '@hocvuso/contracts';
import { importPlans } from './coverage-plans.queries';
import { importPlacementTests } from './placement.queries';
import { execute, type Queryable, rowsOf, selectRows } from './queryable';
import { importUniversalisationRules } from './universalisation.queries';

export interface ImportStats {
  targetGroupsChanged: number;
  frameworksChanged: number;
  mappingsChanged: number;
  coursesCreated: string[];
  coursesNewVersion: string[];
  coursesUnchanged: string[];
  plansChanged: number;
  plansRetired: number;
  /** Whether a new universalisation rule version became current. */
  universalisationRulesChanged?: boolean;
  /** Placement tests written (new or changed content). */
  placementTestsChanged?: number;
}

/** Rows a statement with `RETURNING 1` changed. */
async function changed(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  return rowsOf(await db.query(sql, params)).length;
}

/**
 * Writes a validated bundle. Call inside one transaction. Upserts by stable id and touches only rows whose
 * content differs, so a second import of the same folder changes nothing. A course whose content hash is
 * new gets a new version; lessons whose own hash did not change keep their revision, and so their progress.
 */
export async function importContentBundle(db: Queryable, bundle: ContentBundle): Promise<ImportStats> {
  const stats: ImportStats = {
    targetGroupsChanged: 0,
    frameworksChanged: 0,
    mappingsChanged: 0,
    coursesCreated: [],
    coursesNewVersion: [],
    coursesUnchanged: [],
    plansChanged: 0,
    plansRetired: 0,
  };
  for (const g of bundle.targetGroups) {
    stats.targetGroupsChanged += await changed(
      db,
      `INSERT INTO target_groups (code, kind, name, description, position) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, description = EXCLUDED.description, position = EXCLUDED.position
        WHERE (target_groups.kind, target_groups.name, target_groups.description, target_groups.position)
              IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.description, EXCLUDED.position)
       RETURNING 1`,
      [g.code, g.kind, g.name, g.description, g.position],
    );
  }

  for (const fw of bundle.frameworks) {
    const n = await changed(
      db,
      `INSERT INTO frameworks (id, version, name, source, levels, notes, content_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, source = EXCLUDED.source,
              levels = EXCLUDED.levels, notes = EXCLUDED.notes, content_hash = EXCLUDED.content_hash, updated_at = now()
        WHERE frameworks.content_hash <> EXCLUDED.content_hash
       RETURNING 1`,
      [fw.id, fw.version, fw.name, fw.source, JSON.stringify(fw.levels), fw.notes, fw.contentHash],
    );
    if (n === 0) continue;
    stats.frameworksChanged += 1;
    for (const d of fw.domains) {
      await execute(
        db,
        `INSERT INTO framework_domains (framework_id, code, name, description, target_groups, provisional, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (framework_id, code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                target_groups = EXCLUDED.target_groups, provisional = EXCLUDED.provisional, position = EXCLUDED.position`,
        [fw.id, d.code, d.name, d.description, d.targetGroups, d.provisional, d.position],
      );
    }
    for (const c of fw.competencies) {
      await execute(
        db,
        `INSERT INTO framework_competencies (framework_id, code, domain_code, name, description, provisional, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (framework_id, code) DO UPDATE SET domain_code = EXCLUDED.domain_code, name = EXCLUDED.name,
                description = EXCLUDED.description, provisional = EXCLUDED.provisional, position = EXCLUDED.position`,
        [fw.id, c.code, c.domainCode, c.name, c.description, c.provisional, c.position],
      );
    }
    // Competencies dropped from the file disappear unless a course version still refers to them.
    await execute(
      db,
      `DELETE FROM framework_competencies fc WHERE fc.framework_id = $1 AND NOT (fc.code = ANY ($2::text[]))
          AND NOT EXISTS (SELECT 1 FROM course_version_competencies cc WHERE cc.framework_id = fc.framework_id AND cc.code = fc.code)`,
      [fw.id, fw.competencies.map((c) => c.code)],
    );
    await execute(
      db,
      `DELETE FROM framework_domains WHERE framework_id = $1 AND NOT (code = ANY ($2::text[]))`,
      [fw.id, fw.domains.map((d) => d.code)],
    );
  }

  const keys = bundle.mappings.map((m) => `${m.fromFramework}:${m.fromCode}>${m.toFramework}:${m.toCode}`);
  stats.mappingsChanged += await changed(
    db,
    `DELETE FROM competency_mappings WHERE NOT ((from_framework || ':' || from_code || '>' || to_framework || ':' || to_code) = ANY ($1::text[])) RETURNING 1`,
    [keys],
  );
  for (const m of bundle.mappings) {
    stats.mappingsChanged += await changed(
      db,
      `INSERT INTO competency_mappings (from_framework, from_code, to_framework, to_code, relation) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (from_framework, from_code, to_framework, to_code) DO UPDATE SET relation = EXCLUDED.relation
        WHERE competency_mappings.relation <> EXCLUDED.relation
       RETURNING 1`,
      [m.fromFramework, m.fromCode, m.toFramework, m.toCode, m.relation],
    );
  }

  if (bundle.universalisationRules)
    stats.universalisationRulesChanged = await importUniversalisationRules(db, bundle.universalisationRules);

  if (bundle.placementTests)
    stats.placementTestsChanged = await importPlacementTests(db, bundle.placementTests);

  for (const course of bundle.courses) {
    const outcome = await importCourse(db, course, 'content');
    (outcome === 'created'
      ? stats.coursesCreated
      : outcome === 'new_version'
        ? stats.coursesNewVersion
        : stats.coursesUnchanged
    ).push(course.id);
  }
  // a bundle without a plans list (built by hand) leaves the plans as they are
  if (bundle.plans) Object.assign(stats, await importPlans(db, bundle.plans));
  return stats;
}

/** A course id already used by a course authored elsewhere (the content files or the teaching studio). */
export class CourseSourceConflictError extends Error {
  constructor(
    readonly courseId: string,
    readonly existingSource: string,
  ) {
    super(
      `course "${courseId}" is authored in ${existingSource === 'studio' ? 'the teaching studio' : 'the content files'}; choose another id`,
    );
  }
}

/**
 * Writes one course (call inside a transaction): a new version when its content hash is new, the earlier
 * version again on a revert, nothing when unchanged. A course belongs to one source: the content files never
 * overwrite a studio course, nor the studio a file course.
 */
export async function importCourse(
  db: Queryable,
  c: CourseData,
  source: 'content' | 'studio',
): Promise<'created' | 'new_version' | 'unchanged'> {
  const created =
    (
      await selectRows<{ id: string }>(
        db,
        `INSERT INTO courses (id, source) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [c.id, source],
      )
    ).length > 0;
  const current = await selectRows<{ source: string; content_hash: string | null }>(
    db,
    `SELECT co.source, v.content_hash FROM courses co LEFT JOIN course_versions v ON v.id = co.current_version_id WHERE co.id = $1 FOR UPDATE OF co`,
    [c.id],
  );
  if (current[0]!.source !== source) throw new CourseSourceConflictError(c.id, current[0]!.source);
  if (current[0]!.content_hash === c.contentHash) return 'unchanged';

  const revisionIds: string[] = [];
  for (const l of c.lessons) {
    const rows = await selectRows<{ id: string }>(
      db,
      // A lesson keeps one address for life: a new revision carries the lesson_id of the lesson's first one.
      `WITH fresh AS (SELECT gen_random_uuid() AS id),
       ins AS (
         INSERT INTO lesson_revisions (id, lesson_id, course_id, lesson_key, content_hash, kind, minutes, title, body_html, min_read_seconds, data, competencies)
         VALUES ((SELECT id FROM fresh),
                 coalesce((SELECT lesson_id FROM lesson_revisions WHERE course_id = $1 AND lesson_key = $2 LIMIT 1),
                          (SELECT id FROM fresh)),
                 $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (course_id, lesson_key, content_hash) DO NOTHING RETURNING id)
       SELECT id FROM ins
       UNION ALL
       SELECT id FROM lesson_revisions WHERE course_id = $1 AND lesson_key = $2 AND content_hash = $3
       LIMIT 1`,
      [
        c.id,
        l.key,
        l.contentHash,
        l.kind,
        l.minutes,
        l.title,
        l.bodyHtml,
        l.minReadSeconds,
        l.data,
        l.competencies,
      ],
    );
    revisionIds.push(rows[0]!.id);
  }
  for (const b of c.banks) {
    await execute(
      db,
      `INSERT INTO question_banks (course_id, bank_key, content_hash, questions) VALUES ($1, $2, $3, $4)
       ON CONFLICT (course_id, bank_key, content_hash) DO NOTHING`,
      [c.id, b.key, b.contentHash, JSON.stringify(b.questions)],
    );
  }

  // A course may come back to an earlier content hash (a revert): reuse that version instead of a duplicate.
  const existing = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM course_versions WHERE course_id = $1 AND content_hash = $2`,
    [c.id, c.contentHash],
  );
  let versionId = existing[0]?.id;
  if (!versionId) {
    const rows = await selectRows<{ id: string }>(
      db,
      `INSERT INTO course_versions (course_id, version_no, edition, content_hash, default_language, languages, title, summary,
              description_html, target_groups, sub_groups, estimated_minutes, certificate, completion, modules, search_title, search_document)
       SELECT $1, coalesce(max(version_no), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
              setweight(to_tsvector('simple', $16), 'A') || setweight(to_tsvector('simple', $17), 'B') || setweight(to_tsvector('simple', $18), 'C')
         FROM course_versions WHERE course_id = $1
       RETURNING id`,
      [
        c.id,
        c.edition,
        c.contentHash,
        c.defaultLanguage,
        c.languages,
        c.title,
        c.summary,
        c.descriptionHtml,
        c.targetGroups,
        c.subGroups,
        c.estimatedMinutes,
        c.certificate,
        c.completion,
        JSON.stringify(c.modules),
        c.search.title,
        c.search.a,
        c.search.b,
        c.search.c,
      ],
    );
    versionId = rows[0]!.id;
    const moduleOf = new Map(c.modules.flatMap((m) => m.lessons.map((k) => [k, m.key] as const)));
    for (const [i, l] of c.lessons.entries()) {
      await execute(
        db,
        `INSERT INTO course_version_lessons (course_version_id, position, module_key, lesson_revision_id) VALUES ($1, $2, $3, $4)`,
        [versionId, i + 1, moduleOf.get(l.key), revisionIds[i]],
      );
    }
    for (const comp of c.competencies) {
      await execute(
        db,
        `INSERT INTO course_version_competencies (course_version_id, framework_id, code, level) VALUES ($1, $2, $3, $4)`,
        [versionId, comp.framework, comp.code, comp.level],
      );
    }
  }
  await execute(db, `UPDATE courses SET current_version_id = $2, updated_at = now() WHERE id = $1`, [
    c.id,
    versionId,
  ]);
  return created ? 'created' : 'new_version';
}
