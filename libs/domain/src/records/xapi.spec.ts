import { buildStatement, isoDuration } from './xapi';

describe('xAPI statements', () => {
  const base = {
    id: '3f1e1c1a-0000-4000-8000-000000000001',
    homePage: 'https://hocvuso.example',
    actorPseudonym: '9b2c7d1e-0000-4000-8000-000000000002',
    timestamp: new Date('2026-11-28T08:00:00Z'),
  };

  it('identifies the learner only by an account with the pseudonym', () => {
    const s = buildStatement({
      ...base,
      verb: 'completed',
      activity: {
        id: 'https://hocvuso.example/activities/courses/x',
        type: 'course',
        name: { vi: 'Khoá học' },
      },
    });
    expect(s.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: base.homePage, name: base.actorPseudonym },
    });
    expect(JSON.stringify(s)).not.toMatch(/mbox|@|\+84/);
    expect(s).toMatchObject({
      version: '1.0.3',
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      timestamp: '2026-11-28T08:00:00.000Z',
    });
  });

  it('carries results, registration and the parent course', () => {
    const s = buildStatement({
      ...base,
      verb: 'passed',
      activity: { id: 'a', type: 'assessment', name: { vi: 'Bài kiểm tra', en: 'Quiz' } },
      parent: { id: 'c', type: 'course', name: { vi: 'Khoá' } },
      registration: 'e7c1a2b3-0000-4000-8000-000000000003',
      result: { success: true, completion: true, scaled: 0.875, durationSeconds: 750 },
      language: 'en',
    });
    expect(s.result).toEqual({
      success: true,
      completion: true,
      score: { scaled: 0.875 },
      duration: 'PT12M30S',
    });
    expect(s.context).toMatchObject({
      registration: 'e7c1a2b3-0000-4000-8000-000000000003',
      language: 'en-US',
      contextActivities: { parent: [{ id: 'c' }] },
    });
  });

  it('formats ISO 8601 durations', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(59.6)).toBe('PT1M');
    expect(isoDuration(3600)).toBe('PT1H');
    expect(isoDuration(3725)).toBe('PT1H2M5S');
  });
});
