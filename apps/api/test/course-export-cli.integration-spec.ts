import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContent } from '@hocvuso/content';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';

const CLI = resolve(__dirname, '../../../dist/tools/cli.cjs');
const CONTENT = resolve(__dirname, '../../../content');

/**
 * `course:export` (docs/course-export.md): a file course exported to a folder and imported again with
 * `content:import` is the same course: the same lesson hashes, no new version, every lesson keeps its id.
 */
describe('course:export, then content:import', () => {
  let world: FreshDatabase;
  let root: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: world.url, NODE_ENV: 'test', ...env },
      encoding: 'utf8',
    });
  const lessons = async () =>
    world.db.query(
      `SELECT r.lesson_id, r.lesson_key, r.content_hash, c.current_version_id
         FROM courses c JOIN course_version_lessons l ON l.course_version_id = c.current_version_id
         JOIN lesson_revisions r ON r.id = l.lesson_revision_id
        WHERE c.id = 'ai-assistants' ORDER BY l.position`,
    );

  beforeAll(async () => {
    world = await createPreparedDatabase();
    root = mkdtempSync(join(tmpdir(), 'hvs-export-'));
    cpSync(CONTENT, root, { recursive: true });
    rmSync(join(root, 'courses', 'ai-assistants'), { recursive: true });
  });
  afterAll(async () => {
    await world.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the same lesson hashes and changes nothing when imported again', async () => {
    const out = join(root, 'courses', 'ai-assistants');
    const run = cli(['course:export', 'ai-assistants', out]);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('course:export: ai-assistants (files)');
    expect(readdirSync(out).sort()).toEqual(['course.yaml', 'lessons', 'quizzes']);

    const hashes = (dir: string) => {
      const { bundle, issues } = loadContent(dir, { shipped: true });
      expect(issues).toEqual([]);
      const course = bundle!.courses.find((c) => c.id === 'ai-assistants')!;
      return { course: course.contentHash, lessons: course.lessons.map((l) => [l.key, l.contentHash]) };
    };
    expect(hashes(root)).toEqual(hashes(CONTENT));

    const before = await lessons();
    const imported = cli(['content:import'], { CONTENT_DIR: root });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/0 created, 0 new version/);
    expect(await lessons()).toEqual(before);
  });

  it('refuses a folder that is not empty and a course that does not exist, writing nothing', () => {
    const full = cli(['course:export', 'ai-assistants', join(root, 'courses', 'online-scams')]);
    expect(full.status).toBe(1);
    expect(full.stderr).toContain('is not empty');
    const missing = cli(['course:export', 'khong-co', join(root, 'moi')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('there is no course "khong-co"');
    expect(readdirSync(root)).not.toContain('moi');
  });
});
