import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Declarations (VNeID level 2, a digital bank account), self-declared or confirmed face to face by a helper, and
 * in-person learning a helper saw happen (docs/universalisation-exchange.md). History is kept: a row per change.
 */

export type DeclarationKind = 'vneid_level2' | 'bank_account';
export type DeclarationSource = 'self' | 'helper';

/** Serialises declarations of one person for the rest of the transaction (replays and races write once). */
export async function lockDeclarationsOf(db: Queryable, userId: string): Promise<void> {
  await execute(db, `SELECT pg_advisory_xact_lock(hashtextextended('declarations:' || $1::text, 0))`, [
    userId,
  ]);
}

export interface DeclarationRow {
  id: string;
  kind: DeclarationKind;
  value: boolean;
  source: DeclarationSource;
  confirmed_by: string | null;
  at: Date;
}

/**
 * Who confirmed something face to face, as the person concerned may be shown them (the domain's
 * confirmerShownToPerson decides from these): their name, whether they were de-identified, the roles they hold now.
 */
export interface ConfirmerColumns {
  confirmer_name: string | null;
  confirmer_deidentified: boolean | null;
  /** The roles the confirmer holds now (unrevoked grants). */
  confirmer_roles: string[] | null;
}

/** SQL: the ConfirmerColumns of the account in `column`, joined as `cu` (`LEFT JOIN users cu ON cu.id = column`). */
export const confirmerColumns = (column: string) =>
  `cu.display_name AS confirmer_name, cu.deidentified_at IS NOT NULL AS confirmer_deidentified,
   (SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM role_grants g
     WHERE g.user_id = ${column} AND g.revoked_at IS NULL) AS confirmer_roles`;

/** A latest declaration, with who confirmed it (all null for the person's own). */
export interface LatestDeclarationRow extends DeclarationRow, ConfirmerColumns {}

/** The latest declaration of each kind (absent kinds were never declared), with the confirming helper as now. */
export function latestDeclarations(db: Queryable, userId: string): Promise<LatestDeclarationRow[]> {
  return selectRows<LatestDeclarationRow>(
    db,
    `SELECT DISTINCT ON (d.kind) d.id, d.kind, d.value, d.source, d.confirmed_by, d.at,
            ${confirmerColumns('d.confirmed_by')}
       FROM declarations d LEFT JOIN users cu ON cu.id = d.confirmed_by
      WHERE d.user_id = $1 ORDER BY d.kind, d.at DESC, d.id DESC`,
    [userId],
  );
}

/** Every declaration of a person, oldest first (history, data export). */
export function declarationsOf(db: Queryable, userId: string): Promise<DeclarationRow[]> {
  return selectRows<DeclarationRow>(
    db,
    `SELECT id, kind, value, source, confirmed_by, at FROM declarations WHERE user_id = $1 ORDER BY at, id`,
    [userId],
  );
}

export async function insertDeclaration(
  db: Queryable,
  d: {
    userId: string;
    kind: DeclarationKind;
    value: boolean;
    source: DeclarationSource;
    confirmedBy: string | null;
  },
): Promise<DeclarationRow> {
  const row = await selectOne<DeclarationRow>(
    db,
    // clock_timestamp(): two declarations of one kind in one transaction still come in order
    `INSERT INTO declarations (user_id, kind, value, source, confirmed_by, at) VALUES ($1, $2, $3, $4, $5, clock_timestamp())
     RETURNING id, kind, value, source, confirmed_by, at`,
    [d.userId, d.kind, d.value, d.source, d.confirmedBy],
  );
  return row!;
}

/** Whether the lesson (a revision id) is in the current version of the course. */
export async function lessonInCourse(db: Queryable, courseId: string, lessonId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    `SELECT 1 AS one FROM courses c JOIN course_version_lessons vl ON vl.course_version_id = c.current_version_id
      WHERE c.id = $1 AND vl.lesson_revision_id = $2`,
    [courseId, lessonId],
  );
  return rows.length > 0;
}

/** Whether a course exists and is published. */
export async function publishedCourseExists(db: Queryable, courseId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    `SELECT 1 AS one FROM courses WHERE id = $1 AND published AND current_version_id IS NOT NULL`,
    [courseId],
  );
  return rows.length > 0;
}

export interface InPersonLearningRow {
  id: string;
  user_id: string;
  course_id: string;
  lesson_id: string | null;
  learned_on: string;
  note: string;
  confirmed_by: string | null;
  recorded_at: Date;
}

const IN_PERSON_COLUMNS = `id, user_id, course_id, lesson_id, to_char(learned_on, 'YYYY-MM-DD') AS learned_on, note,
  confirmed_by, recorded_at`;

/**
 * Records in-person learning once per person, course, lesson and day: a replay returns the existing record
 * (`created` false) and changes nothing.
 */
export async function recordInPersonLearning(
  db: Queryable,
  r: {
    userId: string;
    courseId: string;
    lessonId: string | null;
    on: string;
    note: string;
    confirmedBy: string;
  },
): Promise<{ row: InPersonLearningRow; created: boolean }> {
  const created = await selectOne<InPersonLearningRow>(
    db,
    `INSERT INTO in_person_learning (user_id, course_id, lesson_id, learned_on, note, confirmed_by)
     VALUES ($1, $2, $3, $4::date, $5, $6)
     ON CONFLICT (user_id, course_id, coalesce(lesson_id, '00000000-0000-0000-0000-000000000000'::uuid), learned_on)
     DO NOTHING RETURNING ${IN_PERSON_COLUMNS}`,
    [r.userId, r.courseId, r.lessonId, r.on, r.note, r.confirmedBy],
  );
  if (created) return { row: created, created: true };
  const existing = await selectOne<InPersonLearningRow>(
    db,
    `SELECT ${IN_PERSON_COLUMNS} FROM in_person_learning
      WHERE user_id = $1 AND course_id = $2 AND lesson_id IS NOT DISTINCT FROM $3::uuid AND learned_on = $4::date`,
    [r.userId, r.courseId, r.lessonId, r.on],
  );
  return { row: existing!, created: false };
}

/** A person's in-person learning, oldest first. */
export function inPersonLearningOf(db: Queryable, userId: string): Promise<InPersonLearningRow[]> {
  return selectRows<InPersonLearningRow>(
    db,
    `SELECT ${IN_PERSON_COLUMNS} FROM in_person_learning WHERE user_id = $1 ORDER BY learned_on, recorded_at`,
    [userId],
  );
}

/** Whether a date (YYYY-MM-DD) is after today on the Vietnam clock, by the database's clock. */
export async function isAfterVietnamToday(db: Queryable, date: string): Promise<boolean> {
  const row = await selectOne<{ after: boolean }>(
    db,
    `SELECT $1::date > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS after`,
    [date],
  );
  return row!.after;
}
