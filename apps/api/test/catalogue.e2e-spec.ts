import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** Every course folder of content/courses is imported and published by `cli prepare`. */
const SHIPPED_COURSES = readdirSync(join(__dirname, '../../../content/courses'), {
  withFileTypes: true,
}).filter((d) => d.isDirectory()).length;

describe('catalogue API', () => {
  let t: TestApp;
  const get = (url: string) =>
    request(t.http)
      .get(url)
      .expect(200)
      .then((r) => r.body);
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((c) => c.id);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the shipped catalogue, in Vietnamese by default', async () => {
    const body = await get('/api/courses?limit=50');
    expect(SHIPPED_COURSES).toBeGreaterThanOrEqual(12);
    expect(body.total).toBe(SHIPPED_COURSES);
    expect(body.items).toHaveLength(SHIPPED_COURSES);
    const phone = body.items.find((c: { id: string }) => c.id === 'smartphone-basics');
    expect(phone).toMatchObject({
      language: 'vi',
      languages: ['vi', 'en'],
      certificate: true,
      targetGroups: ['citizens'],
      subGroups: ['older-adults'],
    });
    expect(phone.title).toMatch(/điện thoại/i);
    expect(phone.lessonCount).toBeGreaterThanOrEqual(5);
    expect(phone.competencies.length).toBeGreaterThan(0);
  });

  it('answers in English when asked', async () => {
    const body = await get('/api/courses?lang=en&q=smartphone');
    expect(body.items[0]).toMatchObject({ id: 'smartphone-basics', language: 'en' });
    expect(body.items[0].title).toMatch(/smartphone/i);
  });

  describe('search', () => {
    it.each([
      ['dich vu cong', 'online-public-services'],
      ['Dịch vụ công', 'online-public-services'],
      ['DICH VU CONG', 'online-public-services'],
      ['lua dao', 'online-scams'],
      ['thanh toan qr', 'cashless-payments'],
      ['vneid', 'vneid-digital-identity'],
      ['tri tue nhan tao', 'ai-assistants'],
    ])('"%s" ignores diacritics and case and ranks %s first', async (q, first) => {
      const body = await get(`/api/courses?q=${encodeURIComponent(q)}`);
      expect(body.items[0]?.id).toBe(first);
    });

    it('matches word prefixes, so a half-typed query already finds the course', async () => {
      expect(ids(await get('/api/courses?q=dien%20tho'))).toContain('smartphone-basics');
    });

    it('ranks a title match above matches further down', async () => {
      const body = await get('/api/courses?q=du%20lieu%20ca%20nhan');
      expect(body.items[0].id).toBe('children-and-data-protection');
      expect(body.total).toBeGreaterThan(1);
    });

    it.each(['%', '_', "'", '"', '%%', '\\', "' OR '1'='1"])(
      'treats %s as plain text, not a wildcard or SQL',
      async (q) => {
        const body = await get(`/api/courses?q=${encodeURIComponent(q)}`);
        expect(body.total).toBeLessThan(SHIPPED_COURSES);
      },
    );

    it('finds nothing for words no course has', async () => {
      expect(await get('/api/courses?q=xyzzyqwerty')).toEqual({ items: [], total: 0, page: 1, limit: 12 });
    });
  });

  describe('filters and sorting', () => {
    it('filters by target group and sub-group', async () => {
      const servants = await get('/api/courses?targetGroup=public-servants&limit=50');
      expect(ids(servants)).toContain('digital-office-work');
      expect(
        servants.items.every((c: { targetGroups: string[] }) => c.targetGroups.includes('public-servants')),
      ).toBe(true);
      const older = await get('/api/courses?subGroup=older-adults&limit=50');
      expect(ids(older)).toEqual(expect.arrayContaining(['smartphone-basics', 'online-health']));
      expect(older.items.every((c: { subGroups: string[] }) => c.subGroups.includes('older-adults'))).toBe(
        true,
      );
    });

    it('filters by framework competency, by domain and by level', async () => {
      expect(ids(await get('/api/courses?competency=tt02-2025:6.1'))).toEqual(['ai-assistants']);
      expect(ids(await get('/api/courses?domain=tt02-2025:6'))).toEqual(['ai-assistants']);
      const level3 = await get('/api/courses?competency=tt02-2025:1.3&level=3');
      expect(ids(level3)).toEqual(['digital-office-work']);
    });

    it('filters by language and maximum duration', async () => {
      const short = await get('/api/courses?maxMinutes=50&limit=50');
      expect(short.items.length).toBeGreaterThan(0);
      expect(short.items.every((c: { estimatedMinutes: number }) => c.estimatedMinutes <= 50)).toBe(true);
      expect((await get('/api/courses?language=en')).total).toBe(SHIPPED_COURSES);
    });

    it('sorts by duration and by title', async () => {
      const minutes = (await get('/api/courses?sort=duration&limit=50')).items.map(
        (c: { estimatedMinutes: number }) => c.estimatedMinutes,
      );
      expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      const titles = (await get('/api/courses?sort=title&limit=50')).items.map((c: { title: string }) =>
        c.title.toLowerCase(),
      );
      expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('rejects unknown filter values with 400', async () => {
      await request(t.http).get('/api/courses?targetGroup=aliens').expect(400);
      await request(t.http).get('/api/courses?competency=not-a-ref').expect(400);
    });
  });

  describe('pagination', () => {
    it('pages through results without overlap', async () => {
      const pages = Math.ceil(SHIPPED_COURSES / 4);
      const seen: string[] = [];
      let last: { items: Array<{ id: string }> } = { items: [] };
      for (let page = 1; page <= pages; page++) {
        last = await get(`/api/courses?limit=4&page=${page}&sort=title`);
        seen.push(...ids(last));
      }
      expect(seen.sort()).toEqual(ids(await get('/api/courses?limit=50')).sort());
      expect(new Set(seen).size).toBe(SHIPPED_COURSES);
      expect(last.items).toHaveLength(SHIPPED_COURSES - 4 * (pages - 1));
      expect((await get(`/api/courses?limit=4&page=${pages + 1}&sort=title`)).items).toEqual([]);
    });

    it('clamps limits instead of failing: huge to 50, zero or negative to 1, garbage to the default', async () => {
      expect((await get('/api/courses?limit=100000')).limit).toBe(50);
      expect((await get('/api/courses?limit=0')).limit).toBe(1);
      expect((await get('/api/courses?limit=-5')).items).toHaveLength(1);
      expect((await get('/api/courses?limit=abc')).limit).toBe(12);
      expect((await get('/api/courses?page=-3')).page).toBe(1);
    });

    it('a page past the end is empty but still tells the total', async () => {
      const body = await get('/api/courses?limit=5&page=99');
      expect(body).toEqual({ items: [], total: SHIPPED_COURSES, page: 99, limit: 5 });
    });
  });

  describe('course page', () => {
    it('shows outline, competencies, target groups, duration, languages and certificate', async () => {
      const c = await get('/api/courses/online-public-services');
      expect(c).toMatchObject({
        id: 'online-public-services',
        certificate: true,
        languages: ['vi', 'en'],
        version: 1,
      });
      expect(c.descriptionHtml).toContain('<p>');
      expect(c.modules.length).toBeGreaterThanOrEqual(2);
      const lessons = c.modules.flatMap((m: { lessons: unknown[] }) => m.lessons);
      expect(lessons.length).toBeGreaterThanOrEqual(5);
      expect(lessons.map((l: { kind: string }) => l.kind)).toContain('quiz');
      expect(c.competencies[0]).toEqual(
        expect.objectContaining({
          framework: expect.any(String),
          code: expect.any(String),
          name: expect.any(String),
        }),
      );
    });

    it('is 404 COURSE_NOT_FOUND for an unknown course', async () => {
      const res = await request(t.http).get('/api/courses/no-such-course').expect(404);
      expect(res.body.code).toBe('COURSE_NOT_FOUND');
    });
  });

  describe('frameworks', () => {
    it('serves the three frameworks with provisional items marked and course counts', async () => {
      const body = await get('/api/frameworks');
      expect(body.items.map((f: { id: string }) => f.id)).toEqual(['digcomp-2.2', 'qd757-v1', 'tt02-2025']);
      const tt02 = body.items.find((f: { id: string }) => f.id === 'tt02-2025');
      const competencies = tt02.domains.flatMap((d: { competencies: unknown[] }) => d.competencies);
      expect(tt02.domains).toHaveLength(6);
      expect(competencies).toHaveLength(24);
      expect(
        competencies
          .filter((c: { provisional: boolean }) => c.provisional)
          .map((c: { code: string }) => c.code),
      ).toEqual(['6.1', '6.2', '6.3']);
      expect(competencies.find((c: { code: string }) => c.code === '4.2').courses).toBeGreaterThan(3);
      const qd = body.items.find((f: { id: string }) => f.id === 'qd757-v1');
      expect(qd.domains.find((d: { code: string }) => d.code === '0').provisional).toBe(false);
      expect(qd.domains.find((d: { code: string }) => d.code === '6').provisional).toBe(true);
    });
  });

  describe('caching', () => {
    it('lets caches keep the catalogue but revalidate it every time (ETag), and 304 when the client has it', async () => {
      const first = await request(t.http).get('/api/courses?q=vneid').expect(200);
      // A publish or unpublish shows at once: no lifetime during which a cache answers without asking.
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await request(t.http).get('/api/courses?q=vneid').set('if-none-match', etag!).expect(304);
      expect(again.text).toBe('');
      const detail = await request(t.http).get('/api/courses/online-scams').expect(200);
      expect(detail.headers['cache-control']).toBe('public, no-cache');
      await request(t.http)
        .get('/api/courses/online-scams')
        .set('if-none-match', detail.headers.etag!)
        .expect(304);
      await request(t.http).get('/api/courses/online-scams').set('if-none-match', '"stale"').expect(200);
    });
  });
});
