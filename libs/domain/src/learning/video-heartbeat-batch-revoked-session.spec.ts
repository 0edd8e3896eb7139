import { planHeartbeatBatch } from './video-heartbeat-batch';

const hb = (userId: string, sessionId: string, lessonId = 'video') => ({ userId, sessionId, lessonId });

describe('a batch of heartbeats whose sessions may have ended since they were queued', () => {
  it('groups live heartbeats per learner-video, in arrival order', () => {
    const plan = planHeartbeatBatch(
      [hb('an', 's1'), hb('binh', 's2'), hb('an', 's1'), hb('an', 's1', 'other'), hb('binh', 's2')],
      new Set(['s1', 's2']),
    );
    expect(plan.refused).toEqual([]);
    expect([...plan.runs]).toEqual([
      ['an|video', [0, 2]],
      ['binh|video', [1, 4]],
      ['an|other', [3]],
    ]);
  });

  it('refuses every heartbeat of a session no longer live, and credits the same learner’s other browser', () => {
    // An signed out on the phone (s1) while the laptop (s3) kept playing the same video.
    const plan = planHeartbeatBatch(
      [hb('an', 's1'), hb('an', 's3'), hb('an', 's1'), hb('an', 's3')],
      new Set(['s3']),
    );
    expect(plan.refused).toEqual([0, 2]);
    expect([...plan.runs]).toEqual([['an|video', [1, 3]]]);
  });

  it('refuses everything when no session is live (all signed out, or the database lost the rows)', () => {
    const plan = planHeartbeatBatch([hb('an', 's1'), hb('binh', 's2')], new Set());
    expect(plan.refused).toEqual([0, 1]);
    expect(plan.runs.size).toBe(0);
  });

  it('judges each heartbeat by its own session: another learner’s live session does not vouch for it', () => {
    const plan = planHeartbeatBatch([hb('an', 's1'), hb('binh', 's2')], new Set(['s2']));
    expect(plan.refused).toEqual([0]);
    expect([...plan.runs]).toEqual([['binh|video', [1]]]);
  });
});
