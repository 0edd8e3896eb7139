// The universalisation worker job against real Postgres: the outbox row, one confirmation per person, group and
// rule version, the `universalised` coverage fact, races with completing transactions, and the sweep.
import {
  coverageFactsOf,
  currentUniversalisationRules,
  execute,
  type Queryable,
  requestUniversalisationCheck,
  selectOne,
  universalisationChecksOf,
  universalisationConfirmationsOf,
} from '@hocvuso/db';
import type { EnqueueOptions, JobNameValue, JobPayloads } from '@hocvuso/jobs';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { confirmUniversalisation } from '../src/jobs/confirm-universalisation.job';
import { sweepUniversalisationChecks } from '../src/jobs/sweep-universalisation-checks.job';

/** A citizen's four courses that cover the shipped rule (device skills, information, services, identity, data). */
const CITIZEN_COURSES = [
  'smartphone-basics',
  'online-scams',
  'online-public-services',
  'vneid-digital-identity',
];

describe('universalisation confirmations', () => {
  // a database of its own: the people and facts written here must not change what other suites count
  let world: FreshDatabase;
  let db: DataSource;
  let communePath: string;
  let communeId: string;
  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    const unit = await selectOne<{ id: string; path: string }>(
      db,
      `SELECT id, path FROM administrative_units WHERE level = 'commune' ORDER BY code LIMIT 1`,
    );
    communeId = unit!.id;
    communePath = unit!.path;
  });
  afterAll(() => world.drop());

  async function person(groups: string[] = ['citizens']): Promise<string> {
    const t = randomBytes(5).toString('hex');
    const u = await selectOne<{ id: string }>(
      db,
      `INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`,
      [`Lò Thị Phổ Cập ${t}`, `univ-${t}@example.test`],
    );
    await execute(
      db,
      `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path) VALUES ($1, $2, $3, $4)`,
      [u!.id, groups, communeId, communePath],
    );
    return u!.id;
  }

  async function complete(db: Queryable, userId: string, courses: string[]): Promise<void> {
    for (const c of courses)
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', now())
         ON CONFLICT (user_id, course_id) DO UPDATE SET status = 'completed', completed_at = now()`,
        [userId, c],
      );
  }

  /** What the completing transaction does: the completion and the outbox row, together. */
  const completeAndRequest = (userId: string, courses: string[]) =>
    db.transaction(async (tx) => {
      await complete(tx, userId, courses);
      return requestUniversalisationCheck(tx, userId, `course:${courses.at(-1)}`);
    });

  it('the shipped rules are imported and current', async () => {
    const current = await currentUniversalisationRules(db);
    expect(current?.version).toMatch(/^[0-9a-f]{64}$/);
    expect(current?.rules.groups).toHaveLength(4);
  });

  it('confirms a citizen once, with the evidence and place, and records the universalised fact', async () => {
    const userId = await person();
    const checkId = await completeAndRequest(userId, CITIZEN_COURSES);
    expect(await confirmUniversalisation(db, { checkId })).toBe('done');
    expect(await confirmUniversalisation(db, { checkId })).toBe('skipped');

    const [c, ...more] = await universalisationConfirmationsOf(db, userId);
    expect(more).toEqual([]);
    expect(c).toMatchObject({ target_group: 'citizens', unit_path: communePath, unit_id: communeId });
    expect(c!.confirmed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const covered = (c!.evidence as { covered: Array<{ competency: string; by: { courseId: string } }> })
      .covered;
    expect(covered.map((x) => x.competency)).toEqual([
      'qd757-v1:0.1',
      'qd757-v1:0.2',
      'qd757-v1:1.2',
      'qd757-v1:2.2',
      'qd757-v1:2.4',
      'qd757-v1:4.2',
    ]);
    expect(covered[0]!.by.courseId).toBe('smartphone-basics');
    expect(covered[3]!.by.courseId).toBe('online-public-services');
    const facts = await coverageFactsOf(db, userId);
    expect(
      facts
        .filter((f) => f.measure === 'universalised')
        .map((f) => f.target_group)
        .sort(),
    ).toEqual(['*', 'citizens']);
    expect((await universalisationChecksOf(db, userId))[0]).toMatchObject({ outcome: 'confirmed' });

    // A later completion makes a new check; it writes no second confirmation for the same rule version.
    const again = await completeAndRequest(userId, ['cashless-payments']);
    expect(again).not.toBe(checkId);
    expect(await confirmUniversalisation(db, { checkId: again })).toBe('done');
    expect(await universalisationConfirmationsOf(db, userId)).toHaveLength(1);
  });

  it('does not confirm when a requirement is missing, nor someone without a target group', async () => {
    const partial = await person();
    const checkId = await completeAndRequest(partial, ['smartphone-basics', 'online-scams']);
    await confirmUniversalisation(db, { checkId });
    expect(await universalisationConfirmationsOf(db, partial)).toEqual([]);
    expect((await universalisationChecksOf(db, partial))[0]).toMatchObject({ outcome: 'not-satisfied' });
    expect((await coverageFactsOf(db, partial)).filter((f) => f.measure === 'universalised')).toEqual([]);

    const nobody = await person([]);
    const second = await completeAndRequest(nobody, CITIZEN_COURSES);
    await confirmUniversalisation(db, { checkId: second });
    expect((await universalisationChecksOf(db, nobody))[0]).toMatchObject({ outcome: 'no-group' });
  });

  it('keeps one pending check per person while pending', async () => {
    const userId = await person();
    const a = await completeAndRequest(userId, ['smartphone-basics']);
    const b = await completeAndRequest(userId, ['online-scams']);
    expect(b).toBe(a);
    expect(await universalisationChecksOf(db, userId)).toHaveLength(1);
  });

  it('a completion racing the evaluation is not lost: it waits, then opens a new check that sees it', async () => {
    const userId = await person();
    const first = await completeAndRequest(userId, CITIZEN_COURSES.slice(0, 3));
    // The worker's transaction holds the check; a completing transaction arrives meanwhile.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const worker = db.transaction(async (tx) => {
      await selectOne(tx, `SELECT id FROM universalisation_checks WHERE id = $1 FOR UPDATE`, [first]);
      await held;
      await execute(
        tx,
        `UPDATE universalisation_checks SET done_at = now(), outcome = 'not-satisfied' WHERE id = $1`,
        [first],
      );
    });
    const completing = completeAndRequest(userId, CITIZEN_COURSES.slice(3));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await worker;
    const second = await completing;
    expect(second).not.toBe(first);
    expect(await confirmUniversalisation(db, { checkId: second })).toBe('done');
    expect(await universalisationConfirmationsOf(db, userId)).toHaveLength(1);
  });

  it('50 parallel completions and evaluations give each person exactly one confirmation', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => person()));
    await Promise.all(people.map((u) => complete(db, u, CITIZEN_COURSES)));
    const runs = Array.from({ length: 50 }, async (_, i) => {
      const userId = people[i % people.length]!;
      const checkId = await db.transaction((tx) =>
        requestUniversalisationCheck(tx, userId, `course:race-${i}`),
      );
      return confirmUniversalisation(db, { checkId });
    });
    const outcomes = await Promise.all(runs);
    expect(outcomes.every((o) => o === 'done' || o === 'skipped')).toBe(true);
    for (const u of people) {
      expect(await universalisationConfirmationsOf(db, u)).toHaveLength(1);
      const facts = (await coverageFactsOf(db, u)).filter((f) => f.measure === 'universalised');
      expect(facts).toHaveLength(2);
    }
  });

  it('the sweep re-announces checks left pending, with a per-minute job id', async () => {
    const userId = await person();
    const checkId = await completeAndRequest(userId, ['smartphone-basics']);
    await execute(
      db,
      `UPDATE universalisation_checks SET created_at = now() - interval '1 hour' WHERE id = $1`,
      [checkId],
    );
    const announced: Array<{ name: JobNameValue; payload: unknown; options?: EnqueueOptions }> = [];
    const queue = {
      enqueue: async <N extends JobNameValue>(name: N, payload: JobPayloads[N], options?: EnqueueOptions) => {
        announced.push({ name, payload, options });
      },
    };
    expect(await sweepUniversalisationChecks(db, queue, { olderThanSeconds: 120 })).toBe('done');
    const mine = announced.find((a) => (a.payload as { checkId: string }).checkId === checkId);
    expect(mine).toMatchObject({ name: 'confirm-universalisation' });
    expect(mine!.options!.jobId).toMatch(new RegExp(`^univ-${checkId}-sweep-\\d+$`));
    // Once evaluated, it is not announced again.
    await confirmUniversalisation(db, { checkId });
    announced.length = 0;
    await sweepUniversalisationChecks(db, queue, { olderThanSeconds: 120 });
    expect(announced.some((a) => (a.payload as { checkId: string }).checkId === checkId)).toBe(false);
  });

  it('notes an error on the check and rethrows, leaving it pending for the sweep', async () => {
    const userId = await person();
    const checkId = await completeAndRequest(userId, ['smartphone-basics']);
    const broken = {
      query: db.query.bind(db),
      transaction: async () => {
        throw new Error('database went away');
      },
    };
    await expect(confirmUniversalisation(broken, { checkId })).rejects.toThrow('database went away');
    expect((await universalisationChecksOf(db, userId))[0]).toMatchObject({
      done_at: null,
      attempts: 1,
      last_error: 'database went away',
    });
  });
});
