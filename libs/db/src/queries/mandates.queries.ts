import { type Queryable, selectOne, selectRows } from './queryable';
import { sharesWithUnit } from './scope-conditions';

/**
 * Mandates: a set of courses that the learners of a unit subtree or an organisation (optionally of one target
 * group) must complete by a date. No statement here decides a status or reads CURRENT_DATE: the status rule is
 * mandateStatus in libs/domain (on the Vietnam clock); these return the counts it needs.
 */

/**
 * SQL condition: mandate `m` applies to learner profile `lp` (in its unit subtree or its organisation, and of its
 * target group when it names one). One definition for compliance, "my mandates" and the reminder sweeps.
 */
export const mandateAppliesTo = (m: string, lp: string) =>
  `((${m}.unit_path IS NOT NULL AND ${lp}.unit_path LIKE ${m}.unit_path || '%') OR (${m}.organisation_id IS NOT NULL AND ${lp}.organisation_id = ${m}.organisation_id))
        AND (${m}.target_group IS NULL OR ${m}.target_group = ANY (${lp}.target_groups))`;

export interface MandateRow {
  id: string;
  title: string;
  course_ids: string[];
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  target_group: string | null;
  /** A date in Vietnam, YYYY-MM-DD. */
  due_on: string;
  grace_days: number;
  description: string;
  /** Bumped by every change: an edit naming an older version is stale (409). */
  version: number;
  /** 'active' or 'cancelled' (a cancelled mandate stays for compliance history). */
  status: 'active' | 'cancelled';
  cancelled_at: Date | null;
  updated_at: Date;
}

const MANDATE_COLUMNS = `m.id, m.title, m.course_ids, m.unit_id, m.unit_path, m.organisation_id, m.target_group,
       to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.grace_days, m.description, m.version, m.status,
       m.cancelled_at, m.updated_at`;

export interface NewMandate {
  title: string;
  courseIds: string[];
  unitId: string | null;
  unitPath: string | null;
  organisationId: string | null;
  targetGroup: string | null;
  dueOn: string;
  graceDays: number;
  createdBy: string | null;
  description?: string;
}

/** Inserts a mandate; returns its id. */
export async function insertMandate(db: Queryable, m: NewMandate): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO mandates (title, course_ids, unit_id, unit_path, organisation_id, target_group, due_on, grace_days, created_by, description)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      m.title,
      m.courseIds,
      m.unitId,
      m.unitPath,
      m.organisationId,
      m.targetGroup,
      m.dueOn,
      m.graceDays,
      m.createdBy,
      m.description ?? '',
    ],
  );
  return row!.id;
}

/** A live (not archived) mandate by id, active or cancelled. */
export function liveMandate(db: Queryable, id: string): Promise<MandateRow | undefined> {
  return selectOne<MandateRow>(
    db,
    `SELECT ${MANDATE_COLUMNS} FROM mandates m WHERE m.id = $1 AND m.archived_at IS NULL`,
    [id],
  );
}

/**
 * The live mandates whose unit path / organisation satisfy `scopeSql` (a scopeCondition on alias `m` with its
 * params), soonest due first.
 */
export function liveMandatesIn(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
): Promise<MandateRow[]> {
  return selectRows<MandateRow>(
    db,
    `SELECT ${MANDATE_COLUMNS} FROM mandates m WHERE m.archived_at IS NULL AND ${scope.sql} ORDER BY m.due_on, m.created_at`,
    scope.params,
  );
}

export interface ComplianceRow {
  user_id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  unit_name: string | null;
  organisation_name: string | null;
  organisation_id: string | null;
  target_groups: string[];
  /** All the person's enrolments and completions (not only the mandate's courses). */
  enrolments: number;
  completed: number;
  shares_with_unit: boolean;
  /** Of the mandate's courses: completed, enrolled in (completed or not), and how many it names. */
  completed_courses: number;
  started_courses: number;
  total_courses: number;
}

/**
 * Everyone a mandate applies to (profiles in its unit subtree or organisation, of its target group) with how far
 * they got in its courses; the status of each is mandateStatus (libs/domain), not SQL.
 */
