import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Browser, placeLearner, signedUpLearner, type TestApp } from './test-app';

/** A Vietnamese mobile number nobody else in the run has (0 3x xxx xxxx). */
export const uniquePhone = () => `03${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** The stored (E.164) form of a local Vietnamese number. */
export const e164 = (local: string) => `+84${local.slice(1)}`;

export interface Area {
  /** The ids of the province `P<tag>` and its communes `C1<tag>` and `C2<tag>`. */
  P: string;
  C1: string;
  C2: string;
}

/**
 * A province with two communes, imported by the system administrator `system` (codes `P<tag>`, `C1<tag>`,
 * `C2<tag>`; names `<province> <tag>`, `Xã Một <tag>`, `<commune2> <tag>`).
 */
export async function importArea(
  system: Browser,
  db: DataSource,
  tag: string,
  names: { province: string; commune2?: string },
): Promise<Area> {
  const [P, C1, C2] = [`P${tag}`, `C1${tag}`, `C2${tag}`];
  const res = await system
    .post('/api/admin/units/import')
    .set('content-type', 'text/csv')
    .send(
      `code,level,name,parent_code,valid_from\n${P},province,${names.province} ${tag},,2025-07-01\n` +
        `${C1},commune,Xã Một ${tag},${P},2025-07-01\n${C2},commune,${names.commune2 ?? 'Xã Hai'} ${tag},${P},2025-07-01\n`,
    )
    .expect(200);
  expect(res.body).toMatchObject({ created: 3, rejected: [] });
  const rows: Array<{ code: string; id: string }> = await db.query(
    `SELECT code, id FROM administrative_units WHERE code = ANY ($1::text[])`,
    [[P, C1, C2]],
  );
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  return { P: id(P), C1: id(C1), C2: id(C2) };
}

/** Where a staff member's role applies: a unit or an organisation (nothing for a role that applies everywhere). */
export interface GrantScope {
  unitId?: string | null;
  organisationId?: string | null;
}

/**
 * A signed-up person living in commune `home` (with `profile`'s target groups) who holds `role` over `scope`,
 * granted by the system administrator `system`: the staff every scoped suite starts from.
 */
export async function staffMember(
  http: TestApp['http'],
  system: Browser,
  name: string,
  role: string,
  scope: GrantScope,
  home: string,
  profile: { targetGroups?: string[] } = {},
): Promise<Browser & { id: string }> {
  const s = await signedUpLearner(http, name);
  await placeLearner(s, home, profile);
  await system
    .post('/api/admin/role-grants')
    .send({ userId: s.id, role, unitId: scope.unitId ?? null, organisationId: scope.organisationId ?? null })
    .expect(201);
  return s;
}
