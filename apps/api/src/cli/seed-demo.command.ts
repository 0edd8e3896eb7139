import { ROLES } from '@hocvuso/domain';
import {
  addCourseOwnerByEmail,
  claimDemoSeed,
  demoAccountsSeeded,
  insertProfileInUnit,
  insertUnitGrant,
  insertUnscopedGrant,
  upsertDemoUser,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../modules/auth/password-hasher';
import { PLACE_SETS, type PlaceSet } from './places';

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
    report_viewer: 'Ngô Văn Mặt Trận (xem báo cáo)',
    statistician: 'Bùi Thị Thống Kê',
    campaign_manager: 'Đỗ Văn Thi Đua',
    ambassador: 'Mai Thị Đại Sứ Số',
    session_host: 'Lý Văn Sinh Hoạt Cộng Đồng',
    help_officer: 'Cao Thị Hỗ Trợ Dịch Vụ Công',
  };
  return (names[role] ?? role).normalize('NFC');
}

/**
 * Which scope each scoped demo account holds: the province or the commune of the first place set chosen
 * (PLACES; the demo set's DEMO and DEMO01 by default, Lai Châu's province and Phường Tân Phong for lai-chau).
 */
const DEMO_SCOPE_LEVEL: Record<string, 'province' | 'commune'> = {
  community_helper: 'commune',
  unit_admin: 'commune',
  province_admin: 'province',
  // A Fatherland Front reader, the statistics office and the emulation committee follow the whole province; the
  // community roles work in a commune.
  report_viewer: 'province',
  statistician: 'province',
  campaign_manager: 'province',
  ambassador: 'commune',
  session_host: 'commune',
  help_officer: 'commune',
};

/**
 * Creates one demo account per role, once per installation: a flag records the seed, so accounts that an
 * administrator later removes do not come back. Never runs in production. The places are loaded before it
 * (places:load); with no place set chosen it waits ('no-places'), so no scoped account is made without a scope.
 */
export async function seedDemoAccounts(
  db: DataSource,
  password: string,
  places: readonly PlaceSet[],
): Promise<'seeded' | 'already' | 'no-places'> {
  // Seeded once per installation: every later start (and every test database) skips the argon2 hash too.
  if (await demoAccountsSeeded(db)) return 'already';
  const first = places[0];
  if (!first) return 'no-places';
  const scope = PLACE_SETS[first].demoScope;
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (!(await claimDemoSeed(tx))) return 'already';
    for (const a of demoAccounts()) {
      const userId = await upsertDemoUser(tx, {
        displayName: a.displayName,
        email: a.email,
        passwordHash: hash,
      });
      await insertUnscopedGrant(tx, userId, 'learner');
      const level = DEMO_SCOPE_LEVEL[a.role];
      if (a.role !== 'learner') {
        await insertUnitGrant(tx, userId, a.role, level ? scope[level] : null);
      }
      await insertProfileInUnit(
        tx,
        userId,
        a.role === 'learner' ? ['citizens'] : ['public-servants'],
        scope.commune,
      );
    }
    // The demo teacher looks after one shipped course, so its learner report is there to see at once.
    await addCourseOwnerByEmail(tx, DEMO_TEACHER_COURSE, `teacher@${DEMO_DOMAIN}`);
    return 'seeded';
  });
}

/** The shipped course the demo teacher is staff on (reports only: file courses are edited in content/). */
const DEMO_TEACHER_COURSE = 'online-scams';
