// The catalogue queries on the run's real Postgres, reading the shipped content (never changing it).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  competenciesOfVersions,
  type CourseListFilter,
  frameworkTrees,
  listCourses,
  outlineOfVersion,
  publishedCourseDetail,
} from '../src';

const page = (f: Partial<CourseListFilter> = {}): CourseListFilter => ({
  terms: [],
  sort: 'title',
  lang: 'vi',
  limit: 100,
  offset: 0,
  ...f,
});

describe('catalog.queries', () => {
  let db: DataSource;
  let published: Array<{ id: string; version_id: string }>;
  beforeAll(async () => {
    db = await openRunDatabase();
    published = await db.query(
      `SELECT id, current_version_id AS version_id FROM courses WHERE published ORDER BY id`,
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('lists every published course at its current version, with its lesson count and the total', async () => {
    expect(published.length).toBeGreaterThan(1);
    const rows = await listCourses(db, page());
    expect(rows.map((r) => r.id).sort()).toEqual(published.map((p) => p.id));
    expect(rows[0]).toEqual({
      id: expect.any(String),
      version_id: expect.any(String),
      title: expect.objectContaining({ vi: expect.any(String) }),
      summary: expect.any(Object),
      default_language: expect.any(String),
      languages: expect.any(Array),
      target_groups: expect.any(Array),
      sub_groups: expect.any(Array),
      estimated_minutes: expect.any(Number),
      certificate: expect.any(Boolean),
      lesson_count: expect.any(Number),
      rank: 0,
      total: published.length,
      lang: 'vi',
    });
    const second = await listCourses(db, page({ limit: 1, offset: 1 }));
    expect(second.map((r) => [r.id, r.total])).toEqual([[rows[1]!.id, published.length]]);
    const byMinutes = await listCourses(db, page({ sort: 'duration' }));
    const minutes = byMinutes.map((r) => r.estimated_minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
  });

  it('searches by folded prefix terms and filters by target group', async () => {
    const [course] = await listCourses(db, page({ limit: 1 }));
    const word = (course!.title.vi ?? '').split(/\s+/)[0]!;
    const terms = [
      word
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D')
        .toLowerCase()
        .slice(0, 3),
    ];
    const found = await listCourses(db, page({ terms, sort: 'relevance' }));
    expect(found.map((r) => r.id)).toContain(course!.id);
    expect(await listCourses(db, page({ terms: ['zzzqqq'] }))).toEqual([]);
    const group = course!.target_groups[0]!;
    const inGroup = await listCourses(db, page({ targetGroup: group }));
    expect(inGroup.every((r) => r.target_groups.includes(group))).toBe(true);
    expect(inGroup.map((r) => r.id)).toContain(course!.id);
  });

  it('gives a published course detail, its ordered outline and its competencies', async () => {
    const { id, version_id: versionId } = published[0]!;
    const detail = await publishedCourseDetail(db, id);
    expect(detail).toMatchObject({
      id,
      version_id: versionId,
      version_no: expect.any(Number),
      modules: expect.any(Array),
    });
    expect(detail!.description_html).toEqual(expect.any(Object));
    const outline = await outlineOfVersion(db, versionId);
    expect(outline).toHaveLength(detail!.lesson_count);
    expect(outline.map((l) => l.position)).toEqual([...outline.map((l) => l.position)].sort((a, b) => a - b));
    expect(outline[0]).toEqual({
      lesson_id: expect.any(String),
      lesson_key: expect.any(String),
      module_key: expect.any(String),
      position: expect.any(Number),
      kind: expect.any(String),
      title: expect.any(Object),
      minutes: expect.any(Number),
    });
    expect(await publishedCourseDetail(db, `no-such-course-${randomUUID()}`)).toBeUndefined();

    const competencies = await competenciesOfVersions(
      db,
      published.map((p) => p.version_id),
    );
    for (const c of competencies) {
      expect(published.map((p) => p.version_id)).toContain(c.course_version_id);
      expect(c).toEqual({
        course_version_id: expect.any(String),
        framework_id: expect.any(String),
        code: expect.any(String),
        level: c.level === null ? null : expect.any(Number),
        name: expect.any(Object),
        provisional: expect.any(Boolean),
      });
    }
    expect(await competenciesOfVersions(db, [])).toEqual([]);
  });

  it('gives every framework as a tree with the number of published courses teaching each competency', async () => {
    const trees = await frameworkTrees(db);
    const ids = (await db.query(`SELECT id FROM frameworks ORDER BY id`)).map((r: { id: string }) => r.id);
    expect(trees.map((t) => t.id)).toEqual(ids);
    const competencies = await competenciesOfVersions(
      db,
      published.map((p) => p.version_id),
    );
    for (const tree of trees) {
      expect(Array.isArray(tree.domains)).toBe(true);
      for (const d of tree.domains)
        for (const c of d.competencies) {
          const teaching = new Set(
            competencies
              .filter((x) => x.framework_id === tree.id && x.code === c.code)
              .map((x) => x.course_version_id),
          );
          expect([tree.id, c.code, c.courses]).toEqual([tree.id, c.code, teaching.size]);
        }
    }
  });
});
