import { type ConfirmerColumns, confirmerColumns as confirmer } from './declarations.queries';
import { type Queryable, selectRows } from './queryable';

// Coverage's part of a person's data rights: their coverage facts, digital-identity declarations, universalisation
// confirmations and in-person learning records. De-identification keeps them (they are counted in the plan's
// statistics, tied to the account id and never to a name); the free-text note of an in-person record is erased.

export interface CoverageFactExportRow extends ConfirmerColumns {
  measure: string;
  target_group: string;
  sub_groups: string[];
  unit_name: string | null;
  organisation_name: string | null;
  achieved_at: Date;
  source: string;
  recorded_by: string | null;
  evidence: Record<string, unknown>;
}

/** The person's coverage facts with the place they had when each was recorded, oldest first. */
export function coverageFactsForExport(db: Queryable, userId: string): Promise<CoverageFactExportRow[]> {
  return selectRows<CoverageFactExportRow>(
    db,
    `SELECT f.measure, f.target_group, f.sub_groups, au.name AS unit_name, o.name AS organisation_name,
            f.achieved_at, f.source, f.recorded_by, f.evidence, ${confirmer('f.recorded_by')}
       FROM coverage_facts f
       LEFT JOIN administrative_units au ON au.id = f.unit_id
       LEFT JOIN organisations o ON o.id = f.organisation_id
       LEFT JOIN users cu ON cu.id = f.recorded_by
      WHERE f.user_id = $1
      ORDER BY f.achieved_at, f.measure, f.target_group`,
    [userId],
  );
}

export interface DeclarationExportRow extends ConfirmerColumns {
  kind: string;
  value: boolean;
  source: string;
  confirmed_by: string | null;
  at: Date;
}

/** Every digital-identity declaration of the person (self-declared or confirmed by a helper), oldest first. */
export function declarationsForExport(db: Queryable, userId: string): Promise<DeclarationExportRow[]> {
  return selectRows<DeclarationExportRow>(
    db,
    `SELECT d.kind, d.value, d.source, d.confirmed_by, d.at, ${confirmer('d.confirmed_by')}
       FROM declarations d LEFT JOIN users cu ON cu.id = d.confirmed_by
      WHERE d.user_id = $1 ORDER BY d.at, d.id`,
    [userId],
  );
}

export interface UniversalisationExportRow {
  id: string;
  target_group: string;
  rule_version: string;
  confirmed_at: Date;
  confirmed_on: string;
  unit_name: string | null;
  organisation_name: string | null;
  evidence: Record<string, unknown>;
}

/** The person's universalisation confirmations with their evidence, oldest first. */
export function universalisationForExport(
  db: Queryable,
  userId: string,
): Promise<UniversalisationExportRow[]> {
  return selectRows<UniversalisationExportRow>(
    db,
    `SELECT c.id, c.target_group, c.rule_version, c.confirmed_at, to_char(c.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
            au.name AS unit_name, o.name AS organisation_name, c.evidence
       FROM universalisation_confirmations c
       LEFT JOIN administrative_units au ON au.id = c.unit_id
       LEFT JOIN organisations o ON o.id = c.organisation_id
      WHERE c.user_id = $1 ORDER BY c.confirmed_at, c.target_group`,
    [userId],
  );
}

export interface InPersonExportRow extends ConfirmerColumns {
  id: string;
  course_id: string;
  course_title: { vi: string; en?: string } | null;
  lesson_id: string | null;
  learned_on: string;
  note: string;
  confirmed_by: string | null;
  recorded_at: Date;
}

/** The person's in-person learning records, oldest first. */
export function inPersonLearningForExport(db: Queryable, userId: string): Promise<InPersonExportRow[]> {
  return selectRows<InPersonExportRow>(
    db,
    `SELECT r.id, r.course_id, v.title AS course_title, r.lesson_id, to_char(r.learned_on, 'YYYY-MM-DD') AS learned_on,
            r.note, r.confirmed_by, r.recorded_at, ${confirmer('r.confirmed_by')}
       FROM in_person_learning r
       JOIN courses c ON c.id = r.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
       LEFT JOIN users cu ON cu.id = r.confirmed_by
      WHERE r.user_id = $1 ORDER BY r.learned_on, r.recorded_at`,
    [userId],
  );
}

/**
 * De-identification keeps the person's coverage rows (still counted, never named) and erases the free text a
 * helper wrote about them (the in-person record's note). Returns the notes erased.
 */
export async function eraseCoverageNotes(db: Queryable, userId: string): Promise<number> {
  const rows = await selectRows<{ id: string }>(
    db,
    `UPDATE in_person_learning SET note = '' WHERE user_id = $1 AND note <> '' RETURNING id`,
    [userId],
  );
  return rows.length;
}
