import { grantCovers, grantRefusal, reaches, scopeFor } from './permissions';
import { type Grant, unitPathOf } from './scopes';

const HN = '/01/';
const BA_DINH = '/01/00004/';
const HOAN_KIEM = '/01/00037/';
const communeAdmin: Grant = { role: 'unit_admin', unitPath: BA_DINH, organisationId: null };
const provinceAdmin: Grant = { role: 'province_admin', unitPath: HN, organisationId: null };
const agencyAdmin: Grant = { role: 'unit_admin', unitPath: null, organisationId: 'org-1' };
const systemAdmin: Grant = { role: 'system_admin', unitPath: null, organisationId: null };

describe('grantCovers', () => {
  it('reaches a unit subtree by path prefix, never a sibling commune', () => {
    expect(grantCovers(communeAdmin, { unitPath: '/01/00004/T1/', organisationId: null })).toBe(true);
    expect(grantCovers(communeAdmin, { unitPath: BA_DINH, organisationId: null })).toBe(true);
    expect(grantCovers(communeAdmin, { unitPath: HOAN_KIEM, organisationId: null })).toBe(false);
    expect(grantCovers(communeAdmin, { unitPath: null, organisationId: null })).toBe(false);
  });

  it('does not confuse codes that share a prefix', () => {
    const a: Grant = { role: 'unit_admin', unitPath: '/01/0004/', organisationId: null };
    expect(grantCovers(a, { unitPath: '/01/00040/', organisationId: null })).toBe(false);
  });

  it('reaches an organisation only by its id; a system admin reaches everything', () => {
    expect(grantCovers(agencyAdmin, { unitPath: BA_DINH, organisationId: 'org-1' })).toBe(true);
    expect(grantCovers(agencyAdmin, { unitPath: BA_DINH, organisationId: 'org-2' })).toBe(false);
    expect(grantCovers(systemAdmin, { unitPath: null, organisationId: null })).toBe(true);
  });

  it('an unscoped teacher grant reaches no learners', () => {
    expect(
      reaches([{ role: 'teacher', unitPath: null, organisationId: null }], 'quiz.grantRetake', {
        unitPath: BA_DINH,
        organisationId: null,
      }),
    ).toBe(false);
  });
});

describe('scopeFor', () => {
  it('collects the admin scopes only', () => {
    expect(
      scopeFor(
        [communeAdmin, agencyAdmin, { role: 'community_helper', unitPath: HOAN_KIEM, organisationId: null }],
        'learner.read',
      ),
    ).toEqual({
      global: false,
      unitPaths: [BA_DINH],
      organisationIds: ['org-1'],
    });
    expect(scopeFor([systemAdmin], 'learner.read').global).toBe(true);
  });
});

describe('grantRefusal', () => {
  it('nobody grants a role above their own', () => {
    expect(grantRefusal([communeAdmin], 'province_admin', { unitPath: BA_DINH, organisationId: null })).toBe(
      'ROLE_ABOVE_OWN',
    );
    expect(grantRefusal([provinceAdmin], 'system_admin', { unitPath: null, organisationId: null })).toBe(
      'ROLE_ABOVE_OWN',
    );
    expect(
      grantRefusal([{ role: 'teacher', unitPath: null, organisationId: null }], 'teacher', {
        unitPath: null,
        organisationId: null,
      }),
    ).toBe('ROLE_ABOVE_OWN');
  });

  it('a commune admin grants helpers and admins inside the commune only', () => {
    expect(
      grantRefusal([communeAdmin], 'community_helper', { unitPath: '/01/00004/T1/', organisationId: null }),
    ).toBeUndefined();
    expect(
      grantRefusal([communeAdmin], 'unit_admin', { unitPath: BA_DINH, organisationId: null }),
    ).toBeUndefined();
    expect(
      grantRefusal([communeAdmin], 'community_helper', { unitPath: HOAN_KIEM, organisationId: null }),
    ).toBe('SCOPE_OUTSIDE_OWN');
  });

  it('scoped roles need a scope; global roles take none', () => {
    expect(grantRefusal([provinceAdmin], 'unit_admin', { unitPath: null, organisationId: null })).toBe(
      'SCOPE_REQUIRED',
    );
    expect(grantRefusal([provinceAdmin], 'teacher', { unitPath: BA_DINH, organisationId: null })).toBe(
      'SCOPE_NOT_ALLOWED',
    );
    expect(
      grantRefusal([provinceAdmin], 'teacher', { unitPath: null, organisationId: null }),
    ).toBeUndefined();
  });

  it('a unit admin may not hand out global roles, whose reach is wider than theirs', () => {
    expect(grantRefusal([communeAdmin], 'reviewer', { unitPath: null, organisationId: null })).toBe(
      'ROLE_ABOVE_OWN',
    );
    expect(grantRefusal([communeAdmin], 'teacher', { unitPath: null, organisationId: null })).toBe(
      'ROLE_ABOVE_OWN',
    );
    expect(
      grantRefusal([provinceAdmin], 'reviewer', { unitPath: null, organisationId: null }),
    ).toBeUndefined();
    expect(
      grantRefusal([systemAdmin], 'system_admin', { unitPath: null, organisationId: null }),
    ).toBeUndefined();
  });
});

describe('unitPathOf', () => {
  it('chains codes from the province down', () => {
    expect(unitPathOf(null, '01')).toBe('/01/');
    expect(unitPathOf('/01/', '00004')).toBe('/01/00004/');
  });
});
