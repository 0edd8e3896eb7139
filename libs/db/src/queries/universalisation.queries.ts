import type {
  CompetencyMapping,
  ScopeFilter,
  TargetGroup,
  UniversalisationEvidence,
  UniversalisationRuleSet,
} from '@hocvuso/domain';
import { scopeCondition } from './scope-conditions';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Universalisation (docs/universalisation-exchange.md): the imported rule versions, the checks outbox written by
 * the completing transaction, and the confirmations the worker writes once per person, group and rule version.
 */

// ---------- rules ----------

/**
 * Stores a rule version (its content hash) if new and makes it the current one. Returns whether anything changed.
 * Call inside the import's transaction.
 */
export async function importUniversalisationRules(
  db: Queryable,
  data: { rules: UniversalisationRuleSet; contentHash: string },
): Promise<boolean> {
  const current = await selectOne<{ version: string }>(
    db,
    `SELECT version FROM universalisation_rules WHERE current`,
  );
  if (current?.version === data.contentHash) return false;
  await execute(db, `UPDATE universalisation_rules SET current = false WHERE current`);
  await execute(
    db,
    `INSERT INTO universalisation_rules (version, rule_set_id, rules, current) VALUES ($1, $2, $3::jsonb, true)
     ON CONFLICT (version) DO UPDATE SET current = true`,
    [data.contentHash, data.rules.id, JSON.stringify(data.rules)],
  );
  return true;
}

export interface UniversalisationRulesRow {
  version: string;
  rules: UniversalisationRuleSet;
}

/** The current rule version, if rules were ever imported. */
export function currentUniversalisationRules(db: Queryable): Promise<UniversalisationRulesRow | undefined> {
  return selectOne<UniversalisationRulesRow>(
    db,
    `SELECT version, rules FROM universalisation_rules WHERE current`,
  );
}

/** Every mapping between framework competencies (content/frameworks/mappings.yaml). */
export async function allCompetencyMappings(db: Queryable): Promise<CompetencyMapping[]> {
  return selectRows<CompetencyMapping>(
    db,
    `SELECT from_framework AS "fromFramework", from_code AS "fromCode", to_framework AS "toFramework",
            to_code AS "toCode", relation
       FROM competency_mappings ORDER BY 1, 2, 3, 4`,
  );
}

// ---------- checks (the outbox) ----------

/**
 * The outbox row asking the worker to evaluate a person: one pending row per person at a time. A second request
 * while one is pending returns it (taking its row lock until this transaction ends, so a worker evaluating it
 * finishes first and this request then opens a new pending row that sees what this transaction wrote).
 */
export async function requestUniversalisationCheck(
  db: Queryable,
  userId: string,
  reason: string,
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO universalisation_checks (user_id, reason) VALUES ($1, $2)
     ON CONFLICT (user_id) WHERE done_at IS NULL DO UPDATE SET reason = universalisation_checks.reason
     RETURNING id`,
    [userId, reason],
  );
  return row!.id;
}

export interface UniversalisationCheckRow {
  id: string;
  user_id: string;
  reason: string;
  attempts: number;
}

/** A pending check, locked for the evaluating transaction (waits for a completing transaction holding it). */
export function lockPendingUniversalisationCheck(
  db: Queryable,
  checkId: string,
): Promise<UniversalisationCheckRow | undefined> {
  return selectOne<UniversalisationCheckRow>(
    db,
    `SELECT id, user_id, reason, attempts FROM universalisation_checks WHERE id = $1 AND done_at IS NULL FOR UPDATE`,
    [checkId],
  );
}

export type CheckOutcome = 'confirmed' | 'not-satisfied' | 'no-group' | 'no-rules';

export function finishUniversalisationCheck(
  db: Queryable,
  checkId: string,
  outcome: CheckOutcome,
): Promise<number> {
  return execute(
    db,
    `UPDATE universalisation_checks SET done_at = now(), outcome = $2, attempts = attempts + 1, last_error = NULL
      WHERE id = $1 AND done_at IS NULL`,
    [checkId, outcome],
  );
}

/** Records a failed evaluation (outside the failed transaction); the sweep tries again. */
export function noteUniversalisationCheckError(
  db: Queryable,
  checkId: string,
  message: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE universalisation_checks SET attempts = attempts + 1, last_error = left($2, 500) WHERE id = $1`,
    [checkId, message],
  );
}

