// Learning's privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { enrolmentsForExport, lessonProgressForExport, videoProgressForExport } from '../src';
import { seedPerson } from './support/person-world';

describe('learning-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('gives enrolments with the course title, lesson progress with its lesson, and video progress as multirange text', async () => {
    const p = await seedPerson(db);
    expect(await enrolmentsForExport(db, p.userId)).toEqual([
      {
        id: p.enrolmentId,
        course_id: p.courseId,
        course_title: expect.objectContaining({ vi: expect.any(String) }),
        status: 'completed',
        enrolled_at: expect.any(Date),
        last_activity_at: expect.any(Date),
        completed_at: expect.any(Date),
      },
    ]);
    expect(await lessonProgressForExport(db, p.userId)).toEqual([
      {
        lesson_revision_id: p.lessonRevisionId,
        lesson_key: expect.any(String),
        course_id: p.courseId,
        status: 'completed',
        passed: true,
        state: { ticked: [0] },
        started_at: expect.any(Date),
        completed_at: expect.any(Date),
        updated_at: expect.any(Date),
      },
    ]);
    expect(await videoProgressForExport(db, p.userId)).toEqual([
      {
        lesson_revision_id: p.lessonRevisionId,
        watched: '{[0,30.5)}',
        position: '30.5',
        heartbeats: 3,
        last_heartbeat_at: expect.any(Date),
        completed_at: null,
      },
    ]);
  });
});
