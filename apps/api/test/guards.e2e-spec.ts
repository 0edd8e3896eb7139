import request from 'supertest';
import { browser, expectErrorShape, startTestApp, type TestApp } from './support/test-app';

/** The routes anyone may call. Every other api route must answer 401 without a session. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/ready',
  'GET /api/auth/csrf',
  'POST /api/auth/sign-up',
  'POST /api/auth/sign-in',
  'GET /api/courses',
  'GET /api/courses/:courseId',
  'GET /api/frameworks',
  // The configured languages (content/languages.yaml) for the signed-out language switcher: docs/languages.md.
  'GET /api/languages',
  // The plan's indicators and targets are a public document.
  'GET /api/indicators',
  'GET /api/status-lists/:id',
  // A video's files for players and a CDN: capability URLs (a random UUID), docs/video-pipeline.md.
  'GET /api/videos/:videoId/:file',
  'GET /api/videos/:videoId/captions/:file',
  'GET /api/videos/:videoId/hls/:file',
  'GET /api/videos/:videoId/hls/:rendition/:file',
  // A lesson narration's file, for the studio preview and the read-aloud player: a capability URL (random UUID).
  'GET /api/narrations/:narrationId',
  // A commune's weekly community sessions are a public notice (place, time, topic; never who attended), with
  // their calendar feed: docs/community-sessions.md.
  'GET /api/community-sessions/:id',
  'GET /api/units/:unitId/community-sessions',
  'GET /api/units/:unitId/community-sessions.ics',
  // A document a published lesson shows, downloaded by learners: only materials of published lessons answer.
  'GET /api/courses/:courseId/materials/:materialId/file',
  'GET /api/credentials/:id',
  'GET /api/credentials/:id/pdf',
  'GET /api/credentials/:id/verify',
  'POST /api/credentials/verify',
  'GET /api/notifications/unsubscribe',
  'POST /api/notifications/unsubscribe',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  // The reset code sent by SMS, exchanged for a reset token: the person is signed out (docs/sms.md).
  'POST /api/auth/password-reset/code',
  'POST /api/auth/sign-in-code',
  'GET /api/auth/oidc/providers',
  'GET /api/auth/oidc/:provider/start',
  'GET /api/auth/oidc/:provider/callback',
  // The assistant answers signed-out visitors too, from published lessons only, rate limited per address (docs/assistant.md).
  'POST /api/assistant/ask',
]);
const isDocs = (url: string) =>
  url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs-');

const sample = (url: string) =>
  url
    .replace(':courseId', 'smartphone-basics')
    .replace(':lessonId', '00000000-0000-4000-8000-000000000000')
    .replace(':id', '00000000-0000-4000-8000-000000000000')
    .replace(/:[A-Za-z]+/g, 'x');

describe('every route is guarded unless explicitly public', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('walks all registered api routes', async () => {
    const api = t.routes.filter(
      (r) => r.url.startsWith('/api') && r.method !== 'HEAD' && r.method !== 'OPTIONS' && !isDocs(r.url),
    );
    expect(api.length).toBeGreaterThanOrEqual(14);
    const b = await browser(t.http);
    const guarded: string[] = [];
    const open: string[] = [];
    for (const r of api) {
      const key = `${r.method} ${r.url}`;
      const url = sample(r.url);
      const res =
        r.method === 'GET'
          ? await request(t.http).get(url)
          : await b.agent[r.method.toLowerCase() as 'post'](url).set('x-csrf-token', b.csrf).send({});
      if (res.status === 401) {
        expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
        guarded.push(key);
      } else {
        open.push(key);
      }
    }
    // Exactly the public list is open; everything else refused the anonymous caller.
    expect(open.sort()).toEqual(
      [...PUBLIC].filter((k) => api.some((r) => `${r.method} ${r.url}` === k)).sort(),
    );
    expect(guarded.length).toBe(api.length - open.length);
  });
});
