// The rosters' privacy query, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { erasePendingRosterInvitations } from '../src';
import { seedPerson } from './support/person-world';

describe('rosters-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('erasePendingRosterInvitations drops only the pending invitations', async () => {
    const p = await seedPerson(db);
    expect(await db.transaction((tx) => erasePendingRosterInvitations(tx, p.userId))).toBe(1);
    expect(await db.query(`SELECT status FROM roster_invitations WHERE user_id = $1`, [p.userId])).toEqual([
      { status: 'accepted' },
    ]);
  });
});
