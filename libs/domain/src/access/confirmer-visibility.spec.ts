import { confirmerShownToPerson } from './confirmer-visibility';
import { rolesHolding } from './permissions';

describe('confirmerShownToPerson: who confirmed, in the person’s own export', () => {
  const helperRole = rolesHolding('identity.confirm')[0]!;

  it('names a helper who still holds a confirming role, with that role', () => {
    expect(
      confirmerShownToPerson({
        displayName: 'Lò Văn Giúp',
        deidentified: false,
        rolesNow: ['learner', helperRole],
      }),
    ).toEqual({
      role: helperRole,
      name: 'Lò Văn Giúp',
    });
  });

  it('shows only the role of a de-identified helper', () => {
    expect(
      confirmerShownToPerson({ displayName: 'Đã xoá', deidentified: true, rolesNow: [helperRole] }),
    ).toEqual({
      role: helperRole,
      name: null,
    });
  });

  it('shows neither name nor role of someone who holds no confirming role any more', () => {
    expect(
      confirmerShownToPerson({ displayName: 'Người cũ', deidentified: false, rolesNow: ['learner'] }),
    ).toEqual({
      role: null,
      name: null,
    });
    expect(confirmerShownToPerson({ displayName: 'Người cũ', deidentified: false, rolesNow: [] })).toEqual({
      role: null,
      name: null,
    });
  });

  it('is null when nobody confirmed (a self-declaration)', () => {
    expect(confirmerShownToPerson(null)).toBeNull();
  });
});
