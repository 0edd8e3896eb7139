import { isNamedInList } from './consent-visibility';

describe('isNamedInList (the consent rule of admin lists)', () => {
  const org = '0b6f6c64-6a43-4bb8-9d8a-1d1b8f3f4a11';
  it('names a person who agreed to share with their unit', () => {
    expect(isNamedInList({ sharesWithUnit: true, organisationId: null }, [])).toBe(true);
  });
  it('names staff under their own agency’s mandate without consent', () => {
    expect(isNamedInList({ sharesWithUnit: false, organisationId: org }, [org])).toBe(true);
  });
  it('counts but does not name anyone else: no consent, no organisation, or another organisation', () => {
    expect(isNamedInList({ sharesWithUnit: false, organisationId: null }, [org])).toBe(false);
    expect(isNamedInList({ sharesWithUnit: false, organisationId: org }, [])).toBe(false);
    expect(isNamedInList({ sharesWithUnit: false, organisationId: org }, ['another'])).toBe(false);
  });
});
