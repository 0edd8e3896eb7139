import {
  clockSkewMs,
  freshParts,
  MAX_OFFLINE_STINT_SECONDS,
  offlineMomentRefusal,
  offlineQuizDurationRefusal,
  type OfflineReadClaim,
  planOfflineReading,
} from './offline-sync';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const min = 60_000;
const course = 'c1';
const downloads = new Map([[course, T0]]);
const none = new Map<string, [number, number][]>();
const claim = (
  id: string,
  lessonId: string,
  from: number,
  to: number,
  courseId = course,
): OfflineReadClaim => ({
  id,
  courseId,
  lessonId,
  startedAt: from,
  endedAt: to,
});

describe('offline reading: the device clock is checked against the server', () => {
  it('shifts every event by the measured skew (device 10 minutes slow)', () => {
    const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 50 * min };
    expect(clockSkewMs(clock)).toBe(10 * min);
    const [v] = planOfflineReading(clock, [claim('a', 'L1', T0 + 5 * min, T0 + 7 * min)], downloads, none);
    expect(v).toMatchObject({
      status: 'credited',
      span: [T0 + 15 * min, T0 + 17 * min],
      seconds: 120,
      capped: false,
    });
  });

  it('a device set a day ahead gains nothing: its spans are shifted back, not credited in the future', () => {
    const day = 24 * 60 * min;
    const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 60 * min + day };
    const [v] = planOfflineReading(
      clock,
      [claim('a', 'L1', T0 + 10 * min + day, T0 + 12 * min + day)],
      downloads,
      none,
    );
    expect(v).toMatchObject({ status: 'credited', seconds: 120, span: [T0 + 10 * min, T0 + 12 * min] });
  });

  it('refuses a span wholly in the future and cuts one that runs past now', () => {
    const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 60 * min };
    const [future, past] = planOfflineReading(
      clock,
      [claim('f', 'L1', T0 + 70 * min, T0 + 75 * min), claim('p', 'L2', T0 + 59 * min, T0 + 65 * min)],
      downloads,
      none,
    );
    expect(future).toEqual({ id: 'f', status: 'refused', reason: 'IN_FUTURE' });
    expect(past).toMatchObject({ status: 'credited', seconds: 60, capped: true });
  });

  it('refuses reading before the download and cuts a span that started before it', () => {
    const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 60 * min };
    const [before, across] = planOfflineReading(
      clock,
      [claim('b', 'L1', T0 - 10 * min, T0 - 5 * min), claim('x', 'L2', T0 - 2 * min, T0 + 1 * min)],
      downloads,
      none,
    );
    expect(before).toEqual({ id: 'b', status: 'refused', reason: 'BEFORE_DOWNLOAD' });
    expect(across).toMatchObject({ status: 'credited', seconds: 60, capped: true });
  });

  it('refuses a course that was never downloaded, and empty, reversed or NaN spans', () => {
    const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 60 * min };
    const verdicts = planOfflineReading(
      clock,
      [
        claim('n', 'L1', T0 + min, T0 + 2 * min, 'other'),
        claim('e', 'L1', T0 + min, T0 + min),
        claim('r', 'L1', T0 + 3 * min, T0 + 2 * min),
        claim('z', 'L1', Number.NaN, T0 + 2 * min),
      ],
      downloads,
      none,
    );
    expect(verdicts.map((v) => (v.status === 'refused' ? v.reason : v.status))).toEqual([
      'NOT_DOWNLOADED',
      'INVALID_SPAN',
      'INVALID_SPAN',
      'INVALID_SPAN',
    ]);
  });
});