export function mandateCompliance(db: Queryable, mandateId: string): Promise<ComplianceRow[]> {
  return selectRows<ComplianceRow>(
    db,
    `WITH m AS (SELECT * FROM mandates WHERE id = $1),
     learners AS (
       SELECT lp.* FROM learner_profiles lp, m
        WHERE ${mandateAppliesTo('m', 'lp')}),
     per AS (
       SELECT l.user_id, l.unit_id, l.organisation_id,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed_courses,
              count(e.id)::int AS started_courses,
              cardinality(m.course_ids) AS total_courses
         FROM learners l CROSS JOIN m
         LEFT JOIN enrolments e ON e.user_id = l.user_id AND e.course_id = ANY (m.course_ids)
        GROUP BY l.user_id, l.unit_id, l.organisation_id, m.course_ids)
     SELECT r.user_id, u.display_name, u.email, u.phone, au.name AS unit_name, o.name AS organisation_name,
            r.organisation_id, coalesce(lp.target_groups, '{}') AS target_groups,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id) AS enrolments,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id AND e.status = 'completed') AS completed,
            ${sharesWithUnit('r.user_id')} AS shares_with_unit,
            r.completed_courses, r.started_courses, r.total_courses
       FROM per r JOIN users u ON u.id = r.user_id
       JOIN learner_profiles lp ON lp.user_id = r.user_id
       LEFT JOIN administrative_units au ON au.id = r.unit_id
       LEFT JOIN organisations o ON o.id = r.organisation_id
      ORDER BY u.display_name, r.user_id`,
    [mandateId],
  );
}

export interface LearnerMandateRow {
  mandate_id: string;
  title: string;
  /** YYYY-MM-DD (a date in Vietnam). */
  due_on: string;
  grace_days: number;
  course_id: string;
  course_title: Record<string, string>;
  enrolment_status: string | null;
}

/** The active mandates that apply to a learner (cancelled ones are no longer due), one row per mandated course, with their enrolment state. */
export function mandatesForLearner(db: Queryable, userId: string): Promise<LearnerMandateRow[]> {
  return selectRows<LearnerMandateRow>(
    db,
    `SELECT m.id AS mandate_id, m.title, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.grace_days, c.course_id,
            v.title AS course_title, e.status AS enrolment_status
       FROM learner_profiles lp
       JOIN mandates m ON m.archived_at IS NULL AND m.status = 'active' AND ${mandateAppliesTo('m', 'lp')}
       CROSS JOIN LATERAL unnest(m.course_ids) AS c(course_id)
       JOIN courses co ON co.id = c.course_id
       JOIN course_versions v ON v.id = co.current_version_id
       LEFT JOIN enrolments e ON e.user_id = lp.user_id AND e.course_id = c.course_id
      WHERE lp.user_id = $1
      ORDER BY m.due_on, m.id, c.course_id`,
    [userId],
  );
}

/** Locks a live mandate for a change (inside the change's transaction). */
export function lockMandate(tx: Queryable, id: string): Promise<MandateRow | undefined> {
  return selectOne<MandateRow>(
    tx,
    `SELECT ${MANDATE_COLUMNS} FROM mandates m WHERE m.id = $1 AND m.archived_at IS NULL FOR UPDATE`,
    [id],
  );
}

/** Whether anyone the mandate applies to is enrolled in one of its courses (edits then keep to the rules). */
export async function mandateStarted(db: Queryable, id: string): Promise<boolean> {
  const row = await selectOne<{ started: boolean }>(
    db,
    `SELECT EXISTS (
       SELECT 1 FROM mandates m JOIN learner_profiles lp ON ${mandateAppliesTo('m', 'lp')}
         JOIN enrolments e ON e.user_id = lp.user_id AND e.course_id = ANY (m.course_ids)
        WHERE m.id = $1) AS started`,
    [id],
  );
  return row!.started;
}

export interface MandateTermsUpdate {
  title: string;
  description: string;
  courseIds: string[];
  dueOn: string;
  graceDays: number;
}

/**
 * Writes new terms when the mandate is still at `version` and active; returns the new version, or undefined
 * when another change came first (the caller answers 409).
 */
