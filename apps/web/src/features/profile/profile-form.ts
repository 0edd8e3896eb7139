import type {
  AccessibilityPreferences,
  ProfileResponse,
  ProfileUpdate,
  UnitItem,
} from '../../api/access-types';

export interface ProfileForm {
  targetGroups: string[];
  subGroups: string[];
  language: ProfileUpdate['language'];
  accessibility: AccessibilityPreferences;
  /** A unit newly chosen in the pickers; undefined keeps the saved one. */
  pickedUnit?: UnitItem;
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

/** The PUT body: every field, the saved unit and organisation kept unless a new unit was chosen. */
export function toProfileUpdate(form: ProfileForm, saved: ProfileResponse): ProfileUpdate {
  return {
    targetGroups: form.targetGroups,
    subGroups: form.subGroups,
    unitId: form.pickedUnit?.id ?? saved.unit?.id ?? null,
    organisationId: saved.organisation?.id ?? null,
    language: form.language,
    accessibility: form.accessibility,
  };
}

/** Adds or removes a value from a list of codes, keeping the order of `all`. */
export function toggleCode(list: string[], code: string, on: boolean, all: readonly string[]): string[] {
  const next = new Set(list);
  if (on) next.add(code);
  else next.delete(code);
  return all.filter((c) => next.has(c));
}
