import { type Queryable, selectOne, selectRows } from './queryable';

/** Studio materials (docs/materials.md): one row per course and content (sha256). */
export interface CourseMaterialRow {
  id: string;
  course_id: string;
  original_name: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  page_count: number | null;
  extracted_text: string | null;
  alt_text: string | null;
  created_at: Date;
}

const COLUMNS = `id, course_id, original_name, media_type, size_bytes, sha256, storage_key, page_count, extracted_text,
  alt_text, created_at`;

/**
 * Records a material; when the course already has these bytes (same sha256, also from a concurrent upload)
 * nothing is inserted and the existing row is returned with `created` false. `id` is the database's unless given
 * (a course import names its materials in the draft before inserting them).
 */
export async function insertCourseMaterial(
  db: Queryable,
  m: {
    id?: string;
    courseId: string;
    originalName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    pageCount: number | null;
    extractedText: string | null;
    altText: string | null;
    uploadedBy: string;
  },
): Promise<{ row: CourseMaterialRow; created: boolean }> {
  const inserted = await selectRows<CourseMaterialRow>(
    db,
    `INSERT INTO course_materials (id, course_id, original_name, media_type, size_bytes, sha256, storage_key,
       page_count, extracted_text, alt_text, uploaded_by)
     VALUES (COALESCE($11::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (course_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
    [
      m.courseId,
      m.originalName,
      m.mediaType,
      m.sizeBytes,
      m.sha256,
      m.storageKey,
      m.pageCount,
      m.extractedText,
      m.altText,
      m.uploadedBy,
      m.id ?? null,
    ],
  );
  if (inserted[0]) return { row: inserted[0], created: true };
  const existing = await courseMaterialBySha(db, m.courseId, m.sha256);
  return { row: existing!, created: false };
}

export function courseMaterialBySha(
  db: Queryable,
  courseId: string,
  sha256: string,
): Promise<CourseMaterialRow | undefined> {
  return selectOne<CourseMaterialRow>(
    db,
    `SELECT ${COLUMNS} FROM course_materials WHERE course_id = $1 AND sha256 = $2`,
    [courseId, sha256],
  );
}

/** One material of a course (undefined for another course's material: callers answer 404). */
export function courseMaterial(
  db: Queryable,
  courseId: string,
  materialId: string,
): Promise<CourseMaterialRow | undefined> {
  return selectOne<CourseMaterialRow>(
    db,
    `SELECT ${COLUMNS} FROM course_materials WHERE course_id = $1 AND id = $2`,
    [courseId, materialId],
  );
}

export function courseMaterials(db: Queryable, courseId: string): Promise<CourseMaterialRow[]> {
  return selectRows<CourseMaterialRow>(
    db,
    `SELECT ${COLUMNS} FROM course_materials WHERE course_id = $1 ORDER BY created_at, id`,
    [courseId],
  );
}

/** Sets an image's text alternative; false when the material is not the course's. */
export async function setCourseMaterialAltText(
  db: Queryable,
  courseId: string,
  materialId: string,
  altText: string,
): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `UPDATE course_materials SET alt_text = $3 WHERE course_id = $1 AND id = $2 RETURNING id`,
    [courseId, materialId, altText],
  );
  return rows.length > 0;
}

/**
 * Whether a published lesson of the course shows the material (a studio document lesson's `document.src` is
 * `materials/<id>`): only such materials are served to learners, on any version they may still be on.
 */
export async function isMaterialPublished(
  db: Queryable,
  courseId: string,
  materialId: string,
): Promise<boolean> {
  const row = await selectOne<{ published: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM lesson_revisions
                     WHERE course_id = $1 AND kind = 'document' AND data->'document'->>'src' = $2) AS published`,
    [courseId, `materials/${materialId}`],
  );
  return row?.published ?? false;
}
