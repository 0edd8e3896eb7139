import { ROLES } from '@hocvuso/domain';
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
export async function seedDemoAccounts(db: DataSource, password: string): Promise<'seeded' | 'already'> {
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const flag = await tx.query(`INSERT INTO system_flags (key) VALUES ('demo_accounts_seeded') ON CONFLICT DO NOTHING RETURNING key`);
    if (flag.length === 0) return 'already';
    for (const a of demoAccounts()) {
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (display_name, email, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
        [a.displayName, a.email, hash],
      );
      for (const role of new Set(['learner', a.role])) {
        await tx.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [rows[0]!.id, role]);
      }
    }
    return 'seeded';
  });
}
