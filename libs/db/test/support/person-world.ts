// A person holding a little of everything the platform keeps about someone, inserted directly (no api), for the
// integration specs of the query modules. Each call builds its own world: its own unit, organisation, household,
// account and records, on one of the shipped courses.
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface SeededPerson {
  tag: string;
  userId: string;
  email: string;
  phone: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  organisationId: string;
  organisationName: string;
  householdCode: string;
  courseId: string;
  enrolmentId: string;
  lessonRevisionId: string;
  attemptId: string;
  certificateId: string;
  serial: string;
}

const one = async <T>(db: DataSource, sql: string, params: unknown[] = []): Promise<T> => {
  const rows = (await db.query(sql, params)) as T[];
  if (!rows[0]) throw new Error(`seed: no row from ${sql.slice(0, 60)}`);
  return rows[0];
};

/** A new person with a profile, grants, sign-in means, inbox, outbox mail, learning records and a certificate. */
export async function seedPerson(db: DataSource, displayName = 'Trần Thị Riêng Tư'): Promise<SeededPerson> {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const email = `person-${tag.toLowerCase()}@example.com`;
  const phone = `+849${String(parseInt(tag, 16) % 100_000_000).padStart(8, '0')}`;
  const { id: userId } = await one<{ id: string }>(
    db,
    `INSERT INTO users (display_name, email, phone, password_hash, language, identity_verified, identity_assurance, failed_sign_ins)
     VALUES ($1, $2, $3, 'not-a-real-hash', 'vi', true, 'substantial', 2) RETURNING id`,
    [displayName, email, phone],
  );
  const unitPath = `/PV${tag}/`;
  const unitName = `Xã Riêng Tư ${tag}`;
  const { id: unitId } = await one<{ id: string }>(
    db,
    `INSERT INTO administrative_units (code, level, name, path, valid_from) VALUES ($1, 'commune', $2, $3, '2025-07-01') RETURNING id`,
    [`PV${tag}`, unitName, unitPath],
  );
  const organisationName = `Trường Riêng Tư ${tag}`;
  const { id: organisationId } = await one<{ id: string }>(
    db,
    `INSERT INTO organisations (code, name, kind, unit_id) VALUES ($1, $2, 'school', $3) RETURNING id`,
    [`ORG${tag}`, organisationName, unitId],
  );
  const householdCode = `HO-${tag}`;
  const { id: householdId } = await one<{ id: string }>(
    db,
    `INSERT INTO households (unit_id, code) VALUES ($1, $2) RETURNING id`,
    [unitId, householdCode],
  );
  await db.query(
    `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id, household_id, accessibility)
     VALUES ($1, '{citizens}', '{older-adults}', $2, $3, $4, $5, '{"largeText": true}')`,
    [userId, unitId, unitPath, organisationId, householdId],
  );
  await db.query(
    `INSERT INTO consents (user_id, purpose, text_version, channel, granted, recorded_by, at)
     VALUES ($1, 'learning-records', '2026-11', 'helper', true, $1, now() - interval '1 day'),
            ($1, 'reminders', '2026-11', 'web', false, NULL, now())`,
    [userId],
  );
  await db.query(
    `INSERT INTO role_grants (user_id, role, unit_id, granted_at) VALUES ($1, 'learner', $2, now() - interval '2 days'),
            ($1, 'unit_admin', $2, now() - interval '1 day')`,
    [userId, unitId],
  );
  await db.query(
    `INSERT INTO oidc_identities (provider, subject, user_id, acr, amr, auth_time) VALUES ('vneid', $1, $2, 'high', '{pwd,otp}', now())`,
    [`sub-${tag}`, userId],
  );
  await db.query(
    `INSERT INTO oidc_pending_links (provider, subject, user_id, expires_at) VALUES ('other', $1, $2, now() + interval '10 minutes')`,
    [`pending-${tag}`, userId],
  );
  await db.query(
    `INSERT INTO sessions (user_id, token_hash, user_agent, expires_at, auth_method) VALUES ($1, $2, 'Test Browser', now() + interval '1 day', 'password')`,
    [userId, randomBytes(32)],
  );
  await db.query(
    `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`,
    [userId, randomBytes(32)],
  );
  await db.query(
    `INSERT INTO sign_in_codes (user_id, code_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`,
    [userId, randomBytes(32)],
  );
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, 'inactive', '{"vi": "Tiếp tục học nhé", "en": "Keep going"}', '{"vi": "Bạn còn một bài."}', '/courses/x')`,
    [userId],
  );
  await db.query(
    `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, true, false, true)`,
    [userId],
  );
  await db.query(
    `INSERT INTO mail_outbox (to_address, subject, text, html, transport) VALUES ($1, 'Xin chào', 'text', '<p>html</p>', 'local')`,
    [email],
  );
  await db.query(
    `INSERT INTO roster_invitations (user_id, target_group, status) VALUES ($1, 'citizens', 'pending'), ($1, 'citizens', 'accepted')`,
    [userId],
  );
  // Learning on a shipped course with a quiz.
  const quiz = await one<{ id: string; course_id: string; bank_id: string; version_id: string }>(
    db,
    `SELECT lr.id, lr.course_id, qb.id AS bank_id, c.current_version_id AS version_id
       FROM lesson_revisions lr JOIN question_banks qb ON qb.course_id = lr.course_id JOIN courses c ON c.id = lr.course_id
      WHERE lr.kind = 'quiz' AND c.current_version_id IS NOT NULL ORDER BY lr.course_id, lr.id LIMIT 1`,
  );
  const courseId = quiz.course_id;
  const { id: enrolmentId } = await one<{ id: string }>(
    db,
    `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', now()) RETURNING id`,
    [userId, courseId],
  );
  await db.query(
    `INSERT INTO lesson_progress (user_id, lesson_revision_id, status, passed, state, completed_at) VALUES ($1, $2, 'completed', true, '{"ticked": [0]}', now())`,
    [userId, quiz.id],
  );
  await db.query(
    `INSERT INTO video_progress (user_id, lesson_revision_id, watched, position, heartbeats) VALUES ($1, $2, '{[0,30.5)}', 30.5, 3)`,
    [userId, quiz.id],
  );
  const { id: attemptId } = await one<{ id: string }>(
    db,
    `INSERT INTO quiz_attempts (user_id, lesson_revision_id, question_bank_id, attempt_no, seed, layout, submitted_at, answers, score_percent, passed)
     VALUES ($1, $2, $3, 1, 'seed', '[]', now(), '{"q1": ["a"]}', 87.5, true) RETURNING id`,
    [userId, quiz.id, quiz.bank_id],
  );
  const lists = (await db.query(
    `INSERT INTO status_lists (issuer_did, purpose, encoded_list) VALUES ('did:web:test', 'revocation', ''), ('did:web:test', 'suspension', '') RETURNING id`,
  )) as Array<{ id: string }>;
  const serial = `HVS-${tag}`;
  const { id: certificateId } = await one<{ id: string }>(
    db,
    `INSERT INTO certificates (id, enrolment_id, user_id, course_id, course_version_id, serial, status_list_id, suspension_list_id, status_index, recipient_name, issued_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 0, $8, now()) RETURNING id`,
    [enrolmentId, userId, courseId, quiz.version_id, serial, lists[0]!.id, lists[1]!.id, displayName],
  );
  return {
    tag,
    userId,
    email,
    phone,
    unitId,
    unitPath,
    unitName,
    organisationId,
    organisationName,
    householdCode,
    courseId,
    enrolmentId,
    lessonRevisionId: quiz.id,
    attemptId,
    certificateId,
    serial,
  };
}
