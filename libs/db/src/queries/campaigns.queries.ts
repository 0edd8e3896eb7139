import type { LocalizedText } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Emulation campaigns (docs/campaigns.md): the campaigns, their units, one query per league-table indicator
 * (each over every participating unit's subtree at once) and the awards of the close.
 */

export interface CampaignRow {
  id: string;
  name: { vi: string; en: string };
  starts_on: string;
  ends_on: string;
  rule: unknown;
  top_units: number;
  top_people: number;
  scope_path: string;
  template: string | null;
  created_by: string | null;
  closed_at: Date | null;
  units: Array<{ id: string; name: string; level: string; path: string }>;
}

const CAMPAIGN_COLUMNS = `c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.rule, c.top_units, c.top_people, c.scope_path, c.template,
  c.created_by, c.closed_at,
  coalesce((SELECT json_agg(json_build_object('id', au.id, 'name', au.name, 'level', au.level, 'path', cu.unit_path)
                            ORDER BY au.name, au.id)
              FROM campaign_units cu JOIN administrative_units au ON au.id = cu.unit_id
             WHERE cu.campaign_id = c.id), '[]'::json) AS units`;

export interface CampaignValues {
  name: { vi: string; en: string };
  startsOn: string;
  endsOn: string;
  rule: unknown;
  topUnits: number;
  topPeople: number;
  scopePath: string;
  template: string | null;
}

export async function insertCampaign(db: Queryable, c: CampaignValues, createdBy: string): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO campaigns (name, starts_on, ends_on, rule, top_units, top_people, scope_path, template, created_by)
     VALUES ($1::jsonb, $2::date, $3::date, $4::jsonb, $5, $6, $7, $8, $9) RETURNING id`,
    [
      JSON.stringify(c.name),
      c.startsOn,
      c.endsOn,
      JSON.stringify(c.rule),
      c.topUnits,
      c.topPeople,
      c.scopePath,
      c.template,
      createdBy,
    ],
  );
  return row!.id;
}

/** Rewrites a campaign that is not closed; the number of rows changed (0: closed meanwhile). */
export function updateCampaign(db: Queryable, id: string, c: CampaignValues): Promise<number> {
  return execute(
    db,
    `UPDATE campaigns SET name = $2::jsonb, starts_on = $3::date, ends_on = $4::date, rule = $5::jsonb,
            top_units = $6, top_people = $7, scope_path = $8, template = $9, updated_at = now()
      WHERE id = $1 AND closed_at IS NULL`,
    [
      id,
      JSON.stringify(c.name),
      c.startsOn,
      c.endsOn,
      JSON.stringify(c.rule),
      c.topUnits,
      c.topPeople,
      c.scopePath,
      c.template,
    ],
  );
}

/** Sets the participating units of a campaign to exactly these. */
export async function setCampaignUnits(
  db: Queryable,
  campaignId: string,
  units: ReadonlyArray<{ id: string; path: string }>,
): Promise<void> {
  await execute(db, `DELETE FROM campaign_units WHERE campaign_id = $1`, [campaignId]);
  await execute(
    db,
    `INSERT INTO campaign_units (campaign_id, unit_id, unit_path)
     SELECT $1, u.id, u.path FROM unnest($2::uuid[], $3::text[]) AS u(id, path)`,
    [campaignId, units.map((u) => u.id), units.map((u) => u.path)],
  );
}

export function campaignById(db: Queryable, id: string): Promise<CampaignRow | undefined> {
  return selectOne<CampaignRow>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [id]);
}

/** Locks a campaign row for its close (the 50 parallel closes queue here). */
export function lockCampaign(
  db: Queryable,
  id: string,
): Promise<{ id: string; closed_at: Date | null } | undefined> {
  return selectOne<{ id: string; closed_at: Date | null }>(
    db,
    `SELECT id, closed_at FROM campaigns WHERE id = $1 FOR UPDATE`,
    [id],
  );
}

export async function markCampaignClosed(db: Queryable, id: string, closedBy: string): Promise<void> {
  await execute(
    db,
    `UPDATE campaigns SET closed_at = now(), closed_by = $2 WHERE id = $1 AND closed_at IS NULL`,
    [id, closedBy],
  );
}

/**
 * The campaigns a caller sees, newest first: those whose area lies in one of `unitPaths` (or every one with
 * `global`), and those in which a unit above `learnerUnitPath` (the caller's own place) takes part.
 */
export function visibleCampaigns(
  db: Queryable,
  q: { global: boolean; unitPaths: readonly string[]; learnerUnitPath: string | null },
  limit: number,
): Promise<CampaignRow[]> {
  return selectRows<CampaignRow>(
    db,
    `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c
      WHERE $1::boolean OR c.scope_path LIKE ANY ($2::text[])
         OR ($3::text IS NOT NULL AND EXISTS (
               SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = c.id AND $3::text LIKE cu.unit_path || '%'))
      ORDER BY c.starts_on DESC, c.created_at DESC, c.id LIMIT $4`,
    [q.global, q.unitPaths.map((p) => `${p}%`), q.learnerUnitPath, limit],
  );
}

/** Whether the caller's place lies in one of the campaign's units (a learner of a participating unit). */
export async function placeTakesPart(db: Queryable, campaignId: string, unitPath: string): Promise<boolean> {
  const row = await selectOne<{ ok: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM campaign_units WHERE campaign_id = $1 AND $2::text LIKE unit_path || '%') AS ok`,
    [campaignId, unitPath],
  );
  return row?.ok === true;
}

