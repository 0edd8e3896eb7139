import { describe, expect, it } from '@jest/globals';
import type { UnitItem } from '../../api/access-types';
import {
  emptyRegistrationForm,
  formatSignInCode,
  localPhone,
  type RegistrationForm,
  registrationProblems,
  toAssistedRegistration,
} from './assisted-registration';

const commune: UnitItem = {
  id: '3f0c7d1e-8d3a-4b59-9a51-0c6f4a0b2d11',
  code: 'DEMO01',
  level: 'commune',
  name: 'Xã Mẫu Một (minh hoạ)',
  path: '/DEMO/DEMO01/',
  parent_id: '9b1c2d3e-0000-4000-8000-000000000001',
  valid_from: '2025-07-01',
  valid_to: null,
  successor_codes: [],
};
const province: UnitItem = {
  ...commune,
  id: commune.parent_id!,
  code: 'DEMO',
  level: 'province',
  parent_id: null,
  valid_from: '2025-07-01',
  valid_to: null,
  successor_codes: [],
};

const filled = (overrides: Partial<RegistrationForm> = {}): RegistrationForm => ({
  ...emptyRegistrationForm(),
  displayName: '  Bà Lò Thị Mai ',
  phone: '0912 345 678',
  unit: commune,
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  agreed: ['learning-records'],
  readInPerson: true,
  ...overrides,
});

describe('registering a person in person', () => {
  it('lists every missing answer of an empty form, field by field, in the order of the page', () => {
    expect(registrationProblems(emptyRegistrationForm())).toEqual([
      ['displayName', 'nameRequired'],
      ['phone', 'phoneInvalid'],
      ['unit', 'unitRequired'],
      ['targetGroups', 'groupsRequired'],
      ['readInPerson', 'inPersonRequired'],
    ]);
  });

  it('refuses a number that is not a Vietnamese mobile, a province alone, and a consent not read out', () => {
    expect(registrationProblems(filled({ phone: '024 3825 1234' }))).toEqual([['phone', 'phoneInvalid']]);
    expect(registrationProblems(filled({ unit: province }))).toEqual([['unit', 'unitTooBroad']]);
    expect(registrationProblems(filled({ readInPerson: false }))).toEqual([
      ['readInPerson', 'inPersonRequired'],
    ]);
    expect(registrationProblems(filled())).toEqual([]);
  });

  it('sends the name in NFC, the phone in E.164, and an answer to every consent text with its version', () => {
    const decomposed = filled({ displayName: ' Bà Lò Thị Mai '.normalize('NFD') });
    expect(toAssistedRegistration(decomposed)).toEqual({
      displayName: 'Bà Lò Thị Mai'.normalize('NFC'),
      phone: '+84912345678',
      targetGroups: ['citizens'],
      subGroups: ['older-adults'],
      unitId: commune.id,
      consents: [
        { purpose: 'learning-records', textVersion: '2026-11', granted: true },
        { purpose: 'reminders-email', textVersion: '2026-11', granted: false },
        { purpose: 'data-sharing-unit', textVersion: '2026-11', granted: false },
      ],
    });
  });

  it('shows the code in two groups of four and the phone as people write it', () => {
    expect(formatSignInCode('12345678')).toBe('1234 5678');
    expect(formatSignInCode('123')).toBe('123');
    expect(localPhone('+84912345678')).toBe('0912 345 678');
    expect(localPhone('+4420123456')).toBe('+4420123456');
  });
});
