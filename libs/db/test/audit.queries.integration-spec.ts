// The audit log's queries, on the run's real Postgres.
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { appendAudit, queryAudit } from '../src';

describe('audit.queries', () => {
  let db: DataSource;
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const everything = { global: true, unitPaths: [], organisationIds: [] };
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('appends entries and reads them newest first with the actor’s name, filtered and keyset-paged', async () => {
    const [actor] = await db.query(`INSERT INTO users (display_name) VALUES ('Người kiểm tra') RETURNING id`);
    const subject = `subject-${tag}`;
    await appendAudit(db, {
      actor: actor.id,
      action: 'certificate.revoke',
      subjectType: 'certificate',
      subjectId: subject,
      scope: `/AU${tag}/`,
      before: { status: 'valid' },
      after: { status: 'revoked' },
      reason: 'Sai tên',
    });
    await appendAudit(db, {
      actor: null,
      action: 'certificate.suspend',
      subjectType: 'certificate',
      subjectId: subject,
    });
    await appendAudit(db, { actor: actor.id, action: 'role.grant', subjectType: 'user', subjectId: subject });

    const all = await queryAudit(db, everything, { subjectId: subject, limit: 10 });
    expect(all.map((r) => r.action)).toEqual(['role.grant', 'certificate.suspend', 'certificate.revoke']);
    expect(all[2]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: expect.any(Date),
      actor_user_id: actor.id,
      actor_name: 'Người kiểm tra',
      action: 'certificate.revoke',
      subject_type: 'certificate',
      subject_id: subject,
      scope: `/AU${tag}/`,
      before: { status: 'valid' },
      after: { status: 'revoked' },
      reason: 'Sai tên',
    });
    expect(all[1]).toMatchObject({
      actor_user_id: null,
      actor_name: null,
      scope: null,
      before: null,
      after: null,
      reason: null,
    });

    const family = await queryAudit(db, everything, {
      subjectId: subject,
      action: 'certificate.',
      limit: 10,
    });
    expect(family.map((r) => r.action)).toEqual(['certificate.suspend', 'certificate.revoke']);
    expect(
      (await queryAudit(db, everything, { subjectId: subject, action: 'certificate', limit: 10 })).length,
    ).toBe(0);
    expect(
      (await queryAudit(db, everything, { subjectId: subject, actorId: actor.id, limit: 10 })).length,
    ).toBe(2);
    const page2 = await queryAudit(db, everything, { subjectId: subject, beforeId: all[0]!.id, limit: 1 });
    expect(page2.map((r) => r.action)).toEqual(['certificate.suspend']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await queryAudit(db, everything, { subjectId: subject, since: future, limit: 10 })).toEqual([]);
    expect((await queryAudit(db, everything, { subjectId: subject, until: future, limit: 10 })).length).toBe(
      3,
    );
  });

  it('an administrator of a unit reads entries scoped in their subtree or about people placed there, nothing else', async () => {
    const unitPath = `/AV${tag}/`;
    const [person] = await db.query(
      `INSERT INTO users (display_name) VALUES ('Người trong xã') RETURNING id`,
    );
    await db.query(`INSERT INTO learner_profiles (user_id, unit_path) VALUES ($1, $2)`, [
      person.id,
      `${unitPath}X/`,
    ]);
    const [outsider] = await db.query(`INSERT INTO users (display_name) VALUES ('Người ngoài') RETURNING id`);
    await appendAudit(db, {
      actor: null,
      action: 'course.publish',
      subjectType: 'course',
      subjectId: `c-${tag}`,
      scope: `${unitPath}X/`,
    });
    await appendAudit(db, {
      actor: null,
      action: 'learner.export',
      subjectType: 'user',
      subjectId: person.id,
    });
    await appendAudit(db, {
      actor: null,
      action: 'learner.export',
      subjectType: 'user',
      subjectId: outsider.id,
    });
    await appendAudit(db, {
      actor: null,
      action: 'course.publish',
      subjectType: 'course',
      subjectId: `c-${tag}`,
      scope: '/ELSEWHERE/',
    });
    const reach = { global: false, unitPaths: [unitPath], organisationIds: [] };
    const seen = await queryAudit(db, reach, { limit: 200 });
    const mine = seen.filter((r) => [`c-${tag}`, person.id, outsider.id].includes(r.subject_id));
    expect(mine.map((r) => [r.action, r.subject_id, r.scope])).toEqual([
      ['learner.export', person.id, null],
      ['course.publish', `c-${tag}`, `${unitPath}X/`],
    ]);
  });
});
