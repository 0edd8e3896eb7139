import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import {
  browser,
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const URL = '/api/teaching/captions/validate';
const GOOD = [
  'WEBVTT',
  '',
  '00:00.000 --> 00:20.000',
  'Xin chào các bác.',
  '',
  '00:20.000 --> 00:40.000',
  'Hôm nay học khóa màn hình.',
  '',
].join('\n');

/**
 * The studio's caption check: a teacher sends a .vtt file and gets every problem with its line and code;
 * bad files (a cue past the end, overlapping cues, not UTF-8, too large) are named, never stored; only
 * teachers may call it.
 */
describe('captions: POST /api/teaching/captions/validate', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let teacher: Browser;

  const send = (b: Browser, body: string | Buffer, query = '?durationSeconds=40') =>
    b.post(`${URL}${query}`).set('content-type', 'text/vtt; charset=utf-8').send(body);

  beforeAll(async () => {
    world = await createPreparedDatabase();
    t = await startTestApp({ DATABASE_URL: world.url });
    teacher = await signedInDemo(t.http, 'teacher');
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('a good file: ok, its cues counted, the coverage measured', async () => {
    const res = await send(teacher, GOOD).expect(200);
    expect(res.body).toEqual({ ok: true, cueCount: 2, coverage: 1, errors: [], warnings: [] });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a cue past the end of the video is refused, naming its line', async () => {
    const res = await send(
      teacher,
      GOOD.replace('00:20.000 --> 00:40.000', '00:20.000 --> 00:41.500'),
    ).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.errors).toEqual([
      {
        line: 6,
        code: 'VTT_CUE_PAST_END',
        message: 'the cue ends at 00:41.500, after the end of the video (00:40.000)',
      },
    ]);
  });

  it('overlapping cues are refused, naming both lines', async () => {
    const res = await send(
      teacher,
      GOOD.replace('00:20.000 --> 00:40.000', '00:19.000 --> 00:40.000'),
    ).expect(200);
    expect(res.body.errors).toEqual([
      {
        line: 6,
        code: 'VTT_CUES_OVERLAP',
        message: 'the cue starts at 00:19.000, before the cue on line 3 ends (00:20.000)',
      },
    ]);
  });

  it('a file saved in a legacy encoding is named as not UTF-8, on its line', async () => {
    const latin1 = Buffer.from(GOOD, 'utf8');
    latin1[latin1.indexOf(Buffer.from('à'))] = 0xe0; // a lone lead byte where "à" was
    const res = await send(teacher, latin1).expect(200);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 4, code: 'VTT_NOT_UTF8' })]);
  });

  it('CRLF files, a BOM and NUL: line numbers hold; NUL is refused', async () => {
    const crlf = `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`;
    expect((await send(teacher, crlf).expect(200)).body.ok).toBe(true);
    const nul = await send(teacher, GOOD.replace('Hôm nay', 'Hôm\u0000nay')).expect(200);
    expect(nul.body.errors).toEqual([expect.objectContaining({ line: 7, code: 'VTT_NUL_CHARACTER' })]);
  });

  it('low coverage is refused at the default 50 %, and the threshold can be lowered', async () => {
    const res = await send(teacher, GOOD, '?durationSeconds=100').expect(200);
    expect(res.body).toMatchObject({ ok: false, coverage: 0.4 });
    expect(res.body.errors[0].code).toBe('VTT_LOW_COVERAGE');
    expect((await send(teacher, GOOD, '?durationSeconds=100&minCoverage=0.3').expect(200)).body.ok).toBe(
      true,
    );
  });

  it('a file over 1 MiB is VTT_TOO_LARGE; over 2 MiB the body itself is refused', async () => {
    const cue = '00:00.000 --> 00:01.000\nchữ\n\n';
    const big = `WEBVTT\n\n${cue.repeat(Math.ceil((1.2 * 1024 * 1024) / cue.length))}`;
    const res = await send(teacher, big).expect(200);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 1, code: 'VTT_TOO_LARGE' })]);
    const huge = await send(teacher, big + big).expect(413);
    expectErrorShape(huge.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a file built to make regexes backtrack (900 KB of "<v " and blanks) is answered as plain text', async () => {
    const hostile = `WEBVTT\n\n00:00.000${' '.repeat(300_000)}x --> 00:01.000\nA\n\n00:02.000 --> 00:40.000\n${'<v '.repeat(200_000)}`;
    const res = await send(teacher, hostile).expect(200);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 3, code: 'VTT_MALFORMED_TIMESTAMP' })]);
    expect(res.body.cueCount).toBe(1);
  });

  it('a JSON body or a bad query is a 400 with the error shape', async () => {
    const json = await teacher.post(URL).send({ vtt: GOOD }).expect(400);
    expectErrorShape(json.body, 400, 'CAPTIONS_NOT_VTT');
    const bad = await send(teacher, GOOD, '?durationSeconds=-5').expect(400);
    expectErrorShape(bad.body, 400);
    const extra = await send(teacher, GOOD, '?courseId=x').expect(400);
    expectErrorShape(extra.body, 400);
  });

  it('learners may not use it, and anonymous callers are asked to sign in', async () => {
    const learner = await signedUpLearner(t.http);
    const res = await send(learner, GOOD).expect(403);
    expectErrorShape(res.body, 403);
    const anonymous = await send(await browser(t.http), GOOD).expect(401);
    expectErrorShape(anonymous.body, 401);
  });

  it('parallel checks answer each file on its own', async () => {
    const files = Array.from({ length: 8 }, (_, i) =>
      i % 2 ? GOOD : GOOD.replace('00:20.000 --> 00:40.000', `00:20.000 --> 00:4${i + 1}.000`),
    );
    const results = await Promise.all(files.map((f) => send(teacher, f).expect(200)));
    results.forEach((r, i) => expect(r.body.ok).toBe(i % 2 === 1));
  });
});
