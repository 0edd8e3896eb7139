import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOrganisationRows, checkUnitRows, ROLES } from '@hocvuso/domain';
import { importOrganisations, importUnits } from '@hocvuso/db';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../modules/auth/password-hasher';

export const DEMO_DOMAIN = 'demo.hocvuso.example';

export const demoAccounts = () =>
  ROLES.map((role) => ({ role, email: `${role.replace(/_/g, '-')}@${DEMO_DOMAIN}`, displayName: demoName(role) }));

function demoName(role: string): string {
  const names: Record<string, string> = {
    learner: 'Nguyễn Thị Học Viên',
    community_helper: 'Trần Văn Hỗ Trợ',
    teacher: 'Lê Thị Giáo Viên',
    reviewer: 'Phạm Văn Thẩm Định',
    unit_admin: 'Hoàng Thị Quản Trị Xã',
    province_admin: 'Vũ Văn Quản Trị Tỉnh',
    system_admin: 'Đặng Thị Quản Trị Hệ Thống',
  };
  return (names[role] ?? role).normalize('NFC');
}

/**
 * Creates one demo account per role, once per installation: a flag records the seed, so accounts that an
 * administrator later removes do not come back. Never runs in production.
 */
/** Which demo account holds which scoped grant (units from content/directory/demo-units.csv). */
const DEMO_SCOPES: Record<string, string> = {
  community_helper: 'DEMO01',
  unit_admin: 'DEMO01',
  province_admin: 'DEMO',
};

const readCsv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;

export async function seedDemoAccounts(db: DataSource, password: string, contentDir: string): Promise<'seeded' | 'already'> {
  // Seeded once per installation: every later start (and every test database) skips the argon2 hash too.
  if ((await db.query(`SELECT 1 FROM system_flags WHERE key = 'demo_accounts_seeded'`)).length > 0) return 'already';
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const flag = await tx.query(`INSERT INTO system_flags (key) VALUES ('demo_accounts_seeded') ON CONFLICT DO NOTHING RETURNING key`);
    if (flag.length === 0) return 'already';
    const units = checkUnitRows(readCsv(join(contentDir, 'directory/demo-units.csv')));
    await importUnits(tx, units.rows, () => true);
    const orgs = checkOrganisationRows(readCsv(join(contentDir, 'directory/demo-organisations.csv')));
    await importOrganisations(tx, orgs.rows, () => true);
    for (const a of demoAccounts()) {
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (display_name, email, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
        [a.displayName, a.email, hash],
      );
      const userId = rows[0]!.id;
      await tx.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, 'learner')`, [userId]);
      const scope = DEMO_SCOPES[a.role];
      if (a.role !== 'learner') {
        await tx.query(
          `INSERT INTO role_grants (user_id, role, unit_id)
           SELECT $1, $2, (SELECT id FROM administrative_units WHERE code = $3 AND valid_to IS NULL)`,
          [userId, a.role, scope ?? null],
        );
      }
      await tx.query(
        `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path)
         SELECT $1, $2, u.id, u.path FROM administrative_units u WHERE u.code = 'DEMO01' AND u.valid_to IS NULL`,
        [userId, a.role === 'learner' ? ['citizens'] : ['public-servants']],
      );
    }
    // The demo teacher looks after one shipped course, so its learner report is there to see at once.
    await tx.query(
      `INSERT INTO course_staff (course_id, user_id, role)
       SELECT c.id, u.id, 'owner' FROM courses c, users u WHERE c.id = $1 AND u.email = $2
       ON CONFLICT DO NOTHING`,
      [DEMO_TEACHER_COURSE, `teacher@${DEMO_DOMAIN}`],
    );
    return 'seeded';
  });
}

/** The shipped course the demo teacher is staff on (reports only: file courses are edited in content/). */
const DEMO_TEACHER_COURSE = 'online-scams';
