import { isBehindCurrentVersion, versionRead } from './course-versions';

describe('which version a learner reads', () => {
  const current = 'v2';

  it('a learner in progress stays on the version they started', () => {
    expect(versionRead({ status: 'active', versionId: 'v1' }, current)).toBe('v1');
    expect(isBehindCurrentVersion({ status: 'active', versionId: 'v1' }, current)).toBe(true);
  });

  it('a learner on the current version reads it and is not behind', () => {
    expect(versionRead({ status: 'active', versionId: 'v2' }, current)).toBe('v2');
    expect(isBehindCurrentVersion({ status: 'active', versionId: 'v2' }, current)).toBe(false);
  });

  it('a completed learner reads the current version, whatever version they completed', () => {
    expect(versionRead({ status: 'completed', versionId: 'v1' }, current)).toBe('v2');
    expect(isBehindCurrentVersion({ status: 'completed', versionId: 'v1' }, current)).toBe(false);
  });

  it('someone not enrolled, or an enrolment whose version is gone, reads the current version', () => {
    expect(versionRead(undefined, current)).toBe('v2');
    expect(versionRead({ status: 'active', versionId: null }, current)).toBe('v2');
    expect(isBehindCurrentVersion(undefined, current)).toBe(false);
    expect(isBehindCurrentVersion({ status: 'active', versionId: 'v1' }, null)).toBe(false);
  });
});
