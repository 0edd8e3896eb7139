import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOrganisationRows, checkUnitRows, ROLES } from '@hocvuso/domain';
import {
  addCourseOwnerByEmail,
  claimDemoSeed,
  demoAccountsSeeded,
  importOrganisations,
  importUnits,
  insertProfileInUnit,
  insertUnitGrant,
  insertUnscopedGrant,
  upsertDemoUser,
} from '@hocvuso/db';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../modules/auth/password-hasher';

export const DEMO_DOMAIN = 'demo.hocvuso.example';

export const demoAccounts = () =>
  ROLES.map((role) => ({
    role,
    email: `${role.replace(/_/g, '-')}@${DEMO_DOMAIN}`,
    displayName: demoName(role),
  }));

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

const readCsv = (path: string) =>
  parse(readFileSync(path, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as Array<Record<string, string>>;

export async function seedDemoAccounts(
  db: DataSource,
  password: string,
  contentDir: string,
): Promise<'seeded' | 'already'> {
  // Seeded once per installation: every later start (and every test database) skips the argon2 hash too.
  if (await demoAccountsSeeded(db)) return 'already';
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (!(await claimDemoSeed(tx))) return 'already';
    const units = checkUnitRows(readCsv(join(contentDir, 'directory/demo-units.csv')));
    await importUnits(tx, units.rows, () => true);
    const orgs = checkOrganisationRows(readCsv(join(contentDir, 'directory/demo-organisations.csv')));
    await importOrganisations(tx, orgs.rows, () => true);
    for (const a of demoAccounts()) {
      const userId = await upsertDemoUser(tx, {
        displayName: a.displayName,
        email: a.email,
        passwordHash: hash,
      });
      await insertUnscopedGrant(tx, userId, 'learner');
      const scope = DEMO_SCOPES[a.role];
      if (a.role !== 'learner') {
        await insertUnitGrant(tx, userId, a.role, scope ?? null);
      }
      await insertProfileInUnit(
        tx,
        userId,
        a.role === 'learner' ? ['citizens'] : ['public-servants'],
        'DEMO01',
      );
    }
    // The demo teacher looks after one shipped course, so its learner report is there to see at once.
    await addCourseOwnerByEmail(tx, DEMO_TEACHER_COURSE, `teacher@${DEMO_DOMAIN}`);
    return 'seeded';
  });
}

/** The shipped course the demo teacher is staff on (reports only: file courses are edited in content/). */
const DEMO_TEACHER_COURSE = 'online-scams';
