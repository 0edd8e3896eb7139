import { describe, expect, it } from '@jest/globals';
import { learnerFilterFromParams, learnerFilterParams } from './learner-filter';

const UNIT = '4f1c2d3e-0000-4000-8000-000000000001';

describe('the learner list filters in the address', () => {
  it('round-trips every filter, the unit with its path for the picker', () => {
    const form = {
      filter: {
        q: 'nguyen van an',
        unitId: UNIT,
        targetGroup: 'citizens' as const,
        subGroup: undefined,
        status: 'no-profile' as const,
      },
      unitPath: '/DEMO/DEMO01/',
    };
    const params = learnerFilterParams(form);
    expect(params.toString()).toBe(
      `q=nguyen+van+an&unitId=${UNIT}&targetGroup=citizens&status=no-profile&unitPath=%2FDEMO%2FDEMO01%2F`,
    );
    expect(learnerFilterFromParams(params)).toEqual({
      filter: { ...form.filter, organisationId: undefined },
      unitPath: '/DEMO/DEMO01/',
    });
  });

  it('leaves out what is malformed instead of sending it', () => {
    const read = learnerFilterFromParams(
      new URLSearchParams('unitId=nope&status=sleeping&targetGroup=aliens&unitPath=/x/../&q=%20%20'),
    );
    expect(read).toEqual({
      filter: {
        q: undefined,
        unitId: undefined,
        organisationId: undefined,
        targetGroup: undefined,
        subGroup: undefined,
        status: undefined,
      },
      unitPath: undefined,
    });
  });
});