describe('offline reading: caps, overlaps, duplicates and ordering', () => {
  const clock = { serverNow: T0 + 10 * 60 * min, clientNow: T0 + 10 * 60 * min };

  it('caps one stint at the longest plausible reading', () => {
    const [v] = planOfflineReading(clock, [claim('a', 'L1', T0 + min, T0 + 5 * 60 * min)], downloads, none);
    expect(v).toMatchObject({ status: 'credited', seconds: MAX_OFFLINE_STINT_SECONDS, capped: true });
  });

  it('two lessons of one course read at the same time: the minute counts once', () => {
    const verdicts = planOfflineReading(
      clock,
      [claim('a', 'L1', T0 + 10 * min, T0 + 14 * min), claim('b', 'L2', T0 + 12 * min, T0 + 16 * min)],
      downloads,
      none,
    );
    expect(verdicts[0]).toMatchObject({ status: 'credited', seconds: 240, capped: false });
    expect(verdicts[1]).toMatchObject({ status: 'credited', seconds: 120, capped: true });
  });

  it('a span wholly inside one credited earlier (an earlier sync, other event id) earns nothing', () => {
    const credited = new Map([[course, [[T0 + 10 * min, T0 + 20 * min] as const]]]);
    const [v] = planOfflineReading(
      clock,
      [claim('new-id', 'L3', T0 + 11 * min, T0 + 19 * min)],
      downloads,
      credited,
    );
    expect(v).toEqual({ id: 'new-id', status: 'refused', reason: 'OVERLAP' });
  });

  it('the same event id twice in a batch, or already applied, is a duplicate', () => {
    const verdicts = planOfflineReading(
      clock,
      [
        claim('a', 'L1', T0 + 10 * min, T0 + 12 * min),
        claim('a', 'L1', T0 + 10 * min, T0 + 12 * min),
        claim('old', 'L1', T0 + 30 * min, T0 + 32 * min),
      ],
      downloads,
      none,
      new Set(['old']),
    );
    expect(verdicts.map((v) => (v.status === 'refused' ? v.reason : v.seconds))).toEqual([
      120,
      'DUPLICATE',
      'DUPLICATE',
    ]);
  });

  it('judges claims in the order they happened, whatever order they arrive in', () => {
    const late = claim('late', 'L2', T0 + 12 * min, T0 + 16 * min);
    const early = claim('early', 'L1', T0 + 10 * min, T0 + 14 * min);
    const forward = planOfflineReading(clock, [early, late], downloads, none);
    const backward = planOfflineReading(clock, [late, early], downloads, none);
    expect(backward.map((v) => v.id)).toEqual(['late', 'early']);
    expect(backward).toEqual([forward[1], forward[0]]);
  });

  it('other courses have their own clock', () => {
    const both = new Map([
      [course, T0],
      ['c2', T0],
    ]);
    const verdicts = planOfflineReading(
      clock,
      [claim('a', 'L1', T0 + 10 * min, T0 + 12 * min), claim('b', 'M1', T0 + 10 * min, T0 + 12 * min, 'c2')],
      both,
      none,
    );
    expect(verdicts.map((v) => v.status)).toEqual(['credited', 'credited']);
  });

  it('fresh parts leave out every covered piece', () => {
    expect(
      freshParts(
        [0, 100],
        [
          [10, 20],
          [50, 60],
          [90, 200],
        ],
      ),
    ).toEqual([
      [0, 10],
      [20, 50],
      [60, 90],
    ]);
    expect(freshParts([0, 100], [[-5, 500]])).toEqual([]);
  });
});

describe('offline moments (a quiz answered, a lesson marked read)', () => {
  const clock = { serverNow: T0 + 60 * min, clientNow: T0 + 30 * min };
  it('shifts then refuses the future, before the download and an undownloaded course', () => {
    expect(offlineMomentRefusal(T0 + 10 * min, clock, T0)).toBeUndefined();
    expect(offlineMomentRefusal(T0 + 31 * min, clock, T0)).toBe('IN_FUTURE');
    expect(offlineMomentRefusal(T0 - 40 * min, clock, T0)).toBe('BEFORE_DOWNLOAD');
    expect(offlineMomentRefusal(T0 + 10 * min, clock, undefined)).toBe('NOT_DOWNLOADED');
  });
});

describe('a quiz answered offline keeps its time limit, measured on the device', () => {
  it('accepts answers within the limit and its grace, refuses longer or reversed ones', () => {
    expect(offlineQuizDurationRefusal(T0, T0 + 15 * min + 20_000, 15)).toBeUndefined();
    expect(offlineQuizDurationRefusal(T0, T0 + 16 * min, 15)).toBe('QUIZ_TIME_LIMIT_EXCEEDED');
    expect(offlineQuizDurationRefusal(T0, T0 + 300 * min, null)).toBeUndefined();
    expect(offlineQuizDurationRefusal(T0 + min, T0, 15)).toBe('INVALID_SPAN');
  });
});
