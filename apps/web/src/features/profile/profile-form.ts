import type {
  AccessibilityPreferences,
  ProfileResponse,
  ProfileUpdate,
  UnitItem,
} from '../../api/access-types';
import type { OrganisationChoice } from '../../components/organisation-picker';

export interface ProfileForm {
  targetGroups: ProfileUpdate['targetGroups'];
  subGroups: ProfileUpdate['subGroups'];
  language: ProfileUpdate['language'];
  accessibility: AccessibilityPreferences;
  /** A unit newly chosen in the pickers; undefined keeps the saved one. */
  pickedUnit?: UnitItem;
  /** An organisation newly chosen (null: none); undefined keeps the saved one. */
  pickedOrganisation?: OrganisationChoice | null;
}

export const ACCESSIBILITY_KEYS = ['largeText', 'highContrast', 'captionsAlways', 'reducedMotion'] as const;

export function profileForm(profile: ProfileResponse): ProfileForm {
  return {
    targetGroups: profile.targetGroups,
    subGroups: profile.subGroups,
    language: profile.language,
    accessibility: Object.fromEntries(
      ACCESSIBILITY_KEYS.map((key) => [key, Boolean(profile.accessibility[key])]),
    ) as unknown as AccessibilityPreferences,
  };
}

export type ProfileFormError = 'unitTooBroad';

/** What is wrong before sending: a province alone is too broad a place to live (choose the commune). */
export function profileFormErrors(form: ProfileForm): ProfileFormError[] {
  return form.pickedUnit?.level === 'province' ? ['unitTooBroad'] : [];
}

/** The organisation the form shows: the newly chosen one (or none), else the saved one. */
export const shownOrganisation = (form: ProfileForm, saved: ProfileResponse): OrganisationChoice | null =>
  form.pickedOrganisation === undefined ? saved.organisation : form.pickedOrganisation;

/** The unit whose organisations the organisation picker lists: the one being chosen, else the saved one. */
export const organisationUnitId = (form: ProfileForm, saved: ProfileResponse): string | undefined =>
  form.pickedUnit?.id ?? saved.unit?.id;

/** The PUT body: every field, the saved unit and organisation kept unless new ones were chosen. */
export function toProfileUpdate(form: ProfileForm, saved: ProfileResponse): ProfileUpdate {
  return {
    targetGroups: form.targetGroups,
    subGroups: form.subGroups,
    unitId: form.pickedUnit?.id ?? saved.unit?.id ?? null,
    organisationId: shownOrganisation(form, saved)?.id ?? null,
    language: form.language,
    accessibility: form.accessibility,
  };
}

/**
 * Whether saving the form moves the learner to another unit or organisation than the saved ones. The unit
 * picker reports the saved unit as it loads it, so a picked unit alone does not mean the place changed.
 */
export function placeChanged(form: ProfileForm, saved: ProfileResponse): boolean {
  const update = toProfileUpdate(form, saved);
  return (
    update.unitId !== (saved.unit?.id ?? null) || update.organisationId !== (saved.organisation?.id ?? null)
  );
}
