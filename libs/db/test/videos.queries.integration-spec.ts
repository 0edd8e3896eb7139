// The caption functions of videos.queries.ts against the run's real Postgres (the upload and transcoding ones are
// exercised by apps/api/test/video-uploads.e2e-spec.ts and apps/worker/test/transcode-video.integration-spec.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  deleteVideoCaption,
  insertCourseVideo,
  isVideoCaptionKeyInUse,
  lockCourseVideo,
  upsertVideoCaption,
  videoCaption,
  videoCaptions,
} from '../src';

describe('videos.queries: captions', () => {
  let db: DataSource;
  const course = `captions-q-${Date.now().toString(36)}`;
  const other = `${course}-khac`;
  let owner: string;
  let videoId: string;
  const key = (sha: string) => `videos/${videoId}/captions/${sha}.vtt`;
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);

  beforeAll(async () => {
    db = await openRunDatabase();
    for (const id of [course, other])
      await db.query(`INSERT INTO courses (id, source, published) VALUES ($1, 'studio', false)`, [id]);
    const [u] = await db.query(`INSERT INTO users (display_name, email) VALUES ('Cô Lan', $1) RETURNING id`, [
      `captions-${randomUUID()}@example.com`,
    ]);
    owner = u.id;
    videoId = randomUUID();
    await insertCourseVideo(db, {
      id: videoId,
      courseId: course,
      ownerId: owner,
      originalName: 'clip.mp4',
      mediaType: 'video/mp4',
      originalKey: `videos/${videoId}/original.mp4`,
      sizeBytes: 1000,
      sha256: 'c'.repeat(64),
      durationSeconds: 4,
      width: 320,
      height: 240,
    });
  });
  afterAll(async () => {
    await db.query(`DELETE FROM courses WHERE id = ANY($1)`, [[course, other]]);
    await db.destroy();
  });

  it('locks a video only through its own course', async () => {
    await db.transaction(async (tx) => {
      expect((await lockCourseVideo(tx, course, videoId))?.id).toBe(videoId);
      expect(await lockCourseVideo(tx, other, videoId)).toBeUndefined();
    });
  });

  it('upserts one row per language, reads it, deletes it once', async () => {
    const c = { videoId, language: 'vi', cueCount: 2, coverage: 0.9, uploadedBy: owner };
    await upsertVideoCaption(db, { ...c, storageKey: key(A), sha256: A });
    await upsertVideoCaption(db, { ...c, storageKey: key(B), sha256: B });
    expect(await videoCaption(db, videoId, 'vi')).toMatchObject({ storage_key: key(B), sha256: B });
    expect(await videoCaptions(db, [videoId])).toHaveLength(1);
    expect(await videoCaption(db, videoId, 'en')).toBeUndefined();
    expect((await deleteVideoCaption(db, videoId, 'vi'))?.storage_key).toBe(key(B));
    expect(await deleteVideoCaption(db, videoId, 'vi')).toBeUndefined();
  });

  it('a caption file is in use while a row or a published lesson revision of the course names it', async () => {
    expect(await isVideoCaptionKeyInUse(db, course, videoId, key(A))).toBe(false);
    await upsertVideoCaption(db, {
      videoId,
      language: 'en',
      storageKey: key(A),
      sha256: A,
      cueCount: 1,
      coverage: 1,
      uploadedBy: owner,
    });
    expect(await isVideoCaptionKeyInUse(db, course, videoId, key(A))).toBe(true);
    await deleteVideoCaption(db, videoId, 'en');
    // A lesson revision of the course that names it (as a published studio video lesson does).
    const [copy] = await db.query(
      `INSERT INTO lesson_revisions (course_id, lesson_key, content_hash, kind, minutes, title, body_html,
         min_read_seconds, data, lesson_id)
       VALUES ($1, 'xem-video', 'h1', 'video', 3, '{"vi":"V"}', '{"vi":""}', 0,
         jsonb_build_object('captions', jsonb_build_object('vi', $2::text)), gen_random_uuid())
       RETURNING id`,
      [course, key(A)],
    );
    expect(await isVideoCaptionKeyInUse(db, course, videoId, key(A))).toBe(true);
    expect(await isVideoCaptionKeyInUse(db, other, videoId, key(A))).toBe(false);
    await db.query(`DELETE FROM lesson_revisions WHERE id = $1`, [copy.id]);
    expect(await isVideoCaptionKeyInUse(db, course, videoId, key(A))).toBe(false);
  });
});