/** The unit path on a person's profile (their place), or null. */
export async function profileUnitPath(db: Queryable, userId: string): Promise<string | null> {
  const row = await selectOne<{ unit_path: string | null }>(
    db,
    `SELECT unit_path FROM learner_profiles WHERE user_id = $1`,
    [userId],
  );
  return row?.unit_path ?? null;
}

export interface CampaignUnitChoiceRow {
  id: string;
  name: string;
  level: string;
  path: string;
}

/** Units valid today with these ids (unknown or ended ones are missing from the answer). */
export function currentUnitsByIds(db: Queryable, ids: readonly string[]): Promise<CampaignUnitChoiceRow[]> {
  return selectRows<CampaignUnitChoiceRow>(
    db,
    `SELECT id, name, level, path FROM administrative_units
      WHERE id = ANY ($1::uuid[]) AND valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)`,
    [ids],
  );
}

/**
 * Units valid today inside the caller's area, by path (the caller filters by the folded name, so a name typed
 * without diacritics still matches).
 */
export function campaignUnitChoices(
  db: Queryable,
  scope: { global: boolean; unitPaths: readonly string[] },
  limit: number,
): Promise<CampaignUnitChoiceRow[]> {
  return selectRows<CampaignUnitChoiceRow>(
    db,
    `SELECT id, name, level, path FROM administrative_units
      WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)
        AND ($1::boolean OR path LIKE ANY ($2::text[]))
      ORDER BY path LIMIT $3`,
    [scope.global, scope.unitPaths.map((p) => `${p}%`), limit],
  );
}

// ---------- the league table: one query per indicator, every unit at once ----------

/** Per participating unit: people with the trained fact of the group before the period and before its end. */
export function campaignTrainedCounts(
  db: Queryable,
  campaignId: string,
  q: { targetGroup: string; from: string; to: string },
): Promise<Array<{ unit_id: string; before: number; by_end: number }>> {
  return selectRows(
    db,
    `SELECT cu.unit_id,
            count(*) FILTER (WHERE f.achieved_at < $3::timestamptz)::int AS before,
            count(*) FILTER (WHERE f.achieved_at < $4::timestamptz)::int AS by_end
       FROM campaign_units cu
       LEFT JOIN coverage_facts f ON f.measure = 'trained' AND f.target_group = $2
                                 AND f.unit_path LIKE cu.unit_path || '%'
      WHERE cu.campaign_id = $1
      GROUP BY cu.unit_id`,
    [campaignId, q.targetGroup, q.from, q.to],
  );
}

export interface CampaignSessionRow {
  unit_id: string;
  id: string;
  starts_at: Date;
  ends_at: Date;
  created_at: Date;
  cancelled: boolean;
  attendees: number;
}

/** The community sessions below each participating unit that started in [from, to), with their attendees. */
export function campaignSessions(
  db: Queryable,
  campaignId: string,
  q: { from: string; to: string },
): Promise<CampaignSessionRow[]> {
  return selectRows<CampaignSessionRow>(
    db,
    `SELECT cu.unit_id, s.id, s.starts_at, s.ends_at, s.created_at, s.cancelled_at IS NOT NULL AS cancelled,
            (SELECT count(*)::int FROM community_session_attendance a WHERE a.session_id = s.id) AS attendees
       FROM campaign_units cu
       JOIN community_sessions s ON s.unit_path LIKE cu.unit_path || '%'
      WHERE cu.campaign_id = $1 AND s.starts_at >= $2::timestamptz AND s.starts_at < $3::timestamptz
      ORDER BY s.starts_at, s.id`,
    [campaignId, q.from, q.to],
  );
}

