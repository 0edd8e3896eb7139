// Coverage's privacy queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  coverageFactsForExport,
  currentUniversalisationRules,
  declarationsForExport,
  eraseCoverageNotes,
  execute,
  inPersonLearningForExport,
  insertUniversalisationConfirmation,
  recordCoverageFacts,
  universalisationForExport,
} from '../src';
import { publishedCourses, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

describe('coverage-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('gives a person’s facts, declarations, confirmations and in-person records with the confirmer, never another’s', async () => {
    await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const [course] = await publishedCourses(tx);
      const helper = await seedUser(tx, { name: 'Lò Văn Giúp' });
      await execute(
        tx,
        `INSERT INTO role_grants (user_id, role, unit_id) VALUES ($1, 'community_helper', $2)`,
        [helper, places.commune.id],
      );
      const [me, other] = [await seedUser(tx), await seedUser(tx)];
      for (const u of [me, other]) {
        await seedProfile(tx, u, { unitId: places.commune.id, unitPath: places.commune.path });
        await recordCoverageFacts(tx, {
          userId: u,
          measure: 'in_person',
          source: 'helper',
          recordedBy: helper,
          evidence: { confirmedBy: helper, courseId: course },
        });
        await execute(
          tx,
          `INSERT INTO declarations (user_id, kind, value, source, confirmed_by) VALUES ($1, 'bank_account', true, 'helper', $2)`,
          [u, helper],
        );
        await execute(
          tx,
          `INSERT INTO in_person_learning (user_id, course_id, learned_on, note, confirmed_by) VALUES ($1, $2, '2026-11-20', $3, $4)`,
          [u, course, `ghi chú ${u}`, helper],
        );
        const rules = await currentUniversalisationRules(tx);
        await insertUniversalisationConfirmation(tx, {
          userId: u,
          targetGroup: 'citizens',
          ruleVersion: rules!.version,
          evidence: { covered: [] },
          checkId: null,
        });
      }
      const confirmer = {
        confirmer_name: 'Lò Văn Giúp',
        confirmer_deidentified: false,
        confirmer_roles: ['community_helper'],
      };

      const facts = await coverageFactsForExport(tx, me);
      expect(facts.map((f) => f.target_group)).toEqual(['*', 'citizens']);
      expect(facts[1]).toMatchObject({
        measure: 'in_person',
        unit_name: `Xã ${places.tag}`,
        source: 'helper',
        recorded_by: helper,
        ...confirmer,
      });
      expect(await declarationsForExport(tx, me)).toEqual([
        expect.objectContaining({
          kind: 'bank_account',
          value: true,
          source: 'helper',
          confirmed_by: helper,
          ...confirmer,
        }),
      ]);
      const inPerson = await inPersonLearningForExport(tx, me);
      expect(inPerson).toEqual([
        expect.objectContaining({
          course_id: course,
          learned_on: '2026-11-20',
          note: `ghi chú ${me}`,
          ...confirmer,
        }),
      ]);
      expect(inPerson[0]!.course_title).toEqual(expect.objectContaining({ vi: expect.any(String) }));
      const confirmations = await universalisationForExport(tx, me);
      expect(confirmations).toEqual([
        expect.objectContaining({
          target_group: 'citizens',
          unit_name: `Xã ${places.tag}`,
          evidence: { covered: [] },
        }),
      ]);
      expect(confirmations[0]!.confirmed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(JSON.stringify([facts, inPerson, confirmations])).not.toContain(other);

      // Erasing the notes touches the person's own records only, and only once.
      expect(await eraseCoverageNotes(tx, me)).toBe(1);
      expect(await eraseCoverageNotes(tx, me)).toBe(0);
      expect((await inPersonLearningForExport(tx, me))[0]!.note).toBe('');
      expect((await inPersonLearningForExport(tx, other))[0]!.note).toBe(`ghi chú ${other}`);

      // A confirmer whose role was revoked and whose account was de-identified.
      await execute(tx, `UPDATE role_grants SET revoked_at = now() WHERE user_id = $1`, [helper]);
      await execute(tx, `UPDATE users SET deidentified_at = now() WHERE id = $1`, [helper]);
      expect((await declarationsForExport(tx, me))[0]).toMatchObject({
        confirmer_deidentified: true,
        confirmer_roles: null,
      });
    });
  });
});
