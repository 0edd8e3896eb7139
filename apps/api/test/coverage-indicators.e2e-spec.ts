import { plansResponseSchema } from '@hocvuso/contracts';
import { startTestApp, type TestApp } from './support/test-app';

/** GET /api/indicators: the plans of content/indicators/ as imported, public, in the contract's shape. */
describe('GET /api/indicators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the plans in force with their indicators and targets, without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/indicators' });
    expect(res.statusCode).toBe(200);
    const body = plansResponseSchema.parse(res.json());
    const laiChau = body.items.find((p) => p.id === 'lai-chau-2025-2026');
    expect(laiChau).toMatchObject({ unitCode: '12' });
    const servants = laiChau!.indicators.find((i) => i.code === 'trained-public-servants');
    expect(servants).toMatchObject({
      targetGroup: 'public-servants',
      measure: 'trained',
      denominator: 'population',
      provisional: expect.any(Boolean),
    });
    expect(servants!.targets.map((x) => x.by)).toEqual(['2025-12-31', '2026-12-31']);
    for (const p of body.items)
      expect(new Set(p.indicators.map((i) => i.code)).size).toBe(p.indicators.length);
  });
});
