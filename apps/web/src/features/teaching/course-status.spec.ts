import { describe, expect, it } from '@jest/globals';
import { courseStatus, detailState } from './course-status';

const studio = { source: 'studio' as const, published: false, versionNo: null, unpublishedChanges: true };

describe('course status', () => {
  it('a new studio course is a draft until it is published', () => {
    expect(courseStatus(studio)).toBe('draft');
  });

  it('a published course is "published" until saved changes wait to be published', () => {
    expect(courseStatus({ ...studio, published: true, versionNo: 1, unpublishedChanges: false })).toBe(
      'published',
    );
    expect(courseStatus({ ...studio, published: true, versionNo: 1, unpublishedChanges: true })).toBe(
      'changed',
    );
  });

  it('a course taken out of the catalogue after publishing is "unpublished", not a draft', () => {
    expect(courseStatus({ ...studio, published: false, versionNo: 2, unpublishedChanges: false })).toBe(
      'unpublished',
    );
  });

  it('a course from the content files never has studio changes', () => {
    expect(courseStatus({ source: 'content', published: true, versionNo: 3, unpublishedChanges: true })).toBe(
      'published',
    );
  });

  it('reads a course detail in the same terms', () => {
    const detail = {
      source: 'studio' as const,
      published: true,
      versions: [
        { versionNo: 2, current: true },
        { versionNo: 1, current: false },
      ],
      draft: { revision: 5, publishedRevision: 4 },
    };
    expect(detailState(detail)).toEqual({
      source: 'studio',
      published: true,
      versionNo: 2,
      unpublishedChanges: true,
    });
    expect(courseStatus(detailState({ ...detail, draft: { revision: 5, publishedRevision: 5 } }))).toBe(
      'published',
    );
    expect(detailState({ ...detail, versions: [], draft: null }).versionNo).toBeNull();
  });
});
