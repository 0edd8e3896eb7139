import {
  type FactMeasure,
  factGroups,
  isPopulationSubGroup,
  personSubGroups,
  type SchoolLevel,
  type TargetGroup,
  vietnamDate,
} from '@hocvuso/domain';
import { type Queryable, selectOne, selectRows } from './queryable';

/**
 * Coverage facts (docs/coverage.md): what the plan counts about a person, recorded once per person, measure and
 * target group (plus once under '*'), with the place and population sub-groups the person has at that moment.
 */

export interface FactPlaceRow {
  target_groups: TargetGroup[] | null;
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  organisation_kind: string | null;
  school_level: SchoolLevel | null;
  birth_year: number | null;
}

/** Where a person stands for coverage now (every field null for someone without a learner profile). */
export function factPlaceOf(db: Queryable, userId: string): Promise<FactPlaceRow | undefined> {
  return selectOne<FactPlaceRow>(
    db,
    `SELECT lp.target_groups, lp.unit_id, lp.unit_path, lp.organisation_id, o.kind AS organisation_kind,
            lp.school_level, lp.birth_year
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id LEFT JOIN organisations o ON o.id = lp.organisation_id
      WHERE u.id = $1`,
    [userId],
  );
}

export interface CoverageFactInput {
  userId: string;
  measure: FactMeasure;
  source: 'system' | 'self' | 'helper';
  recordedBy?: string | null;
  /** What justifies the fact (course ids, a confirmation id, who confirmed face to face…). */
  evidence?: Record<string, unknown>;
  /** The groups to count the fact under; default: the person's target groups now. '*' is always added. */
  targetGroups?: readonly TargetGroup[];
}

/**
 * Records a coverage fact once: under each of the person's groups and under '*', with their place and sub-groups
 * now, at the database's clock. A fact already recorded is kept as it was (first time counts; a later move does
 * not move it). Returns the rows written (0 when all were there). Runs on the caller's transaction manager when
 * it is part of a state change (the completing transaction), so the fact commits with what caused it.
 */
export async function recordCoverageFacts(db: Queryable, input: CoverageFactInput): Promise<number> {
  const place = await factPlaceOf(db, input.userId);
  if (!place) return 0;
  const groups = factGroups(input.targetGroups ?? place.target_groups ?? []);
  const subGroups = personSubGroups(
    {
      organisationKind: place.organisation_kind,
      schoolLevel: place.school_level,
      birthYear: place.birth_year,
    },
    vietnamDate(new Date()),
  ).filter(isPopulationSubGroup);
  const rows = await selectRows<{ target_group: string }>(
    db,
    `INSERT INTO coverage_facts (user_id, measure, target_group, sub_groups, unit_id, unit_path, organisation_id,
                                 source, recorded_by, evidence)
     SELECT $1, $2, g, $4::text[], $5, $6, $7, $8, $9, $10::jsonb FROM unnest($3::text[]) AS g
     ORDER BY g
     ON CONFLICT (user_id, measure, target_group) DO NOTHING
     RETURNING target_group`,
    [
      input.userId,
      input.measure,
      groups,
      subGroups,
      place.unit_id,
      place.unit_path,
      place.organisation_id,
      input.source,
      input.recordedBy ?? null,
      JSON.stringify(input.evidence ?? {}),
    ],
  );
  return rows.length;
}

export interface CoverageFactRow {
  measure: FactMeasure;
  target_group: string;
  sub_groups: string[];
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  achieved_at: Date;
  source: 'system' | 'self' | 'helper';
  recorded_by: string | null;
  evidence: Record<string, unknown>;
}

/** A person's coverage facts, oldest first (their data export; tests). */
export function coverageFactsOf(db: Queryable, userId: string): Promise<CoverageFactRow[]> {
  return selectRows<CoverageFactRow>(
    db,
    `SELECT measure, target_group, sub_groups, unit_id, unit_path, organisation_id, achieved_at, source, recorded_by, evidence
       FROM coverage_facts WHERE user_id = $1 ORDER BY achieved_at, measure, target_group`,
    [userId],
  );
}
