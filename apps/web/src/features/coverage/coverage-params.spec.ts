import { describe, expect, it } from '@jest/globals';
import { hrefFor, viewOf } from './coverage-params';

const U = '11111111-2222-4333-8444-555555555555';

describe('the dashboard address', () => {
  it('reads place, filters and indicator; drops malformed ids and a sub-group without a group', () => {
    expect(
      viewOf(new URLSearchParams(`unitId=${U}&targetGroup=students&subGroup=school:primary&indicator=HS`)),
    ).toEqual({
      query: { unitId: U, targetGroup: 'students', subGroup: 'school:primary' },
      indicator: 'HS',
    });
    expect(viewOf(new URLSearchParams(`unitId=%27%3Bdrop&subGroup=age:16%2B`))).toEqual({
      query: {},
      indicator: undefined,
    });
  });

  it('drills down keeping the filters, and goes back up to everywhere', () => {
    const view = viewOf(new URLSearchParams(`targetGroup=citizens&indicator=ND`));
    expect(hrefFor({ kind: 'organisation', id: U }, view)).toBe(
      `/admin/coverage?organisationId=${U}&targetGroup=citizens&indicator=ND`,
    );
    expect(hrefFor({ kind: 'all', id: null }, { query: {}, indicator: undefined })).toBe('/admin/coverage');
  });
});
