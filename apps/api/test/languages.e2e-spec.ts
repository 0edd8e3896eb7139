import { languagesResponseSchema } from '@hocvuso/contracts';
import request from 'supertest';
import { outline } from './support/learning-world';
import {
  browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

/** docs/languages.md: languages as data (content/languages.yaml), per-field fallback to Vietnamese. */
describe('languages as data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string) => request(t.http).get(url).expect(200);

  describe('GET /api/languages', () => {
    it('lists content/languages.yaml, public, with its ETag and a five-minute cache', async () => {
      const res = await get('/api/languages');
      const body = languagesResponseSchema.parse(res.body);
      expect(body.items.map((l) => [l.code, l.endonym, l.status, l.ui, l.content])).toEqual([
        ['vi', 'Tiếng Việt', 'complete', true, true],
        ['en', 'English', 'complete', true, true],
        ['hmn', 'Lus Hmoob', 'sample-needs-native-review', true, true],
      ]);
      expect(body.items.find((l) => l.code === 'hmn')).toMatchObject({
        name: { vi: 'Tiếng Mông', en: 'Hmong' },
        script: 'Latn',
        direction: 'ltr',
      });
      expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=1500');
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"/);
      await request(t.http).get('/api/languages').set('if-none-match', etag).expect(304);
    });

    it('takes no parameters that change it and refuses other methods', async () => {
      const plain = await get('/api/languages');
      const noisy = await get('/api/languages?lang=en&x=1');
      expect(noisy.body).toEqual(plain.body);
      await request(t.http)
        .post('/api/languages')
        .send({})
        .expect((r) => expect([403, 404]).toContain(r.status));
    });
  });

  describe('?lang= with the Hmong sample: each text in Hmong where it exists, else in Vietnamese', () => {
    it('the catalogue: the sample title, the Vietnamese summary, the course still a Vietnamese one', async () => {
      const vi = (await get('/api/courses?limit=50')).body.items.find(
        (c: { id: string }) => c.id === 'smartphone-basics',
      );
      const hmn = (await get('/api/courses?limit=50&lang=hmn')).body.items.find(
        (c: { id: string }) => c.id === 'smartphone-basics',
      );
      expect(hmn).toMatchObject({
        title: 'Siv xov tooj ntse kom muaj kev nyab xeeb',
        summary: vi.summary,
        language: 'vi',
      });
      expect(hmn.languages).toEqual(['vi', 'en']);
      // A course with no Hmong text at all reads exactly as in Vietnamese.
      const scamsVi = (await get('/api/courses/online-scams')).body;
      const scamsHmn = (await get('/api/courses/online-scams?lang=hmn')).body;
      expect(scamsHmn).toEqual(scamsVi);
    });

    it('the course page: the sample title and lesson title, module titles and description in Vietnamese', async () => {
      const vi = (await get('/api/courses/smartphone-basics')).body;
      const hmn = (await get('/api/courses/smartphone-basics?lang=hmn')).body;
      expect(hmn.title).toBe('Siv xov tooj ntse kom muaj kev nyab xeeb');
      expect(hmn.descriptionHtml).toBe(vi.descriptionHtml);
      expect(hmn.modules.map((m: { title: string }) => m.title)).toEqual(
        vi.modules.map((m: { title: string }) => m.title),
      );
      const titles = (body: typeof vi) =>
        body.modules.flatMap((m: { lessons: Array<{ key: string; title: string }> }) => m.lessons);
      const sample = titles(hmn).find((l: { key: string }) => l.key === 'turn-on-and-unlock');
      expect(sample.title).toBe('Qhib xov tooj thiab xauv lub vijtsam');
      const others = titles(hmn).filter((l: { key: string }) => l.key !== 'turn-on-and-unlock');
      expect(others).toEqual(titles(vi).filter((l: { key: string }) => l.key !== 'turn-on-and-unlock'));
    });

    it('a lesson: the sample text in Hmong; a lesson without it in Vietnamese, as the Vietnamese reader gets it', async () => {
      const l = await signedUpLearner(t.http);
      await l.post('/api/courses/smartphone-basics/enrol').send({}).expect(201);
      const lessons = await outline(t, 'smartphone-basics');
      const sample = lessons.find((x) => x.key === 'turn-on-and-unlock')!;
      const other = lessons.find((x) => x.key === 'home-screen')!;
      const hmn = (await l.agent.get(`/api/lessons/${sample.id}?lang=hmn`).expect(200)).body;
      expect(hmn.title).toBe('Qhib xov tooj thiab xauv lub vijtsam');
      expect(hmn.html).toContain('Nias tuav lub pob');
      expect(hmn.html).toContain('Bản dịch mẫu, cần người bản ngữ rà soát');
      const viOther = (await l.agent.get(`/api/lessons/${other.id}`).expect(200)).body;
      const hmnOther = (await l.agent.get(`/api/lessons/${other.id}?lang=hmn`).expect(200)).body;
      expect({ title: hmnOther.title, html: hmnOther.html, language: hmnOther.language }).toEqual({
        title: viOther.title,
        html: viOther.html,
        language: 'vi',
      });
    });

    it.each([
      ['a language not in languages.yaml', 'fr'],
      ['a code of another case', 'HMN'],
      ['a zero-width joiner', 'hm%E2%80%8Dn'],
      ['a huge value', 'h'.repeat(5000)],
      ['a repeated key', 'hmn&lang=en'],
    ])('%s falls back to Vietnamese, never an error', async (_name, value) => {
      const vi = (await get('/api/courses/smartphone-basics')).body;
      const res = await get(`/api/courses/smartphone-basics?lang=${value}`);
      expect(res.body.title).toBe(vi.title);
    });
  });

  it('a ?lang= with a NUL is refused at the edge with the documented error shape, as every query string is', async () => {
    const res = await request(t.http).get('/api/courses/smartphone-basics?lang=hmn%00').expect(400);
    expectErrorShape(res.body, 400);
  });

  describe('choosing languages', () => {
    it('the catalogue filters by a configured content language and refuses any other with 400', async () => {
      const hmn = (await get('/api/courses?language=hmn')).body;
      // No course is complete in the sample: it is carried in part only.
      expect(hmn.total).toBe(0);
      const res = await request(t.http).get('/api/courses?language=fr').expect(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain('language');
    });

    it('an account may choose any interface language of languages.yaml, and nothing else', async () => {
      const b = await browser(t.http);
      const signUp = (language: string) =>
        b
          .post('/api/auth/sign-up')
          .send({ displayName: 'Giàng A Páo', identifier: uniqueEmail('hmn'), password: PASSWORD, language });
      const refused = await signUp('fr').expect(400);
      expectErrorShape(refused.body, 400, 'VALIDATION_FAILED');
      await signUp('hmn').expect(201);
      const me = await b.agent.get('/api/auth/me').expect(200);
      expect(me.body.language).toBe('hmn');

      const profile = (language: string) =>
        b.agent
          .put('/api/me/profile')
          .set('x-csrf-token', b.csrf)
          .send({
            targetGroups: ['citizens'],
            subGroups: [],
            unitId: null,
            organisationId: null,
            language,
            accessibility: {},
          });
      await profile('en').expect(200);
      expect((await profile('xx').expect(400)).body.code).toBe('VALIDATION_FAILED');
      // A NUL anywhere in a body is refused before the contract (INVALID_TEXT).
      expect((await profile('vi\u0000').expect(400)).body.code).toBe('INVALID_TEXT');
      const saved = await profile('hmn').expect(200);
      expect(saved.body.language).toBe('hmn');
    });
  });
});
