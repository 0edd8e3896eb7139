import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The importer is tested with real bundles from the content loader and a fresh database per scenario. Both
// helpers live in libraries that scope:db may not depend on at runtime; tests only, so the boundary rule is
// waived for these two imports.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ContentValidationError, loadContent } from '@hocvuso/content';
import type { ContentBundle } from '@hocvuso/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createFreshDatabase, type FreshDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { enrolmentLessons, type ImportStats, importContentBundle, type Queryable, selectRows } from '../src';

/** The content fixture shared with libs/content's tests (read from disk, not imported). */
const OK_DIR = join(__dirname, '..', '..', 'content', 'test', 'fixtures', 'ok');
const COURSE_ID = 'phone-safety';

function copyOk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-import-'));
  cpSync(OK_DIR, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, 'courses', COURSE_ID, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit did not apply: ${from} in ${file}`);
  writeFileSync(path, after);
}

function load(dir: string): ContentBundle {
  const { bundle, issues } = loadContent(dir);
  if (!bundle) throw new ContentValidationError(issues);
  return bundle;
}

/**
 * What `importContent` in apps/api/src/cli/content-import.command.ts does (libs may not import apps):
 * validate the whole folder, and write only a valid bundle, in one transaction.
 */
async function importFolder(db: DataSource, dir: string): Promise<ImportStats> {
  const { bundle, issues } = loadContent(dir);
  if (!bundle) throw new ContentValidationError(issues);
  return db.transaction((tx) => importContentBundle(tx, bundle));
}

const importBundle = (db: DataSource, bundle: ContentBundle) =>
  db.transaction((tx) => importContentBundle(tx, bundle));

interface TableState {
  table: string;
  rows: number;
  max_xmin: string;
}

/**
 * Row count and newest row version (xmin) of every table the importer writes. Any insert, update or delete
 * changes one of the two: an update or insert gives a row a newer xmin, a delete lowers the count.
 */
async function contentTablesState(db: Queryable): Promise<TableState[]> {
  return selectRows<TableState>(
    db,
    `SELECT 'target_groups' AS table, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS max_xmin FROM target_groups
     UNION ALL SELECT 'frameworks', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM frameworks
     UNION ALL SELECT 'framework_domains', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM framework_domains
     UNION ALL SELECT 'framework_competencies', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM framework_competencies
     UNION ALL SELECT 'competency_mappings', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM competency_mappings
     UNION ALL SELECT 'courses', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM courses
     UNION ALL SELECT 'course_versions', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM course_versions
     UNION ALL SELECT 'course_version_lessons', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM course_version_lessons
     UNION ALL SELECT 'course_version_competencies', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM course_version_competencies
     UNION ALL SELECT 'lesson_revisions', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM lesson_revisions
     UNION ALL SELECT 'question_banks', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM question_banks
     UNION ALL SELECT 'coverage_plans', count(*)::int, coalesce(max(xmin::text::bigint), 0)::text FROM coverage_plans
     UNION ALL SELECT 'courses.updated_at', 0, coalesce(max(updated_at)::text, '') FROM courses
     UNION ALL SELECT 'frameworks.updated_at', 0, coalesce(max(updated_at)::text, '') FROM frameworks`,
  );
}

const rowsOf = (state: TableState[]) =>
  Object.fromEntries(state.filter((s) => !s.table.includes('.')).map((s) => [s.table, s.rows]));

interface VersionRow {
  id: string;
  version_no: number;
  content_hash: string;
}

async function versions(db: Queryable): Promise<VersionRow[]> {
  return selectRows<VersionRow>(
    db,
    `SELECT id, version_no, content_hash FROM course_versions WHERE course_id = $1 ORDER BY version_no`,
    [COURSE_ID],
  );
}

async function currentVersionId(db: Queryable): Promise<string> {
  const rows = await selectRows<{ current_version_id: string }>(
    db,
    `SELECT current_version_id FROM courses WHERE id = $1`,
    [COURSE_ID],
  );
  return rows[0]!.current_version_id;
}

/** lesson key → lesson_revision id of one course version, in outline order. */
async function revisionsOf(db: Queryable, versionId: string): Promise<Record<string, string>> {
  const rows = await selectRows<{ lesson_key: string; id: string }>(
    db,
    `SELECT r.lesson_key, r.id FROM course_version_lessons l JOIN lesson_revisions r ON r.id = l.lesson_revision_id
      WHERE l.course_version_id = $1 ORDER BY l.position`,
    [versionId],
  );
  return Object.fromEntries(rows.map((r) => [r.lesson_key, r.id]));
}

describe('importContentBundle: the ok fixture into an empty database', () => {
  let fresh: FreshDatabase;
  let bundle: ContentBundle;
  let stats: ImportStats;

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    bundle = load(OK_DIR);
    stats = await importBundle(fresh.db, bundle);
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('reports the course created and every target group, framework and mapping written', () => {
    expect(stats).toEqual({
      targetGroupsChanged: 3,
      frameworksChanged: 1,
      mappingsChanged: 1,
      plansChanged: 0,
      plansRetired: 0,
      coursesCreated: [COURSE_ID],
      coursesNewVersion: [],
      coursesUnchanged: [],
    });
  });

  it('creates the course with version 1 as its current, published version', async () => {
    const rows = await fresh.db.query(
      `SELECT c.published, v.version_no, v.edition, v.content_hash, v.default_language, v.languages, v.title, v.summary,
              v.target_groups, v.sub_groups, v.estimated_minutes, v.certificate, v.completion, v.modules, v.search_title
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = $1`,
      [COURSE_ID],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      published: true,
      version_no: 1,
      edition: '1.0',
      content_hash: bundle.courses[0]!.contentHash,
      default_language: 'vi',
      languages: ['vi', 'en'],
      title: { vi: 'Dùng điện thoại an toàn', en: 'Using a phone safely' },
      summary: {
        vi: 'Khóa màn hình, cập nhật máy và nhận biết tin nhắn lừa đảo.',
        en: 'Lock the screen, keep the phone updated and spot scam messages.',
      },
      target_groups: ['citizens'],
      sub_groups: ['older-adults'],
      estimated_minutes: 30,
      certificate: true,
      completion: { lessons: 'all', quizzes: ['final-quiz'] },
      modules: [
        {
          key: 'basics',
          title: { vi: 'Những điều cơ bản', en: 'The basics' },
          lessons: ['welcome', 'practice', 'intro-video'],
        },
        { key: 'wrap-up', title: { vi: 'Tổng kết', en: 'Wrap-up' }, lessons: ['guide', 'final-quiz'] },
      ],
      search_title: 'dung dien thoai an toan | using a phone safely',
    });
  });

  it('creates one lesson revision per lesson, in outline order and in its module', async () => {
    const rows = await fresh.db.query(
      `SELECT l.position, l.module_key, r.lesson_key, r.kind, r.minutes, r.title, r.min_read_seconds, r.competencies, r.content_hash
         FROM courses c
         JOIN course_version_lessons l ON l.course_version_id = c.current_version_id
         JOIN lesson_revisions r ON r.id = l.lesson_revision_id
        WHERE c.id = $1 ORDER BY l.position`,
      [COURSE_ID],
    );
    expect(
      rows.map((r: { position: number; module_key: string; lesson_key: string; kind: string }) => [
        r.position,
        r.module_key,
        r.lesson_key,
        r.kind,
      ]),
    ).toEqual([
      [1, 'basics', 'welcome', 'text'],
      [2, 'basics', 'practice', 'checklist'],
      [3, 'basics', 'intro-video', 'video'],
      [4, 'wrap-up', 'guide', 'document'],
      [5, 'wrap-up', 'final-quiz', 'quiz'],
    ]);
    expect(rows[0]).toMatchObject({
      minutes: 3,
      title: { vi: 'Chào mừng', en: 'Welcome' },
      min_read_seconds: 10,
      competencies: ['fixture-fw:4.1'],
    });
    expect(rows.map((r: { content_hash: string }) => r.content_hash)).toEqual(
      bundle.courses[0]!.lessons.map((l) => l.contentHash),
    );

    const [video] = await fresh.db.query(
      `SELECT body_html, data FROM lesson_revisions WHERE course_id = $1 AND lesson_key = 'intro-video'`,
      [COURSE_ID],
    );
    expect(video.data.captions).toEqual({ vi: 'media/intro.vi.vtt', en: 'media/intro.en.vtt' });
    expect(video.data.video.completionThreshold).toBe(0.9);
    expect(video.body_html.en).toContain('Transcript');
    const [quiz] = await fresh.db.query(
      `SELECT data FROM lesson_revisions WHERE course_id = $1 AND lesson_key = 'final-quiz'`,
      [COURSE_ID],
    );
    expect(quiz.data.quiz).toMatchObject({ bank: 'final', questionsPerAttempt: 4, passMark: 70 });
  });

  it('stores the question bank with all four question types', async () => {
    const banks = await fresh.db.query(
      `SELECT bank_key, content_hash, questions FROM question_banks WHERE course_id = $1`,
      [COURSE_ID],
    );
    expect(banks).toHaveLength(1);
    expect(banks[0].bank_key).toBe('final');
    expect(banks[0].content_hash).toBe(bundle.courses[0]!.banks[0]!.contentHash);
    expect(banks[0].questions.map((q: { id: string; type: string }) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'truefalse'],
      ['q4', 'ordering'],
    ]);
  });

  it('stores target groups, the framework with its competencies, the mapping and the course competencies', async () => {
    expect(
      await fresh.db.query(`SELECT code, kind, position FROM target_groups ORDER BY kind, position`),
    ).toEqual([
      { code: 'students', kind: 'group', position: 0 },
      { code: 'citizens', kind: 'group', position: 1 },
      { code: 'older-adults', kind: 'sub_group', position: 0 },
    ]);
    expect(await fresh.db.query(`SELECT id, version, content_hash FROM frameworks`)).toEqual([
      { id: 'fixture-fw', version: '1', content_hash: bundle.frameworks[0]!.contentHash },
    ]);
    expect(await fresh.db.query(`SELECT code FROM framework_domains ORDER BY position`)).toEqual([
      { code: '1' },
      { code: '4' },
    ]);
    expect(
      await fresh.db.query(
        `SELECT code, domain_code, provisional FROM framework_competencies ORDER BY position`,
      ),
    ).toEqual([
      { code: '1.1', domain_code: '1', provisional: false },
      { code: '4.1', domain_code: '4', provisional: false },
      { code: '4.2', domain_code: '4', provisional: true },
    ]);
    expect(await fresh.db.query(`SELECT from_code, to_code, relation FROM competency_mappings`)).toEqual([
      { from_code: '4.1', to_code: '4.2', relation: 'related' },
    ]);
    expect(
      await fresh.db.query(
        `SELECT cc.framework_id, cc.code, cc.level FROM courses c JOIN course_version_competencies cc ON cc.course_version_id = c.current_version_id
          WHERE c.id = $1 ORDER BY cc.code`,
        [COURSE_ID],
      ),
    ).toEqual([
      { framework_id: 'fixture-fw', code: '4.1', level: 1 },
      { framework_id: 'fixture-fw', code: '4.2', level: 2 },
    ]);
  });

  it.each([
    ['dien:* & thoai:*', 'a folded Vietnamese title ("điện thoại")'],
    ['điện:* & thoại:*'.normalize('NFC'), 'nothing: the document is folded, so queries must be folded too'],
    ['phone:* & safely:*', 'the English title'],
    ['lua:* & dao:*', 'the Vietnamese summary ("lừa đảo")'],
    ['bao:* & ve:* & thiet:*', 'a competency name ("Bảo vệ thiết bị")'],
    ['chao:* & mung:*', 'a lesson title ("Chào mừng")'],
  ])('search_document @@ %s finds %s', async (query, what) => {
    const rows: Array<{ course_id: string }> = await fresh.db.query(
      `SELECT v.course_id FROM courses c JOIN course_versions v ON v.id = c.current_version_id
        WHERE v.search_document @@ to_tsquery('simple', $1)`,
      [query],
    );
    expect(rows.map((r) => r.course_id)).toEqual(what.startsWith('nothing') ? [] : [COURSE_ID]);
  });

  it('weights the title above the summary and the outline', async () => {
    const [row] = await fresh.db.query(
      `SELECT ts_rank(v.search_document, to_tsquery('simple', 'dien:*')) > ts_rank(v.search_document, to_tsquery('simple', 'chao:*')) AS title_first
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = $1`,
      [COURSE_ID],
    );
    expect(row.title_first).toBe(true);
  });
});

describe('importContentBundle: importing the same folder again', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    await importBundle(fresh.db, load(OK_DIR));
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('reports the course unchanged and changes no row at all', async () => {
    const before = await contentTablesState(fresh.db);
    const stats = await importBundle(fresh.db, load(OK_DIR));
    expect(stats).toEqual({
      targetGroupsChanged: 0,
      frameworksChanged: 0,
      mappingsChanged: 0,
      plansChanged: 0,
      plansRetired: 0,
      coursesCreated: [],
      coursesNewVersion: [],
      coursesUnchanged: [COURSE_ID],
    });
    expect(await contentTablesState(fresh.db)).toEqual(before);
  });

  it('a copy of the folder with Windows line endings changes nothing either', async () => {
    const dir = copyOk();
    try {
      const path = join(dir, 'courses', COURSE_ID, 'lessons', 'welcome.vi.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\n/g, '\r\n'));
      const before = await contentTablesState(fresh.db);
      const stats = await importFolder(fresh.db, dir);
      expect(stats.coursesUnchanged).toEqual([COURSE_ID]);
      expect(await contentTablesState(fresh.db)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importContentBundle: a changed lesson, then a revert', () => {
  let fresh: FreshDatabase;
  let dir: string;
  let userId: string;
  let v1: string;
  let v1Revisions: Record<string, string>;

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    dir = copyOk();
    await importBundle(fresh.db, load(OK_DIR));
    v1 = await currentVersionId(fresh.db);
    v1Revisions = await revisionsOf(fresh.db, v1);

    // A learner who completed two lessons of version 1.
    const [user] = await fresh.db.query(
      `INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`,
      ['Bà Nguyễn Thị Lan', 'lan@example.test'],
    );
    userId = user.id;
    await fresh.db.query(`INSERT INTO enrolments (user_id, course_id) VALUES ($1, $2)`, [userId, COURSE_ID]);
    for (const key of ['welcome', 'practice']) {
      await fresh.db.query(
        `INSERT INTO lesson_progress (user_id, lesson_revision_id, status, completed_at) VALUES ($1, $2, 'completed', now())`,
        [userId, v1Revisions[key]],
      );
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fresh?.drop();
  });

  it("changing one lesson's text makes version 2 with a new revision for that lesson only", async () => {
    edit(
      dir,
      'lessons/welcome.en.md',
      'Set a 6-digit **PIN** that only you know.',
      'Set a 6-digit **PIN** that nobody else knows.',
    );
    const before = rowsOf(await contentTablesState(fresh.db));
    const stats = await importFolder(fresh.db, dir);
    expect(stats.coursesNewVersion).toEqual([COURSE_ID]);
    expect(stats.coursesCreated).toEqual([]);
    expect(stats.frameworksChanged + stats.targetGroupsChanged + stats.mappingsChanged).toBe(0);

    const all = await versions(fresh.db);
    expect(all.map((v) => v.version_no)).toEqual([1, 2]);
    const v2 = await currentVersionId(fresh.db);
    expect(v2).toBe(all[1]!.id);

    const v2Revisions = await revisionsOf(fresh.db, v2);
    expect(Object.keys(v2Revisions)).toEqual(Object.keys(v1Revisions));
    for (const key of Object.keys(v1Revisions)) {
      if (key === 'welcome') expect(v2Revisions[key]).not.toBe(v1Revisions[key]);
      else expect(v2Revisions[key]).toBe(v1Revisions[key]);
    }
    const [changed] = await fresh.db.query(`SELECT body_html FROM lesson_revisions WHERE id = $1`, [
      v2Revisions.welcome,
    ]);
    expect(changed.body_html.en).toContain('nobody else knows');

    // exactly one new revision, one new version with its 5 outline rows and 2 competencies; nothing else
    const after = rowsOf(await contentTablesState(fresh.db));
    expect(after).toEqual({
      ...before,
      course_versions: before.course_versions! + 1,
      course_version_lessons: before.course_version_lessons! + 5,
      course_version_competencies: before.course_version_competencies! + 2,
      lesson_revisions: before.lesson_revisions! + 1,
    });
    // version 1 is kept intact for whoever still refers to it
    expect(await revisionsOf(fresh.db, v1)).toEqual(v1Revisions);
  });

  it('a learner in progress keeps reading the version they started, with their progress (docs/crediting.md)', async () => {
    const rows = await enrolmentLessons(fresh.db, userId, COURSE_ID);
    // The enrolment stays on version 1 until the learner finishes or chooses to move (issue 14, item 6).
    expect(new Set(rows.map((r) => r.course_version_id))).toEqual(new Set([v1]));
    expect(await currentVersionId(fresh.db)).not.toBe(v1);
    const status = Object.fromEntries(rows.map((r) => [r.lesson_key, r.lesson_status]));
    expect(status).toEqual({
      welcome: 'completed', // changed in version 2, but this learner still reads version 1
      practice: 'completed',
      'intro-video': null,
      guide: null,
      'final-quiz': null,
    });
  });

  it('reverting the change reuses version 1 instead of creating version 3', async () => {
    edit(
      dir,
      'lessons/welcome.en.md',
      'Set a 6-digit **PIN** that nobody else knows.',
      'Set a 6-digit **PIN** that only you know.',
    );
    const before = rowsOf(await contentTablesState(fresh.db));
    const stats = await importFolder(fresh.db, dir);
    expect(stats.coursesCreated).toEqual([]);
    expect(stats.coursesUnchanged).toEqual([]);

    expect((await versions(fresh.db)).map((v) => v.version_no)).toEqual([1, 2]);
    expect(await currentVersionId(fresh.db)).toBe(v1);
    expect(rowsOf(await contentTablesState(fresh.db))).toEqual(before);

    const rows = await enrolmentLessons(fresh.db, userId, COURSE_ID);
    const status = Object.fromEntries(rows.map((r) => [r.lesson_key, r.lesson_status]));
    expect(status).toMatchObject({ welcome: 'completed', practice: 'completed' });
  });

  it('importing the reverted folder once more changes nothing', async () => {
    const before = await contentTablesState(fresh.db);
    const stats = await importFolder(fresh.db, dir);
    expect(stats.coursesUnchanged).toEqual([COURSE_ID]);
    expect(await contentTablesState(fresh.db)).toEqual(before);
  });
});

describe('importContentBundle: an outline change without content changes', () => {
  let fresh: FreshDatabase;
  let dir: string;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    dir = copyOk();
    await importBundle(fresh.db, load(OK_DIR));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fresh?.drop();
  });

  it('moving a lesson to another module makes a new version that keeps every lesson revision', async () => {
    const v1 = await currentVersionId(fresh.db);
    const v1Revisions = await revisionsOf(fresh.db, v1);
    edit(dir, 'course.yaml', 'lessons: [welcome, practice, intro-video]', 'lessons: [welcome, practice]');
    edit(dir, 'course.yaml', 'lessons: [guide, final-quiz]', 'lessons: [intro-video, guide, final-quiz]');
    const stats = await importFolder(fresh.db, dir);
    expect(stats.coursesNewVersion).toEqual([COURSE_ID]);
    const v2 = await currentVersionId(fresh.db);
    expect(v2).not.toBe(v1);
    expect(await revisionsOf(fresh.db, v2)).toEqual(v1Revisions);
    const [moved] = await fresh.db.query(
      `SELECT l.module_key FROM course_version_lessons l WHERE l.course_version_id = $1 AND l.lesson_revision_id = $2`,
      [v2, v1Revisions['intro-video']],
    );
    expect(moved.module_key).toBe('wrap-up');
  });
});

describe('importing a broken folder', () => {
  let fresh: FreshDatabase;
  let dir: string;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
  });
  beforeEach(() => {
    dir = copyOk();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(async () => {
    await fresh?.drop();
  });

  it('writes nothing into an empty database', async () => {
    edit(dir, 'quizzes/final.yaml', '- id: q2', '- id: q1');
    const before = await contentTablesState(fresh.db);
    expect(rowsOf(before)).toEqual(Object.fromEntries(Object.keys(rowsOf(before)).map((t) => [t, 0])));
    await expect(importFolder(fresh.db, dir)).rejects.toThrow(ContentValidationError);
    expect(await contentTablesState(fresh.db)).toEqual(before);
  });

  it('writes nothing over an earlier import, even where the valid part of the folder changed', async () => {
    await importBundle(fresh.db, load(OK_DIR));
    // one valid change (would make version 2) and one problem elsewhere in the same folder
    edit(dir, 'lessons/welcome.vi.md', 'chỉ bạn biết', 'không ai khác biết');
    edit(dir, 'course.yaml', 'targetGroups: [citizens]', 'targetGroups: [citizen]');
    const before = await contentTablesState(fresh.db);
    const error: unknown = await importFolder(fresh.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as ContentValidationError).issues).toEqual([
      expect.objectContaining({ file: `courses/${COURSE_ID}/course.yaml`, field: 'targetGroups.0' }),
    ]);
    expect(await contentTablesState(fresh.db)).toEqual(before);
  });

  it('a failure while writing rolls the whole import back (one transaction)', async () => {
    const valid = load(OK_DIR);
    await importBundle(fresh.db, valid); // the course exists (a no-op if the previous test imported it)
    // A brand-new course that would be written first, then a change to the existing course whose
    // competency is not in any framework, so its course_version_competencies row violates a foreign key.
    const newCourse = {
      ...structuredClone(valid.courses[0]!),
      id: 'phone-safety-two',
      contentHash: 'new-course-hash',
    };
    const broken = structuredClone(valid.courses[0]!);
    broken.contentHash = 'changed-hash';
    broken.competencies = [...broken.competencies, { framework: 'fixture-fw', code: '9.9', level: 1 }];
    const bundle: ContentBundle = { ...valid, courses: [newCourse, broken] };

    const before = await contentTablesState(fresh.db);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the failed query
    try {
      await expect(importBundle(fresh.db, bundle)).rejects.toThrow(/foreign key/);
    } finally {
      log.mockRestore();
    }
    expect(await contentTablesState(fresh.db)).toEqual(before);
    expect(await fresh.db.query(`SELECT id FROM courses WHERE id = 'phone-safety-two'`)).toEqual([]);
  });
});