export async function updateMandateTerms(
  tx: Queryable,
  id: string,
  version: number,
  t: MandateTermsUpdate,
): Promise<number | undefined> {
  const row = await selectOne<{ version: number }>(
    tx,
    `UPDATE mandates SET title = $3, description = $4, course_ids = $5, due_on = $6, grace_days = $7,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND status = 'active' AND archived_at IS NULL RETURNING version`,
    [id, version, t.title, t.description, t.courseIds, t.dueOn, t.graceDays],
  );
  return row?.version;
}

/** Cancels the mandate when it is still at `version` and active; returns the new version or undefined. */
export async function cancelMandateAt(
  tx: Queryable,
  id: string,
  version: number,
): Promise<number | undefined> {
  const row = await selectOne<{ version: number }>(
    tx,
    `UPDATE mandates SET status = 'cancelled', cancelled_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND status = 'active' AND archived_at IS NULL RETURNING version`,
    [id, version],
  );
  return row?.version;
}

/** The admin list: which mandates, in which order (whitelisted; never text from the request). */
export interface MandateListFilter {
  status: 'active' | 'cancelled' | 'all';
  /** Part of the title, matched case- and accent-insensitively as typed (ILIKE, wildcards escaped). */
  q: string | null;
  sort: 'dueOn' | 'title' | 'createdAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMN: Record<MandateListFilter['sort'], string> = {
  dueOn: 'm.due_on',
  title: 'm.title',
  createdAt: 'm.created_at',
};

const listOrder = (f: MandateListFilter) => {
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  return `${SORT_COLUMN[f.sort]} ${dir}, m.id ${dir}`;
};

/** The filter as SQL on alias `m`, with its params numbered after the scope's. */
const listWhere = (scope: { sql: string; params: unknown[] }, f: MandateListFilter) => {
  const n = scope.params.length;
  return {
    sql: `m.archived_at IS NULL AND ${scope.sql}
          AND ($${n + 1}::text = 'all' OR m.status = $${n + 1})
          AND ($${n + 2}::text IS NULL OR m.title ILIKE '%' || $${n + 2} || '%' ESCAPE '\\')`,
    params: [...scope.params, f.status, f.q === null ? null : f.q.replace(/[\\%_]/g, (c) => `\\${c}`)],
  };
};