export interface CampaignGuidedRow {
  ambassador_id: string;
  mentee_id: string;
  mentee_unit_path: string | null;
  accepted_at: Date;
  ended_at: Date | null;
  completed_at: Date;
}

/**
 * Course completions in [from, to) of mentees placed below any participating unit, with the mentorship they had
 * (the scorer applies the "while in force" rule).
 */
export function campaignGuidedCompletions(
  db: Queryable,
  campaignId: string,
  q: { from: string; to: string },
): Promise<CampaignGuidedRow[]> {
  return selectRows<CampaignGuidedRow>(
    db,
    `SELECT m.ambassador_id, m.mentee_id, lp.unit_path AS mentee_unit_path, m.accepted_at, m.ended_at, e.completed_at
       FROM mentorships m
       JOIN learner_profiles lp ON lp.user_id = m.mentee_id
       JOIN enrolments e ON e.user_id = m.mentee_id AND e.status = 'completed'
      WHERE e.completed_at >= $2::timestamptz AND e.completed_at < $3::timestamptz
        AND EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = $1 AND lp.unit_path LIKE cu.unit_path || '%')`,
    [campaignId, q.from, q.to],
  );
}

/** Per participating unit: people helped with a public service on the Vietnam days startsOn..endsOn. */
export function campaignHelpGiven(
  db: Queryable,
  campaignId: string,
  q: { startsOn: string; endsOn: string },
): Promise<Array<{ unit_id: string; people: number }>> {
  return selectRows(
    db,
    `SELECT cu.unit_id, coalesce(sum(h.people), 0)::int AS people
       FROM campaign_units cu
       LEFT JOIN help_logs h ON h.unit_path LIKE cu.unit_path || '%'
                            AND h.helped_on BETWEEN $2::date AND $3::date
      WHERE cu.campaign_id = $1
      GROUP BY cu.unit_id`,
    [campaignId, q.startsOn, q.endsOn],
  );
}

// ---------- the close and its awards ----------

export async function insertUnitAward(
  db: Queryable,
  a: {
    campaignId: string;
    unitId: string;
    rank: number;
    points: number;
    standing: unknown;
    digest: string;
    signature: string;
  },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO campaign_awards (campaign_id, kind, unit_id, rank, points, standing, digest, signature)
     VALUES ($1, 'unit', $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT DO NOTHING`,
    [a.campaignId, a.unitId, a.rank, a.points, JSON.stringify(a.standing), a.digest, a.signature],
  );
}

export async function insertPersonAward(
  db: Queryable,
  a: {
    campaignId: string;
    userId: string;
    rank: number;
    points: number;
    certificateRequestId: string | null;
  },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO campaign_awards (campaign_id, kind, user_id, rank, points, certificate_request_id)
     VALUES ($1, 'person', $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [a.campaignId, a.userId, a.rank, a.points, a.certificateRequestId],
  );
}

export interface CampaignAwardRow {
  kind: 'unit' | 'person';
  unit_id: string | null;
  unit_name: string | null;
  display_name: string | null;
  rank: number;
  points: string;
  standing: unknown;
  digest: string | null;
  signature: string | null;
  certificate_id: string | null;
}

/** The awards of a campaign, units then people, by rank. */
export function campaignAwardsOf(db: Queryable, campaignId: string): Promise<CampaignAwardRow[]> {
  return selectRows<CampaignAwardRow>(
    db,
    `SELECT a.kind, a.unit_id, au.name AS unit_name, u.display_name, a.rank, a.points::text AS points, a.standing,
            a.digest, a.signature, cert.id AS certificate_id
       FROM campaign_awards a
       LEFT JOIN administrative_units au ON au.id = a.unit_id
       LEFT JOIN users u ON u.id = a.user_id
       LEFT JOIN certificate_requests r ON r.id = a.certificate_request_id
       LEFT JOIN certificates cert ON cert.user_id = r.user_id AND cert.achievement_id = r.achievement_id
                                  AND cert.issued_at IS NOT NULL
      WHERE a.campaign_id = $1
      ORDER BY a.kind DESC, a.rank, coalesce(au.name, u.display_name), a.id`,
    [campaignId],
  );
}

/** What a campaign's individual achievement names (for the credential), or undefined. */
export function campaignForAchievement(
  db: Queryable,
  campaignId: string,
): Promise<
  { id: string; name: LocalizedText & { en: string }; starts_on: string; ends_on: string } | undefined
> {
  return selectOne(
    db,
    `SELECT id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
       FROM campaigns WHERE id = $1`,
    [campaignId],
  );
}