/** Pending checks older than `olderThanSeconds` (a lost announcement, a crashed worker), oldest first. */
export function dueUniversalisationChecks(
  db: Queryable,
  olderThanSeconds: number,
  limit = 500,
): Promise<Array<{ id: string }>> {
  return selectRows<{ id: string }>(
    db,
    `SELECT id FROM universalisation_checks
      WHERE done_at IS NULL AND created_at < now() - make_interval(secs => $1)
      ORDER BY created_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
}

export interface UniversalisationCheckStateRow {
  id: string;
  reason: string;
  created_at: Date;
  done_at: Date | null;
  outcome: CheckOutcome | null;
  attempts: number;
  last_error: string | null;
}

/** A person's checks, newest first (tests, support). */
export function universalisationChecksOf(
  db: Queryable,
  userId: string,
): Promise<UniversalisationCheckStateRow[]> {
  return selectRows<UniversalisationCheckStateRow>(
    db,
    `SELECT id, reason, created_at, done_at, outcome, attempts, last_error
       FROM universalisation_checks WHERE user_id = $1 ORDER BY created_at DESC, id`,
    [userId],
  );
}

// ---------- evidence ----------

interface EvidenceRow {
  kind: 'course' | 'assessment';
  course_id: string;
  course_version_id: string | null;
  lesson_id: string | null;
  at: Date;
  competencies: Array<{ framework: string; code: string; level: number | null }>;
}

/**
 * What a person achieved that shows competencies: each completed course (the version they were certified on,
 * else the course's current version, with its competencies and levels), and each passed quiz lesson (its
 * lesson's competencies, at the level the course version gives the same competency, else none).
 */
export async function universalisationEvidenceOf(
  db: Queryable,
  userId: string,
): Promise<UniversalisationEvidence[]> {
  const rows = await selectRows<EvidenceRow>(
    db,
    `WITH done AS (
       SELECT e.course_id, e.completed_at,
              coalesce((SELECT r.course_version_id FROM certificate_requests r WHERE r.enrolment_id = e.id),
                       c.current_version_id) AS version_id
         FROM enrolments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1 AND e.status = 'completed' AND e.completed_at IS NOT NULL)
     SELECT 'course' AS kind, d.course_id, d.version_id AS course_version_id, NULL::uuid AS lesson_id,
            d.completed_at AS at,
            coalesce((SELECT json_agg(json_build_object('framework', cc.framework_id, 'code', cc.code, 'level', cc.level)
                                      ORDER BY cc.framework_id, cc.code)
                        FROM course_version_competencies cc WHERE cc.course_version_id = d.version_id), '[]') AS competencies
       FROM done d
     UNION ALL
     SELECT 'assessment', lr.course_id, c.current_version_id, lr.id, coalesce(lp.completed_at, lp.updated_at),
            coalesce((SELECT json_agg(json_build_object('framework', split_part(ref, ':', 1), 'code', split_part(ref, ':', 2),
                                                        'level', cc.level) ORDER BY ref)
                        FROM unnest(lr.competencies) AS ref
                        LEFT JOIN course_version_competencies cc ON cc.course_version_id = c.current_version_id
                              AND cc.framework_id = split_part(ref, ':', 1) AND cc.code = split_part(ref, ':', 2)), '[]')
       FROM lesson_progress lp JOIN lesson_revisions lr ON lr.id = lp.lesson_revision_id
       JOIN courses c ON c.id = lr.course_id
      WHERE lp.user_id = $1 AND lp.passed AND lr.kind = 'quiz'
     ORDER BY at, course_id`,
    [userId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    courseId: r.course_id,
    courseVersionId: r.course_version_id,
    lessonId: r.lesson_id,
    at: new Date(r.at).toISOString(),
    competencies: r.competencies,
  }));
}

// ---------- confirmations ----------

export interface ConfirmationInput {
  userId: string;
  targetGroup: TargetGroup;
  ruleVersion: string;
  evidence: Record<string, unknown>;
  checkId: string | null;
}

/**
 * Writes the confirmation once per person, group and rule version, at the database clock (its Vietnam date too),
 * with the person's place now. Returns its id when written now, undefined when it already existed.
 */
export async function insertUniversalisationConfirmation(
  db: Queryable,
  c: ConfirmationInput,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO universalisation_confirmations
            (user_id, target_group, rule_version, confirmed_on, unit_id, unit_path, organisation_id, evidence, check_id)
     SELECT u.id, $2, $3, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, lp.unit_id, lp.unit_path, lp.organisation_id,
            $4::jsonb, $5
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id WHERE u.id = $1
     ON CONFLICT (user_id, target_group, rule_version) DO NOTHING
     RETURNING id`,
    [c.userId, c.targetGroup, c.ruleVersion, JSON.stringify(c.evidence), c.checkId],
  );
  return row?.id;
}