/** One page of the admin list, with the total of the filtered list. */
export async function mandatesPage(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
  f: MandateListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MandateRow[]; total: number }> {
  const where = listWhere(scope, f);
  const n = where.params.length;
  const rows = await selectRows<MandateRow & { total: number }>(
    db,
    `SELECT ${MANDATE_COLUMNS}, count(*) OVER ()::int AS total FROM mandates m
      WHERE ${where.sql} ORDER BY ${listOrder(f)} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.params, page.limit, page.offset],
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    // An empty page past the end: the list may still have rows before it.
    const row = await selectOne<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM mandates m WHERE ${where.sql}`,
      where.params,
    );
    total = row!.total;
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

export interface MandatePlaceRow {
  position: number;
  total: number;
  previous_id: string | null;
  next_id: string | null;
}

/** Where a mandate stands in the filtered, sorted list ("3 / 12"), with its neighbours; undefined when not in it. */
export function mandatePlace(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
  f: MandateListFilter,
  id: string,
): Promise<MandatePlaceRow | undefined> {
  const where = listWhere(scope, f);
  const n = where.params.length;
  return selectOne<MandatePlaceRow>(
    db,
    `SELECT position, total, previous_id, next_id FROM (
       SELECT m.id, row_number() OVER w::int AS position, count(*) OVER ()::int AS total,
              lag(m.id) OVER w AS previous_id, lead(m.id) OVER w AS next_id
         FROM mandates m WHERE ${where.sql}
       WINDOW w AS (ORDER BY ${listOrder(f)})) list
      WHERE id = $${n + 1}`,
    [...where.params, id],
  );
}

export interface MandateProgressRow {
  mandate_id: string;
  assigned: number;
  /** Assigned people who completed every course of the mandate. */
  completed: number;
}

/**
 * Progress of a page of mandates in one statement: how many people each applies to and how many completed
 * all its courses. Overdue is the rest once the deadline passed: the api decides it (isPastDeadline).
 */
export function mandatesProgress(db: Queryable, ids: string[]): Promise<MandateProgressRow[]> {
  return selectRows<MandateProgressRow>(
    db,
    `SELECT m.id AS mandate_id, count(lp.user_id)::int AS assigned,
            count(lp.user_id) FILTER (WHERE (
              SELECT count(DISTINCT e.course_id) FROM enrolments e
               WHERE e.user_id = lp.user_id AND e.status = 'completed' AND e.course_id = ANY (m.course_ids)
            ) >= cardinality(m.course_ids))::int AS completed
       FROM mandates m LEFT JOIN learner_profiles lp ON ${mandateAppliesTo('m', 'lp')}
      WHERE m.id = ANY ($1::uuid[])
      GROUP BY m.id`,
    [ids],
  );
}

export interface MandateNoticeRows {
  /** One event of one mandate version: `mandate:<id>:v<version>`; each recipient's outbox key adds the user. */
  key: string;
  notification: { title: { vi: string; en: string }; body: { vi: string; en: string }; link: string };
  /** The e-mail in each language (the recipient's language picks; anything else gets Vietnamese). */
  email: Record<'vi' | 'en', { subject: string; text: string; html: string }>;
  /** The SMS text (Vietnamese). */
  sms: string;
  /** 'smtp' or 'local' (see mail_outbox). */
  mailTransport: string;
}

/**
 * The fan-out of a mandate notice to everyone it applies to, set-based, in the caller's transaction (one
 * statement, three INSERT … SELECT): the inbox when in-app is on; an e-mail when the person has an address
 * and e-mail on; an SMS when the person has no address but a confirmed phone (docs/sms.md) and has not turned
 * off messages outside the app (email_enabled). Outbox keys are unique per version and person: a replay writes nothing twice.
 */
export async function insertMandateNotices(
  tx: Queryable,
  mandateId: string,
  n: MandateNoticeRows,
): Promise<{ notified: number; mailed: number; texted: number }> {
  const row = await selectOne<{ notified: number; mailed: number; texted: number }>(
    tx,
    `WITH m AS (SELECT * FROM mandates WHERE id = $1),
     r AS (
       SELECT u.id, u.email, u.phone, u.phone_verified_at IS NOT NULL AS phone_verified, u.language,
              coalesce(np.email_enabled, true) AS email_on, coalesce(np.in_app_enabled, true) AS in_app_on
         FROM m JOIN learner_profiles lp ON ${mandateAppliesTo('m', 'lp')}
         JOIN users u ON u.id = lp.user_id
         LEFT JOIN notification_preferences np ON np.user_id = u.id),
     n AS (
       INSERT INTO notifications (user_id, kind, title, body, link)
       SELECT r.id, 'mandate', $3::jsonb, $4::jsonb, $5 FROM r WHERE r.in_app_on
       RETURNING 1),
     mo AS (
       INSERT INTO mail_outbox (to_address, subject, text, html, headers, dedupe_key, transport)
       SELECT r.email,
              CASE WHEN r.language = 'en' THEN $9 ELSE $6 END,
              CASE WHEN r.language = 'en' THEN $10 ELSE $7 END,
              CASE WHEN r.language = 'en' THEN $11 ELSE $8 END,
              jsonb_build_object('Content-Language', CASE WHEN r.language = 'en' THEN 'en' ELSE 'vi' END),
              $2 || ':' || r.id, $12
         FROM r WHERE r.email IS NOT NULL AND r.email_on
       RETURNING 1),
     so AS (
       INSERT INTO sms_outbox (to_number, text, dedupe_key, user_id)
       SELECT r.phone, $13, $2 || ':' || r.id, r.id
         FROM r WHERE r.email IS NULL AND r.phone LIKE '+%' AND r.phone_verified AND r.email_on
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM n) AS notified, (SELECT count(*)::int FROM mo) AS mailed,
            (SELECT count(*)::int FROM so) AS texted`,
    [
      mandateId,
      n.key,
      JSON.stringify(n.notification.title),
      JSON.stringify(n.notification.body),
      n.notification.link,
      n.email.vi.subject,
      n.email.vi.text,
      n.email.vi.html,
      n.email.en.subject,
      n.email.en.text,
      n.email.en.html,
      n.mailTransport,
      n.sms,
    ],
  );
  return row!;
}
