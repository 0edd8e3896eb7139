import { describe, expect, it } from '@jest/globals';
import type { ProfileResponse, UnitItem } from '../../api/access-types';
import {
  organisationUnitId,
  placeChanged,
  profileForm,
  profileFormErrors,
  shownOrganisation,
  toProfileUpdate,
} from './profile-form';

const saved: ProfileResponse = {
  language: 'vi',
  targetGroups: ['citizens'],
  subGroups: [],
  accessibility: { largeText: true },
  unit: { id: 'u-commune', name: 'Xã Mẫu Một' },
  organisation: { id: 'o-1', name: 'Hợp tác xã' },
  householdCode: null,
  consents: [],
};

const unit = (level: UnitItem['level'], id = `u-${level}`): UnitItem => ({
  id,
  code: id.toUpperCase(),
  level,
  name: id,
  path: `/${id}/`,
  parent_id: null,
  valid_from: '2025-07-01',
  valid_to: null,
  successor_codes: [],
});

describe('profile form', () => {
  it('starts from the saved profile, every display preference a plain yes or no', () => {
    expect(profileForm(saved).accessibility).toEqual({
      largeText: true,
      highContrast: false,
      captionsAlways: false,
      reducedMotion: false,
    });
  });

  it('keeps the saved unit and organisation unless a new unit is chosen', () => {
    const form = profileForm(saved);
    expect(toProfileUpdate(form, saved)).toMatchObject({ unitId: 'u-commune', organisationId: 'o-1' });
    expect(toProfileUpdate({ ...form, pickedUnit: unit('village') }, saved).unitId).toBe('u-village');
  });

  it('sends the organisation chosen in the picker, or none when "none" is chosen', () => {
    const form = profileForm(saved);
    const school = { id: 'o-2', name: 'Trường THCS Nguyễn Du' };
    expect(toProfileUpdate({ ...form, pickedOrganisation: school }, saved).organisationId).toBe('o-2');
    expect(toProfileUpdate({ ...form, pickedOrganisation: null }, saved).organisationId).toBeNull();
    expect(shownOrganisation(form, saved)).toEqual({ id: 'o-1', name: 'Hợp tác xã' });
    expect(shownOrganisation({ ...form, pickedOrganisation: null }, saved)).toBeNull();
  });

  it('says the place changed only when another unit or organisation than the saved ones is chosen', () => {
    const form = profileForm(saved);
    expect(placeChanged(form, saved)).toBe(false);
    // The unit picker reports the saved unit as it loads it: not a new place.
    expect(placeChanged({ ...form, pickedUnit: unit('commune') }, saved)).toBe(false);
    expect(placeChanged({ ...form, pickedOrganisation: { id: 'o-1', name: 'Hợp tác xã' } }, saved)).toBe(
      false,
    );
    expect(placeChanged({ ...form, pickedUnit: unit('village') }, saved)).toBe(true);
    expect(placeChanged({ ...form, pickedOrganisation: null }, saved)).toBe(true);
    expect(placeChanged({ ...form, pickedOrganisation: { id: 'o-2', name: 'Trường' } }, saved)).toBe(true);
  });

  it('lists the organisations of the unit being chosen, else of the saved unit', () => {
    const form = profileForm(saved);
    expect(organisationUnitId(form, saved)).toBe('u-commune');
    expect(organisationUnitId({ ...form, pickedUnit: unit('village') }, saved)).toBe('u-village');
    expect(organisationUnitId(form, { ...saved, unit: null })).toBeUndefined();
  });

  it('refuses a province alone as the place to live', () => {
    const form = profileForm(saved);
    expect(profileFormErrors({ ...form, pickedUnit: unit('province') })).toEqual(['unitTooBroad']);
    expect(profileFormErrors({ ...form, pickedUnit: unit('commune') })).toEqual([]);
    expect(profileFormErrors(form)).toEqual([]);
  });
});