export interface ConfirmationRow {
  id: string;
  target_group: string;
  rule_version: string;
  confirmed_at: Date;
  confirmed_on: string;
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  evidence: Record<string, unknown>;
}

/** A person's confirmations, oldest first (their data export, tests). */
export function universalisationConfirmationsOf(db: Queryable, userId: string): Promise<ConfirmationRow[]> {
  return selectRows<ConfirmationRow>(
    db,
    `SELECT id, target_group, rule_version, confirmed_at, to_char(confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
            unit_id, unit_path, organisation_id, evidence
       FROM universalisation_confirmations WHERE user_id = $1 ORDER BY confirmed_at, target_group`,
    [userId],
  );
}

export interface ExportConfirmationRow {
  id: string;
  target_group: string;
  rule_version: string;
  confirmed_at: Date;
  confirmed_on: string;
  unit_code: string | null;
  /** The VNeID subject when the person linked VNeID, else null (the pseudonym is used). */
  vneid_subject: string | null;
  pseudonym: string;
  evidence: Record<string, unknown>;
}

/**
 * The confirmations of a Vietnam-date range [from, to] in the caller's scope (by where the person was when
 * confirmed), optionally below one unit path; never a phone number or an e-mail address.
 */
export function confirmationsForExport(
  db: Queryable,
  q: { from: string; to: string; scope: ScopeFilter; unitPath?: string; limit: number },
): Promise<ExportConfirmationRow[]> {
  const scope = scopeCondition('c', q.scope, 4);
  return selectRows<ExportConfirmationRow>(
    db,
    `SELECT c.id, c.target_group, c.rule_version, c.confirmed_at, to_char(c.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
            au.code AS unit_code, oi.subject AS vneid_subject, u.pseudonym::text AS pseudonym, c.evidence
       FROM universalisation_confirmations c
       JOIN users u ON u.id = c.user_id
       LEFT JOIN administrative_units au ON au.id = c.unit_id
       LEFT JOIN oidc_identities oi ON oi.user_id = c.user_id AND oi.provider = 'vneid'
      WHERE c.confirmed_on BETWEEN $1::date AND $2::date
        AND ($3::text IS NULL OR c.unit_path LIKE $3 || '%')
        AND ${scope.sql}
      ORDER BY c.confirmed_at, c.id
      LIMIT $7`,
    [q.from, q.to, q.unitPath ?? null, ...scope.params, q.limit],
  );
}

/** A unit's path and code (the export's `unitId`), undefined when there is no such unit. */
export function unitPathAndCode(
  db: Queryable,
  unitId: string,
): Promise<{ path: string; code: string } | undefined> {
  return selectOne<{ path: string; code: string }>(
    db,
    `SELECT path, code FROM administrative_units WHERE id = $1`,
    [unitId],
  );
}

/** The database clock (the export's generatedAt). */
export async function databaseNow(db: Queryable): Promise<Date> {
  const row = await selectOne<{ now: Date }>(db, `SELECT now() AS now`);
  return new Date(row!.now);
}
