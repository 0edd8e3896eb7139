import { normalizeVietnamesePhone } from '@hocvuso/domain';
import {
  type AssistedRegistrationInput,
  CONSENT_PURPOSES,
  CONSENT_TEXT_VERSION,
  type ConsentPurpose,
  type UnitItem,
} from '../../api/access-types';
import { isVietnamesePhone } from '../../components/phone';

/** What the helper fills in for a person registered in person. */
export interface RegistrationForm {
  displayName: string;
  phone: string;
  unit?: UnitItem;
  targetGroups: AssistedRegistrationInput['targetGroups'];
  subGroups: NonNullable<AssistedRegistrationInput['subGroups']>;
  /** The purposes the person agreed to, after hearing each text. */
  agreed: ConsentPurpose[];
  /** The helper read the texts to the person, who answered in person. */
  readInPerson: boolean;
}

export type RegistrationField = 'displayName' | 'phone' | 'unit' | 'targetGroups' | 'readInPerson';
export type RegistrationProblem =
  'nameRequired' | 'phoneInvalid' | 'unitRequired' | 'unitTooBroad' | 'groupsRequired' | 'inPersonRequired';

export const emptyRegistrationForm = (): RegistrationForm => ({
  displayName: '',
  phone: '',
  targetGroups: [],
  subGroups: [],
  agreed: [],
  readInPerson: false,
});

/** Every problem of the form, by field, in the order of the fields (for the error summary). */
export function registrationProblems(
  form: RegistrationForm,
): Array<[RegistrationField, RegistrationProblem]> {
  const problems: Array<[RegistrationField, RegistrationProblem]> = [];
  if (form.displayName.trim() === '') problems.push(['displayName', 'nameRequired']);
  if (!isVietnamesePhone(form.phone)) problems.push(['phone', 'phoneInvalid']);
  if (!form.unit) problems.push(['unit', 'unitRequired']);
  else if (form.unit.level === 'province') problems.push(['unit', 'unitTooBroad']);
  if (form.targetGroups.length === 0) problems.push(['targetGroups', 'groupsRequired']);
  if (!form.readInPerson) problems.push(['readInPerson', 'inPersonRequired']);
  return problems;
}

/**
 * The api's body. Every purpose gets an answer (agreed or not), with the version of the texts read out, so
 * the record shows what the person was asked as well as what they said. Call only when there is no problem.
 */
export function toAssistedRegistration(form: RegistrationForm): AssistedRegistrationInput {
  if (!form.unit) throw new Error('toAssistedRegistration needs a unit');
  return {
    displayName: form.displayName.trim().normalize('NFC'),
    phone: normalizeVietnamesePhone(form.phone),
    targetGroups: form.targetGroups,
    subGroups: form.subGroups,
    unitId: form.unit.id,
    consents: CONSENT_PURPOSES.map((purpose) => ({
      purpose,
      textVersion: CONSENT_TEXT_VERSION,
      granted: form.agreed.includes(purpose),
    })),
  };
}

/** "12345678" → "1234 5678": two groups of four are easier to copy by hand and to read aloud. */
export const formatSignInCode = (code: string): string => code.replace(/^(\d{4})(\d{4})$/, '$1 $2');

/** "+84912345678" → "0912 345 678", as people write their number (anything else is shown as it is). */
export function localPhone(e164: string): string {
  const match = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return match ? `0${match[1]} ${match[2]} ${match[3]}` : e164;
}
