import { describe, expect, it } from '@jest/globals';
import { competencyCataloguePath, frameworkPath } from './framework-links';

describe('links around a framework', () => {
  it('opens a competency of a framework as certificates link it', () => {
    expect(frameworkPath('tt02-2025', '4.2')).toBe('/frameworks/tt02-2025#4.2');
    expect(frameworkPath('digcomp-2.2')).toBe('/frameworks/digcomp-2.2');
  });

  it('lists the courses of a competency in the catalogue', () => {
    expect(competencyCataloguePath('digcomp-2.2', '1.1')).toBe('/?competency=digcomp-2.2%3A1.1');
  });

  it('keeps a hostile id inside the path', () => {
    expect(frameworkPath('../admin?x=1#y')).toBe('/frameworks/..%2Fadmin%3Fx%3D1%23y');
  });
});
