import { randomBytes } from 'node:crypto';
import { addDays, deadlineReminder, delayUntilQuietHoursEnd, vietnamDate } from '@hocvuso/domain';
import { mandateDeadlineCandidates } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { MandatesService } from '../src/modules/mandates/mandates.service';
import { importArea } from './support/area-world';
import {
  type Browser,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/**
 * The mandate status rule lives once (libs/domain/src/mandates) on the Vietnam clock. Before, the web (browser
 * clock), the compliance SQL (CURRENT_DATE of the database session) and the reminders (Vietnam) disagreed
 * between 00:00 and 07:00 in Vietnam. Here the api's answers and the deadline reminders' choice are taken at
 * the same instants and must agree: a mandate the reminders still remind about is never "overdue" in the api,
 * and one the api calls overdue gets no reminder.
 */
describe('mandate status: the api and the deadline reminders agree on the Vietnam date', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  let learner: Awaited<ReturnType<typeof signedUpLearner>>;
  let unitId: string;
  const tag = `MV${randomBytes(3).toString('hex').toUpperCase()}`;

  const createMandate = async (title: string, dueOn: string) =>
    (
      await system
        .post('/api/admin/mandates')
        .send({ title, courseIds: ['online-scams'], unitId, dueOn })
        .expect(201)
    ).body.id as string;

  /** What the worker's deadline sweep would remind this learner about at `now` (its query and its rule). */
  async function remindedAt(now: Date): Promise<Set<string>> {
    const today = vietnamDate(new Date(now.getTime() + delayUntilQuietHoursEnd(now)));
    const reminded = new Set<string>();
    let after: [string, string] | null = null;
    for (;;) {
      const page = await mandateDeadlineCandidates(db, { today, maxDays: 7, after, limit: 500 });
      for (const row of page)
        if (row.user_id === learner.id && deadlineReminder(row.user_id, row.mandate_id, row.days_left))
          reminded.add(row.mandate_id);
      if (page.length < 500) break;
      after = [page[page.length - 1]!.user_id, page[page.length - 1]!.mandate_id];
    }
    return reminded;
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http, 'system-admin');
    const area = await importArea(system, db, tag, { province: 'Tỉnh Đồng Hồ' });
    unitId = area.C1;
    learner = await signedUpLearner(t.http, 'Lê Nửa Đêm');
    await placeLearner(learner, unitId);
    await learner
      .post('/api/courses/online-scams/enrol')
      .expect((r) => expect([200, 201]).toContain(r.status));
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('at 00:30 in Vietnam (17:30 UTC the day before): due yesterday is overdue and not reminded; due tomorrow is reminded and not overdue', async () => {
    const halfPastMidnight = new Date('2026-12-15T17:30:00Z'); // 16 December, 00:30 in Hà Nội
    const dueYesterday = await createMandate(`Hạn 15/12 ${tag}`, '2026-12-15');
    const dueTomorrow = await createMandate(`Hạn 17/12 ${tag}`, '2026-12-17');
    const api = await t.app.get(MandatesService).myMandates(learner.id, 'vi', halfPastMidnight);
    const statusOf = (id: string) => api.items.find((m) => m.id === id)?.status;
    expect(statusOf(dueYesterday)).toBe('overdue');
    expect(statusOf(dueTomorrow)).toBe('in_progress');
    const reminded = await remindedAt(halfPastMidnight);
    expect([...reminded].sort()).toEqual([dueTomorrow]);
    // Agreement, mandate by mandate.
    for (const m of api.items) expect(reminded.has(m.id) && m.status === 'overdue').toBe(false);
    // A UTC clock would still say 15 December: the mandate due that day would not be overdue yet.
    expect(halfPastMidnight.toISOString().slice(0, 10)).toBe('2026-12-15');
  });

  it('on the real clock, over HTTP: the learner’s list and the compliance list carry the same status', async () => {
    const today = vietnamDate(new Date());
    const late = await createMandate(`Hôm qua ${tag}`, addDays(today, -1));
    const soon = await createMandate(`Ngày mai ${tag}`, addDays(today, 1));
    const mine = (await learner.agent.get('/api/me/mandates').expect(200)).body.items as Array<{
      id: string;
      status: string;
    }>;
    expect(mine.find((m) => m.id === late)?.status).toBe('overdue');
    expect(mine.find((m) => m.id === soon)?.status).toBe('in_progress');
    // The admin's list names the learner only with consent: count them instead.
    const lateReport = (await system.agent.get(`/api/admin/mandates/${late}/compliance`).expect(200)).body;
    expect(lateReport.counts).toMatchObject({ assigned: 1, overdue: 1, inProgress: 0 });
    const soonReport = (await system.agent.get(`/api/admin/mandates/${soon}/compliance`).expect(200)).body;
    expect(soonReport.counts).toMatchObject({ assigned: 1, overdue: 0, inProgress: 1 });
    const reminded = await remindedAt(new Date());
    expect(reminded.has(late)).toBe(false);
  });
});
